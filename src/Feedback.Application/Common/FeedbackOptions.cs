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
    public TimeSpan NegativeReviewContact { get; set; } = TimeSpan.FromHours(24);

    public SlaPolicy ToPolicy()
    {
        if (NegativeReviewContact <= TimeSpan.Zero) throw new ArgumentException("Sla:NegativeReviewContact must be positive.");
        var (policy, errors) = ToDocument().Validate();
        if (policy is null)
            throw new ArgumentException("The Sla section is not a valid policy: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return new SlaPolicy(policy.Name, policy.Rules, policy.Ladder, policy.WarnAt) { NegativeReviewContact = NegativeReviewContact };
    }

    public Sla.SlaPolicyDocument ToDocument()
    {
        var ladder = Escalation is { Count: > 0 } roles
            ? roles.Select((role, i) => new Sla.LadderStepDocument(i + 1, role, i == 0 ? null
                : EscalationAfter?.ElementAtOrDefault(i - 1) ?? SlaPolicy.DefaultLadder.ElementAtOrDefault(i)?.After?.ToString() ?? "4h")).ToList()
            : EscalationAfter is { Count: > 0 } ? SlaPolicy.DefaultLadder.Select((s, i) => new Sla.LadderStepDocument(s.Level, s.Role, i == 0 ? null : EscalationAfter.ElementAtOrDefault(i - 1) ?? s.After?.ToString())).ToList()
            : null;
        if (Rules is not { Count: > 0 })
        {
            var preset = Preset ?? "default";
            if (ladder is null) return new Sla.SlaPolicyDocument(Preset: preset, WarnAt: WarnAt);
            // A preset's rules with the configured ladder.
            var basis = SlaPresets.All.TryGetValue(preset, out var p) ? p : null;
            return basis is null ? new Sla.SlaPolicyDocument(Preset: preset)
                : Sla.SlaPolicyDocument.Of(basis) with { WarnAt = WarnAt ?? basis.WarnAt, Ladder = ladder };
        }
        return new Sla.SlaPolicyDocument("configured", null, WarnAt, ladder,
            [.. Rules.Select((r, i) => r.ToDocument(i))]);
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
