using System.ComponentModel.DataAnnotations;
using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;

namespace Feedback.Application.Common;

/// <summary>
/// The <c>Sla</c> section: the policy in force until one is stored through the API. <c>Preset</c> names one
/// of the documents' matrices; <c>Rules</c> (tried in the order listed) override it.
/// </summary>
public sealed class SlaOptions
{
    public string? Preset { get; set; }
    public List<SlaRuleOptions>? Rules { get; set; }

    /// <summary>The ladder's roles, level 1 first.</summary>
    public List<string>? Escalation { get; set; }

    /// <summary>How long after the level below each level from 2 on comes (2h, 4 working hours …); unset, 2h then 4h.</summary>
    public List<string>? EscalationAfter { get; set; }
    public double? WarnAt { get; set; }

    /// <summary>How long a ticket the customer sent back (不满意) has to be resolved again; unset, its rule's own time.</summary>
    public string? Reopen { get; set; }
    public TimeSpan NegativeReviewContact { get; set; } = TimeSpan.FromHours(24);

    public SlaPolicy ToPolicy()
    {
        if (NegativeReviewContact <= TimeSpan.Zero) throw new ArgumentException("Sla:NegativeReviewContact must be positive.");
        var (policy, errors) = ToDocument().Validate();
        return policy?.WithNegativeReviewContact(NegativeReviewContact)
            ?? throw new ArgumentException("The Sla section is not a valid policy: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    /// <summary>The section as the policy document the API takes, so that both are validated alike.</summary>
    public Sla.SlaPolicyDocument ToDocument() => Document() with { Reopen = Reopen };

    private Sla.SlaPolicyDocument Document()
    {
        var ladder = Ladder();
        if (Rules is { Count: > 0 })
            return new Sla.SlaPolicyDocument("configured", null, WarnAt, ladder, [.. Rules.Select((r, i) => r.ToDocument(i))]);
        var preset = Preset ?? "default";
        // A preset with its own ladder needs no more; with the configured one it becomes a rule document.
        return ladder is not null && SlaPresets.All.TryGetValue(preset, out var basis)
            ? Sla.SlaPolicyDocument.Of(basis) with { WarnAt = WarnAt ?? basis.WarnAt, Ladder = ladder }
            : new Sla.SlaPolicyDocument(Preset: preset, WarnAt: WarnAt);
    }

    /// <summary>The configured ladder, or null to keep the policy's: roles from <c>Escalation</c>, intervals from <c>EscalationAfter</c>, defaults for the rest.</summary>
    private List<Sla.LadderStepDocument>? Ladder()
    {
        if (Escalation is not { Count: > 0 } && EscalationAfter is not { Count: > 0 }) return null;
        var roles = Escalation is { Count: > 0 } ? Escalation : [.. SlaPolicy.DefaultLadder.Select(s => s.Role)];
        return [.. roles.Select((role, i) => new Sla.LadderStepDocument(i + 1, role, i == 0 ? null
            : EscalationAfter?.ElementAtOrDefault(i - 1) ?? SlaPolicy.DefaultLadder.ElementAtOrDefault(i)?.After?.ToString() ?? "4h"))];
    }
}

public sealed class SlaRuleOptions
{
    public FeedbackType? Type { get; set; }
    public Urgency? Urgency { get; set; }
    public Nature? Nature { get; set; }
    public string? Channel { get; set; }
    public string? Tier { get; set; }
    /// <summary>Elapsed ("1h", "01:00:00") or working time ("8 working hours", "3 working days").</summary>
    [Required] public string? Respond { get; set; }
    public string? Resolve { get; set; }
    public string? FollowUp { get; set; }
    public string? Calendar { get; set; }
    public int? StartLevel { get; set; }

    public Sla.SlaRuleDocument ToDocument(int index) => new(
        (index + 1) * 10, $"rule-{index + 1}",
        new Sla.SlaMatchDocument(
            Type is { } t ? [t.ToString()] : null, Urgency is { } u ? [u.ToString()] : null, Nature is { } n ? [n.ToString()] : null,
            Channel is { } c ? [c] : null, Tier is { } tier ? [tier] : null),
        Respond, Resolve, FollowUp, Calendar, StartLevel);
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
