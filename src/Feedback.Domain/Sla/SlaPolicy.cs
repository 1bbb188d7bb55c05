using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;

namespace Feedback.Domain.Sla;

/// <summary>
/// One row of the deadline matrix. Null type or urgency matches any; the most specific
/// matching rule wins, so the documents' differing matrices are all data.
/// </summary>
public sealed record SlaRule(FeedbackType? Type, Urgency? Urgency, SlaDuration Respond, SlaDuration Resolve)
{
    internal int Specificity => (Type is null ? 0 : 2) + (Urgency is null ? 0 : 1);

    internal bool Matches(FeedbackType type, Urgency urgency) =>
        (Type is null || Type == type) && (Urgency is null || Urgency == urgency);
}

/// <summary>The deadlines a ticket must meet, fixed at triage.</summary>
public sealed record SlaPlan(DateTimeOffset RespondBy, DateTimeOffset ResolveBy)
{
    /// <summary>The same plan with the response due no later than <paramref name="deadline"/>.</summary>
    public SlaPlan RespondNoLaterThan(DateTimeOffset deadline) => deadline < RespondBy ? this with { RespondBy = deadline } : this;
}

public sealed class SlaPolicy
{
    /// <summary>The design card's default: respond in 1 h when urgent, 4 h otherwise; resolve in 48 h.</summary>
    public static readonly IReadOnlyList<SlaRule> DefaultRules =
    [
        new(null, Urgency.High, TimeSpan.FromHours(1), TimeSpan.FromHours(48)),
        new(null, null, TimeSpan.FromHours(4), TimeSpan.FromHours(48)),
    ];

    /// <summary>升级: who a ticket goes to at each escalation level (level 1 is the first entry).</summary>
    public static readonly IReadOnlyList<string> DefaultLadder = ["supervisor 主管", "manager 经理", "director 总监"];

    private readonly IReadOnlyList<SlaRule> _rules;
    private readonly IReadOnlyList<string> _ladder;

    public SlaPolicy(IReadOnlyList<SlaRule> rules, IReadOnlyList<string> ladder)
    {
        if (!rules.Any(r => r.Type is null && r.Urgency is null))
            throw new ArgumentException("The SLA policy needs a catch-all rule (no type, no urgency).", nameof(rules));
        if (ladder.Count == 0)
            throw new ArgumentException("The escalation ladder needs at least one level.", nameof(ladder));
        _rules = rules;
        _ladder = ladder;
    }

    public static SlaPolicy Default { get; } = new(DefaultRules, DefaultLadder);

    /// <summary>A negative review must be answered within this long of being posted (the documents: 24 h).</summary>
    public TimeSpan NegativeReviewContact { get; init; } = TimeSpan.FromHours(24);

    public SlaRule RuleFor(FeedbackType type, Urgency urgency) =>
        _rules.Where(r => r.Matches(type, urgency)).MaxBy(r => r.Specificity)!;

    /// <summary>The deadlines, counted from receipt over the calendar (elapsed targets ignore it).</summary>
    public SlaPlan Plan(DateTimeOffset receivedAt, FeedbackType type, Urgency urgency, BusinessCalendar calendar)
    {
        var rule = RuleFor(type, urgency);
        return new SlaPlan(rule.Respond.DueFrom(receivedAt, calendar), rule.Resolve.DueFrom(receivedAt, calendar));
    }

    /// <summary>The latest response deadline any rule could give an item received then: a promise triage keeps.</summary>
    public DateTimeOffset LatestRespondBy(DateTimeOffset receivedAt, BusinessCalendar calendar) =>
        _rules.Max(r => r.Respond.DueFrom(receivedAt, calendar));

    /// <summary>The role at an escalation level; past the top of the ladder it stays at the top.</summary>
    public string EscalationTarget(int level) => _ladder[Math.Clamp(level, 1, _ladder.Count) - 1];
}
