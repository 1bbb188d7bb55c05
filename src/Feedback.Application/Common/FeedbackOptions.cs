using System.ComponentModel.DataAnnotations;
using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;

namespace Feedback.Application.Common;

/// <summary>The <c>Sla</c> section: the deadline matrix and the escalation ladder, as data.</summary>
public sealed class SlaOptions
{
    public List<SlaRuleOptions>? Rules { get; set; }
    public List<string>? Escalation { get; set; }
    public TimeSpan NegativeReviewContact { get; set; } = TimeSpan.FromHours(24);

    public SlaPolicy ToPolicy() => new(
        Rules is { Count: > 0 } ? Rules.Select(r => r.ToRule()).ToList() : SlaPolicy.DefaultRules,
        Escalation is { Count: > 0 } ? Escalation : SlaPolicy.DefaultLadder)
    {
        NegativeReviewContact = NegativeReviewContact > TimeSpan.Zero
            ? NegativeReviewContact
            : throw new ArgumentException("Sla:NegativeReviewContact must be positive."),
    };
}

public sealed class SlaRuleOptions
{
    public FeedbackType? Type { get; set; }
    public Urgency? Urgency { get; set; }
    /// <summary>Elapsed ("1h", "01:00:00") or working time ("8 working hours", "3 working days").</summary>
    [Required] public string? Respond { get; set; }
    [Required] public string? Resolve { get; set; }

    public SlaRule ToRule() => new(Type, Urgency, Duration(Respond, "Respond"), Duration(Resolve, "Resolve"));

    private static SlaDuration Duration(string? text, string name) =>
        text is null ? throw new InvalidOperationException($"Sla:Rules: '{name}' is required.")
        : SlaDuration.TryParse(text, out var d) ? d
        : throw new ArgumentException($"Sla:Rules: '{name}' = '{text}' is not a duration: write 1h, 8 working hours or 3 working days.");
}

/// <summary>The <c>Intake</c> section.</summary>
public sealed class IntakeOptions
{
    /// <summary>The same content from the same contact within this window is a duplicate.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

}

/// <summary>
/// The <c>Business</c> section: where the business is, which everything that speaks of a day or a local
/// time reads (ticket numbers, channel health's hours, the times promised to customers).
/// </summary>
public sealed class BusinessOptions
{
    [Required] public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Working hours by weekday ("Monday": "09:00-12:00,13:30-18:00"); unset, Monday to Friday, 09:00–12:00 and 13:30–18:00.</summary>
    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"china" (the State Council's holidays and make-up days) or "none".</summary>
    public string OfficialHolidays { get; set; } = "china";

    /// <summary>The week the hours describe, or why they do not describe one.</summary>
    public (IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>? Week, string? Error) Week()
    {
        if (Hours.Count == 0) return (BusinessCalendar.StandardWeek, null);
        var week = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)[]);
        foreach (var (name, text) in Hours)
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day))
                return (null, $"Business:Hours:{name} names no weekday.");
            if (WorkingPeriods.Parse(text) is not { } periods) return (null, $"Business:Hours:{name} = '{text}' is not like 09:00-12:00,13:30-18:00.");
            week[day] = periods;
        }
        return (week, null);
    }
}
