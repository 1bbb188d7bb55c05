using Feedback.Domain.Analysis;

namespace Feedback.Domain.Sla;

/// <summary>What a rule can match a ticket on.</summary>
public sealed record TicketFacts(FeedbackType Type, Urgency Urgency, Nature Nature, string Channel, string? Tier = null)
{
    public static TicketFacts Of(Tickets.Ticket ticket, TicketAnalysis analysis) =>
        new(analysis.Classification.Type, analysis.Urgency, analysis.Classification.Nature, ticket.Channel, ticket.Feedback.Tier);
}

/// <summary>A rule's condition: each list present must contain the ticket's value; an empty match is the catch-all.</summary>
public sealed record SlaMatch(
    IReadOnlyList<FeedbackType>? Types = null,
    IReadOnlyList<Urgency>? Urgencies = null,
    IReadOnlyList<Nature>? Natures = null,
    IReadOnlyList<string>? Channels = null,
    IReadOnlyList<string>? Tiers = null)
{
    public static SlaMatch Any { get; } = new();

    public bool IsCatchAll => Empty(Types) && Empty(Urgencies) && Empty(Natures) && Empty(Channels) && Empty(Tiers);

    public bool Matches(TicketFacts f) =>
        In(Types, f.Type) && In(Urgencies, f.Urgency) && In(Natures, f.Nature)
        && InText(Channels, f.Channel) && InText(Tiers, f.Tier);

    private static bool Empty<T>(IReadOnlyList<T>? list) => list is not { Count: > 0 };

    private static bool In<T>(IReadOnlyList<T>? list, T value) => Empty(list) || list!.Contains(value);

    private static bool InText(IReadOnlyList<string>? list, string? value) =>
        Empty(list) || (value is not null && list!.Contains(value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>Which clock a rule's working-time targets count on: the business calendar, or round the clock.</summary>
public enum SlaClock { Business, Always }

/// <summary>
/// One row of a deadline matrix. Rules are tried by <see cref="Order"/>, the first match wins. A rule without
/// a resolution target sets none ("no fixed limit"); the follow-up target counts from the resolution.
/// </summary>
public sealed record SlaRule(int Order, string Name, SlaMatch Match, SlaDuration Respond, SlaDuration? Resolve)
{
    public SlaDuration? FollowUp { get; init; }
    public SlaClock Clock { get; init; } = SlaClock.Business;

    /// <summary>The ladder's level a missed target of this rule starts at (urgent tickets may go straight to 经理).</summary>
    public int StartLevel { get; init; } = 1;
}
