using System.Globalization;
using System.Text.RegularExpressions;

namespace Feedback.Domain.Tickets;

/// <summary>工单编号: FB-yyyyMMdd-nnnnnn, the sequence restarting each business day.</summary>
public static partial class TicketNumber
{
    public static string Format(DateOnly day, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"FB-{day:yyyyMMdd}-{sequence:000000}");

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>The business day an item received at <paramref name="at"/> belongs to.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    [GeneratedRegex(@"^FB-\d{8}-\d{6,}$")]
    private static partial Regex Pattern();
}
