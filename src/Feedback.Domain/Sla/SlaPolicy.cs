using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;

namespace Feedback.Domain.Sla;

/// <summary>
/// The deadline matrix as data: rules tried by order, first match wins, a catch-all required; the escalation
/// ladder; the share of each target at which a warning goes out.
/// </summary>
public sealed class SlaPolicy
{
    public const double DefaultWarnAt = 0.8;

    /// <summary>升级: 主管 at the miss, 经理 2 h later, 总监 4 h after that.</summary>
    public static readonly IReadOnlyList<EscalationStep> DefaultLadder =
    [
        new(1, "supervisor 主管"),
        new(2, "manager 经理", SlaDuration.Elapsed(TimeSpan.FromHours(2))),
        new(3, "director 总监", SlaDuration.Elapsed(TimeSpan.FromHours(4))),
    ];

    public SlaPolicy(string name, IReadOnlyList<SlaRule> rules, IReadOnlyList<EscalationStep> ladder, double warnAt = DefaultWarnAt)
    {
        if (!rules.Any(r => r.Match.IsCatchAll))
            throw new ArgumentException("The SLA policy needs a catch-all rule (one that matches every ticket).", nameof(rules));
        if (rules.Select(r => r.Order).Distinct().Count() != rules.Count)
            throw new ArgumentException("Each rule needs its own order.", nameof(rules));
        if (ladder.Count == 0 || !ladder.Select(s => s.Level).SequenceEqual(Enumerable.Range(1, ladder.Count)))
            throw new ArgumentException("The escalation ladder needs levels 1, 2, 3 … in order.", nameof(ladder));
        if (rules.Any(r => r.StartLevel < 1 || r.StartLevel > ladder.Count))
            throw new ArgumentException("A rule's start level must be on the ladder.", nameof(rules));
        if (warnAt is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(warnAt), "The warning share must be between 0 and 1.");
        Name = name;
        Rules = [.. rules.OrderBy(r => r.Order)];
        Ladder = ladder;
        WarnAt = warnAt;
    }

    public string Name { get; }
    public IReadOnlyList<SlaRule> Rules { get; }
    public IReadOnlyList<EscalationStep> Ladder { get; }
    public double WarnAt { get; }

    /// <summary>A negative review must be answered within this long of being posted (the documents: 24 h).</summary>
    public TimeSpan NegativeReviewContact { get; init; } = TimeSpan.FromHours(24);

    public static SlaPolicy Default => SlaPresets.Default;

    /// <summary>
    /// The reopen rule (二次处理): how long a ticket reopened after the customer's 不满意 has to be resolved again;
    /// null keeps the ticket's own rule's resolution time.
    /// </summary>
    public SlaDuration? ReopenResolve { get; init; }

    public SlaPolicy WithNegativeReviewContact(TimeSpan contact) => new(Name, Rules, Ladder, WarnAt) { NegativeReviewContact = contact, ReopenResolve = ReopenResolve };

    /// <summary>
    /// The plan for an analysed ticket, counted from its receipt: its rule's, with a negative review's response
    /// due no later than <see cref="NegativeReviewContact"/> after its posting (reviews are public).
    /// </summary>
    public SlaPlan Plan(Tickets.Ticket ticket, TicketAnalysis analysis, BusinessCalendar calendar)
    {
        var plan = Plan(ticket.ReceivedAt, TicketFacts.Of(ticket, analysis), calendar);
        return ticket.Feedback.Rating is not null && analysis.Sentiment.Label == SentimentLabel.Negative
            ? plan.RespondNoLaterThan((ticket.Feedback.SubmittedAt ?? ticket.ReceivedAt) + NegativeReviewContact)
            : plan;
    }

    public SlaRule RuleFor(TicketFacts facts) => Rules.First(r => r.Match.Matches(facts));

    /// <summary>The deadlines and warning times, counted from receipt over the calendar (elapsed targets ignore it).</summary>
    public SlaPlan Plan(DateTimeOffset receivedAt, TicketFacts facts, BusinessCalendar calendar) =>
        PlanFor(RuleFor(facts), receivedAt, calendar);

    public SlaPlan PlanFor(SlaRule rule, DateTimeOffset receivedAt, BusinessCalendar calendar)
    {
        var respondBy = rule.Respond.DueFrom(receivedAt, calendar, rule.Clock);
        var resolveBy = rule.Resolve?.DueFrom(receivedAt, calendar, rule.Clock);
        return new SlaPlan(respondBy, resolveBy)
        {
            Rule = rule.Name,
            Clock = rule.Clock,
            Respond = rule.Respond,
            Resolve = rule.Resolve,
            FollowUp = rule.FollowUp,
            RespondWarnAt = SlaPlan.ShareOf(receivedAt, respondBy, WarnAt, rule.Respond.CountsWorkingTime(rule.Clock), calendar),
            ResolveWarnAt = resolveBy is { } r ? SlaPlan.ShareOf(receivedAt, r, WarnAt, rule.Resolve!.CountsWorkingTime(rule.Clock), calendar) : null,
            StartLevel = rule.StartLevel,
            Ladder = [.. Ladder],
        };
    }

    /// <summary>A new resolution target from <paramref name="from"/> (a reopened ticket), under the plan's own rule or <paramref name="within"/>.</summary>
    public static SlaPlan ResolveAgain(SlaPlan plan, DateTimeOffset from, double warnAt, BusinessCalendar calendar, SlaDuration? within = null)
    {
        if ((within ?? plan.Resolve) is not { } resolve) return plan with { ResolveBy = null, ResolveWarnAt = null, FollowUpBy = null };
        var due = resolve.DueFrom(from, calendar, plan.Clock);
        return plan with
        {
            ResolveBy = due,
            ResolveWarnAt = SlaPlan.ShareOf(from, due, warnAt, resolve.CountsWorkingTime(plan.Clock), calendar),
            FollowUpBy = null,
        };
    }

    /// <summary>The latest response deadline any rule could give an item received then: a promise triage keeps.</summary>
    public DateTimeOffset LatestRespondBy(DateTimeOffset receivedAt, BusinessCalendar calendar) =>
        Rules.Max(r => r.Respond.DueFrom(receivedAt, calendar, r.Clock));

    /// <summary>The role at an escalation level; past the top of the ladder it stays at the top.</summary>
    public string EscalationTarget(int level) => Ladder[Math.Clamp(level, 1, Ladder.Count) - 1].Role;
}
