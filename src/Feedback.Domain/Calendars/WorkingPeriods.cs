using System.Globalization;

namespace Feedback.Domain.Calendars;

/// <summary>Working periods written as "09:00-12:00,13:30-18:00" (24:00 or 00:00 as an end is midnight).</summary>
public static class WorkingPeriods
{
    public static IReadOnlyList<WorkingPeriod>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var periods = new List<WorkingPeriod>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TryTime(ends[0], out var start) || !TryTime(ends[1], out var end)) return null;
            var period = new WorkingPeriod(start, end);
            if (!period.IsValid || (periods.Count > 0 && (periods[^1].EndsAtMidnight || start < periods[^1].End))) return null;
            periods.Add(period);
        }
        return periods;
    }

    public static string Format(IReadOnlyList<WorkingPeriod> periods) =>
        string.Join(',', periods.Select(p => $"{p.Start:HH\\:mm}-{(p.EndsAtMidnight ? "24:00" : p.End.ToString("HH\\:mm", CultureInfo.InvariantCulture))}"));

    private static bool TryTime(string text, out TimeOnly time)
    {
        if (text == "24:00") { time = TimeOnly.MinValue; return true; }
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
