using System.Text.Json;

namespace Feedback.Domain.Calendars;

/// <summary>
/// China's official holidays and make-up working days (NateScarlet/holiday-cn, MIT; Data/holiday-cn/SOURCE.md),
/// embedded one file per notice year. All years are read: a notice may list days of the year after it.
/// </summary>
public static class ChinaHolidays
{
    private static readonly Lazy<(IReadOnlyList<SpecialDay> Days, IReadOnlySet<int> Years)> Data = new(Load);

    public static IReadOnlyList<SpecialDay> Days => Data.Value.Days;

    /// <summary>The notice years that list days; a year whose notice is not out yet is not among them.</summary>
    public static IReadOnlySet<int> YearsCovered => Data.Value.Years;

    private static (IReadOnlyList<SpecialDay>, IReadOnlySet<int>) Load()
    {
        var assembly = typeof(ChinaHolidays).Assembly;
        var days = new Dictionary<DateOnly, SpecialDay>();
        var years = new HashSet<int>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("holiday-cn.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var notice = JsonSerializer.Deserialize<Notice>(stream, FeedbackJson.Options)!;
            if (notice.Days is not { Count: > 0 }) continue;
            years.Add(notice.Year);
            // A later notice that names a day again is the later word on it.
            foreach (var d in notice.Days) days[DateOnly.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture)] =
                new SpecialDay(DateOnly.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture), d.Name, d.IsOffDay);
        }
        return ([.. days.Values.OrderBy(d => d.Date)], years);
    }

    private sealed record Notice(int Year, List<NoticeDay>? Days);

    private sealed record NoticeDay(string Name, string Date, bool IsOffDay);
}
