using System.Globalization;

namespace Feedback.Domain.Reports;

/// <summary>A report's period in business days: a day (2026-12-01), an ISO week (2026-W49, Monday to Sunday) or a month (2026-11).</summary>
public sealed record ReportPeriod(string Kind, string Id, DateOnly From, DateOnly To)
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public static readonly IReadOnlyList<string> Kinds = [Daily, Weekly, Monthly];

    public string Key => $"{Kind}:{Id}";

    public static ReportPeriod Day(DateOnly day) => new(Daily, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day, day.AddDays(1));

    public static ReportPeriod Week(DateOnly anyDay)
    {
        var monday = anyDay.AddDays(-(((int)anyDay.DayOfWeek + 6) % 7));
        return new(Weekly, string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}"), monday, monday.AddDays(7));
    }

    public static ReportPeriod Month(DateOnly anyDay)
    {
        var first = new DateOnly(anyDay.Year, anyDay.Month, 1);
        return new(Monthly, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1));
    }

    /// <summary>The period just before this one, of the same kind: the trend compares with it.</summary>
    public ReportPeriod Previous() => Kind switch
    {
        Daily => Day(From.AddDays(-1)),
        Weekly => Week(From.AddDays(-7)),
        _ => Month(From.AddMonths(-1)),
    };

    public static ReportPeriod? Parse(string kind, string id)
    {
        switch (kind)
        {
            case Daily when DateOnly.TryParseExact(id, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                return Day(day);
            case Weekly when id.Length == 8 && id[4..6] == "-W" && int.TryParse(id[..4], CultureInfo.InvariantCulture, out var year)
                && int.TryParse(id[6..], CultureInfo.InvariantCulture, out var week) && week is >= 1 and <= 53 && week <= ISOWeek.GetWeeksInYear(year):
                return Week(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
            case Monthly when DateOnly.TryParseExact(id + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first):
                return Month(first);
            default:
                return null;
        }
    }
}

/// <summary>One fact of a report, flat for Power BI: (period, metric, dimension, value), with the tickets behind it.</summary>
public sealed record ReportRow(string Period, string Metric, string Dimension, double Value)
{
    /// <summary>The ticket list behind the figure: <c>/api/tickets?from=…&amp;to=…&amp;…</c>.</summary>
    public string? Drill { get; init; }
}

public sealed record Report(string Kind, string Period, DateOnly From, DateOnly To, DateTimeOffset BuiltAt, IReadOnlyList<ReportRow> Rows)
{
    public const string RecordKind = "report";
    public string Id => $"{Kind}:{Period}";
}
