namespace Feedback.Domain.Calendars;

/// <summary>A stretch of working time within a day, in the calendar's local time. An end of 00:00 is midnight at the day's end.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public bool EndsAtMidnight => End == TimeOnly.MinValue;

    /// <summary>Ends after it starts (or at midnight).</summary>
    public bool IsValid => EndsAtMidnight || End > Start;
}

public enum DayKind { Workday, Weekend, Holiday, MakeupWorkday }

/// <summary>A day as the calendar sees it: what kind of day, its name if it has one (国庆节), its working hours.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string? Name, IReadOnlyList<WorkingPeriod> Hours)
{
    public bool IsWorking => Hours.Count > 0;
}

/// <summary>A dated exception to the week: a day off (public holiday, closure) or a make-up working day (调休上班).</summary>
public sealed record SpecialDay(DateOnly Date, string Name, bool IsOffDay);
