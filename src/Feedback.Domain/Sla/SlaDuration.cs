using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Domain.Calendars;

namespace Feedback.Domain.Sla;

public enum DurationKind { Elapsed, WorkingTime, WorkingDays }

/// <summary>
/// A target's length: elapsed time ("1h", "48h", "01:00:00"), working time ("8 working hours", "30 working
/// minutes") or working days ("3 working days", "1 working day"), the last two counted over a calendar.
/// </summary>
[JsonConverter(typeof(SlaDurationJsonConverter))]
public sealed partial record SlaDuration(DurationKind Kind, TimeSpan Time, int Days)
{
    public static SlaDuration Elapsed(TimeSpan time) => new(DurationKind.Elapsed, Positive(time), 0);
    public static SlaDuration WorkingTime(TimeSpan time) => new(DurationKind.WorkingTime, Positive(time), 0);
    public static SlaDuration WorkingDays(int days) => days > 0 ? new(DurationKind.WorkingDays, TimeSpan.Zero, days) : throw new ArgumentOutOfRangeException(nameof(days), "Count at least one working day.");

    public static implicit operator SlaDuration(TimeSpan elapsed) => Elapsed(elapsed);

    public DateTimeOffset DueFrom(DateTimeOffset start, BusinessCalendar calendar) => Kind switch
    {
        DurationKind.Elapsed => start + Time,
        DurationKind.WorkingTime => calendar.AddWorkingTime(start, Time),
        _ => calendar.AddWorkingDays(start, Days),
    };

    /// <summary>The due time on the given clock: round the clock, working time is elapsed time and a working day 24 h.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start, BusinessCalendar calendar, SlaClock clock) =>
        clock == SlaClock.Always ? start + (Kind == DurationKind.WorkingDays ? TimeSpan.FromDays(Days) : Time) : DueFrom(start, calendar);

    /// <summary>Whether this counts working time on that clock (then pauses and shares count working time too).</summary>
    public bool CountsWorkingTime(SlaClock clock) => Kind != DurationKind.Elapsed && clock == SlaClock.Business;

    /// <summary>Reads what <see cref="ToString"/> writes, and a plain TimeSpan ("01:00:00") as elapsed time.</summary>
    public static bool TryParse(string? text, out SlaDuration duration)
    {
        duration = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && t.Contains(':'))
        {
            duration = Elapsed(span);
            return true;
        }
        var m = Pattern().Match(t);
        if (!m.Success || !decimal.TryParse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0) return false;
        var working = m.Groups["working"].Success;
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        if (unit.StartsWith('d') && working)
        {
            if (n != decimal.Truncate(n)) return false;
            duration = WorkingDays((int)n);
            return true;
        }
        var time = unit[0] switch
        {
            'd' => TimeSpan.FromDays((double)n),
            'h' => TimeSpan.FromHours((double)n),
            _ => TimeSpan.FromMinutes((double)n),
        };
        duration = working ? WorkingTime(time) : Elapsed(time);
        return true;
    }

    public static SlaDuration Parse(string text) => TryParse(text, out var d) ? d
        : throw new FormatException($"'{text}' is not a duration: write 1h, 30m, 2d, 8 working hours, 30 working minutes or 3 working days.");

    public override string ToString() => Kind switch
    {
        DurationKind.WorkingDays => Days == 1 ? "1 working day" : $"{Days} working days",
        DurationKind.WorkingTime => Time.TotalMinutes % 60 == 0 ? Plural(Time.TotalHours, "working hour") : Plural(Time.TotalMinutes, "working minute"),
        _ => Time.TotalMinutes % 60 != 0 ? $"{Time.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m" : $"{Time.TotalHours.ToString(CultureInfo.InvariantCulture)}h",
    };

    private static string Plural(double n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    private static TimeSpan Positive(TimeSpan time) => time > TimeSpan.Zero ? time : throw new ArgumentException("SLA durations must be positive.", nameof(time));

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<working>working\s+)?(?<unit>m|min|mins|minutes?|h|hours?|d|days?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>Durations travel as the text people write ("4h", "3 working days").</summary>
public sealed class SlaDurationJsonConverter : JsonConverter<SlaDuration>
{
    public override SlaDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SlaDuration.TryParse(reader.GetString(), out var d) ? d : throw new JsonException($"'{reader.GetString()}' is not a duration.");

    public override void Write(Utf8JsonWriter writer, SlaDuration value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
