using System.ComponentModel.DataAnnotations;
using Feedback.Domain.Analysis;
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
    [Required] public TimeSpan? Respond { get; set; }
    [Required] public TimeSpan? Resolve { get; set; }

    public SlaRule ToRule() => new(Type, Urgency,
        Respond ?? throw new InvalidOperationException("Sla:Rules: 'Respond' is required."),
        Resolve ?? throw new InvalidOperationException("Sla:Rules: 'Resolve' is required."));
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
}
