using Feedback.Domain.Analysis;

namespace Feedback.Domain.Events;

public static class TicketEventTypes
{
    public const string Created = "ticket.created";
    public const string Triaged = "ticket.triaged";
    public const string Responded = "ticket.responded";
    public const string Escalated = "ticket.escalated";
    public const string Resolved = "ticket.resolved";
    public const string Closed = "ticket.closed";
    public const string Rated = "ticket.rated";
    public const string SetAside = "ticket.set-aside";
    public const string FollowedUp = "ticket.followed-up";
}

/// <summary>
/// What happened to a ticket, for the rest of the company. Carries no personal data:
/// only the masked record ever reaches an event.
/// </summary>
public sealed record TicketEvent(
    string Id,
    string Type,
    string TicketNumber,
    DateTimeOffset OccurredAt,
    string Channel,
    Urgency? Urgency = null,
    int? Level = null,
    string? Detail = null)
{
    /// <summary>An event about a ticket as it now stands: its channel, urgency and escalation level go along for filtering.</summary>
    public static TicketEvent For(Tickets.Ticket ticket, string type, DateTimeOffset at, string? detail = null) =>
        new(Guid.NewGuid().ToString("N"), type, ticket.Number, at, ticket.Channel, ticket.Analysis?.Urgency, ticket.EscalationLevel, detail);
}

/// <summary>An event as kept in the outbox, with its position in the feed.</summary>
public sealed record StoredEvent(long Sequence, TicketEvent Event);
