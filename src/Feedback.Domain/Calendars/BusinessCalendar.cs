namespace Feedback.Domain.Calendars;

/// <summary>
/// 工作日历: a time zone, working hours per weekday (several periods a day), and dated exceptions: official
/// holidays and make-up working days, then the company's own, which win. A make-up working day keeps the
/// hours of an ordinary Monday. Durations in working time count only the hours inside working periods.
/// </summary>
public sealed class BusinessCalendar
{
    // No real calendar has a year without working time; this bounds a search over one that would.
    private const int MaxDaysSearched = 3 * 366;

    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> _week;
    private readonly Dictionary<DateOnly, SpecialDay> _special;
    private readonly IReadOnlyList<WorkingPeriod> _makeupHours;

    public BusinessCalendar(
        TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week,
        IEnumerable<SpecialDay> official, IEnumerable<SpecialDay> custom, IReadOnlySet<int> yearsCovered)
    {
        if (!week.Values.Any(p => p.Count > 0)) throw new ArgumentException("A calendar needs working hours on at least one weekday.", nameof(week));
        foreach (var (day, periods) in week)
            for (var i = 0; i < periods.Count; i++)
                if (!periods[i].IsValid || (i > 0 && (periods[i - 1].EndsAtMidnight || periods[i].Start < periods[i - 1].End)))
                    throw new ArgumentException($"{day}: working periods must be in order, each ending after it starts and not overlapping.", nameof(week));
        Zone = zone;
        _week = week;
        _special = official.ToDictionary(d => d.Date);
        foreach (var day in custom) _special[day.Date] = day;
        _makeupHours = week.GetValueOrDefault(DayOfWeek.Monday) is { Count: > 0 } monday ? monday : week.Values.First(p => p.Count > 0);
        YearsCovered = yearsCovered;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The years whose official arrangements are known; outside them only weekends and the company's own days count.</summary>
    public IReadOnlySet<int> YearsCovered { get; }

    /// <summary>The design card's week: Monday to Friday, 09:00–12:00 and 13:30–18:00.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> StandardWeek { get; } = Week(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(18, 0)));

    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Week(IEnumerable<DayOfWeek> days, params WorkingPeriod[] periods)
    {
        var set = days.ToHashSet();
        return Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => (IReadOnlyList<WorkingPeriod>)(set.Contains(d) ? periods : []));
    }

    public CalendarDay Day(DateOnly date)
    {
        if (_special.TryGetValue(date, out var special))
            return special.IsOffDay
                ? new CalendarDay(date, DayKind.Holiday, special.Name, [])
                : new CalendarDay(date, DayKind.MakeupWorkday, special.Name, _makeupHours);
        var hours = _week[date.DayOfWeek];
        return hours.Count > 0 ? new CalendarDay(date, DayKind.Workday, null, hours) : new CalendarDay(date, DayKind.Weekend, null, []);
    }

    /// <summary>The instant when <paramref name="amount"/> of working time has passed since <paramref name="from"/>.
    /// Time used up exactly at the end of a period is due at that end, not at the next period's start.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        if (amount < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(amount), "Working time cannot be negative.");
        if (amount == TimeSpan.Zero) return from;
        var left = amount;
        foreach (var (start, end) in PeriodsFrom(from))
        {
            var begin = start > from ? start : from;
            if (left <= end - begin) return (begin + left).ToOffset(from.Offset);
            left -= end - begin;
        }
        throw new InvalidOperationException("The calendar has no working time ahead.");
    }

    /// <summary>
    /// The same point of the working day, <paramref name="days"/> working days later. From outside working
    /// hours the point is the next working day's start, which is the end of the working day before it:
    /// one working day from Friday evening is due at Monday's close.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), "Count at least one working day.");
        var date = LocalDate(from);
        var day = Day(date);
        var offset = day.IsWorking ? WorkedBefore(day, from) : TimeSpan.Zero;
        if (!day.IsWorking || offset >= Length(day)) (date, offset) = (NextWorkingDay(date).Date, TimeSpan.Zero);
        if (offset == TimeSpan.Zero) days--;
        var target = Day(date);
        for (var i = 0; i < days; i++) target = NextWorkingDay(target.Date);
        if (offset == TimeSpan.Zero) return End(target).ToOffset(from.Offset);
        return AddWorkingTime(Instant(target.Date, target.Hours[0].Start), offset < Length(target) ? offset : Length(target)).ToOffset(from.Offset);
    }

    /// <summary>The working time inside [from, to).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in PeriodsFrom(from))
        {
            if (start >= to) break;
            var begin = start > from ? start : from;
            total += (end < to ? end : to) - begin;
        }
        return total;
    }

    /// <summary>The working periods that end after <paramref name="from"/>, as instants, in order.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> PeriodsFrom(DateTimeOffset from)
    {
        var date = LocalDate(from).AddDays(-1);   // a period of the day before may still run, in another offset
        for (var i = 0; i < MaxDaysSearched; i++, date = date.AddDays(1))
            foreach (var period in Day(date).Hours)
            {
                var end = EndOf(date, period);
                if (end > from) yield return (Instant(date, period.Start), end);
            }
    }

    private TimeSpan WorkedBefore(CalendarDay day, DateTimeOffset at) =>
        WorkingTimeBetween(Instant(day.Date, day.Hours[0].Start), at < End(day) ? at : End(day));

    private TimeSpan Length(CalendarDay day) => WorkingTimeBetween(Instant(day.Date, day.Hours[0].Start), End(day));

    private DateTimeOffset End(CalendarDay day) => EndOf(day.Date, day.Hours[^1]);

    private DateTimeOffset EndOf(DateOnly date, WorkingPeriod period) =>
        period.EndsAtMidnight ? Instant(date.AddDays(1), TimeOnly.MinValue) : Instant(date, period.End);

    private CalendarDay NextWorkingDay(DateOnly after)
    {
        for (var (date, i) = (after.AddDays(1), 0); i < MaxDaysSearched; date = date.AddDays(1), i++)
            if (Day(date) is { IsWorking: true } day) return day;
        throw new InvalidOperationException("The calendar has no working day ahead.");
    }

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>A local wall-clock time as an instant. A time skipped by a DST change moves to the first one
    /// after the gap; a time that happens twice takes its first occurrence.</summary>
    private DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
