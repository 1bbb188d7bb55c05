using System.Text.Json.Serialization;
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
/// What happened, for the rest of the company: to a ticket (<see cref="TicketNumber"/> set), or to something
/// that is no ticket's (a warning, a report, a policy), named by <see cref="About"/>. Carries no personal
/// data: only the masked record ever reaches an event.
/// </summary>
public sealed record FeedbackEvent(
    string Id,
    string Type,
    string? TicketNumber,
    DateTimeOffset OccurredAt,
    string? Channel,
    Urgency? Urgency = null,
    int? Level = null,
    string? Detail = null)
{
    /// <summary>For an event about no ticket, what it is about ("warning:W-20261202-0001", "report:daily:2026-12-01").</summary>
    public string? About { get; init; }

    /// <summary>The department and owner the ticket is routed to when the event happened.</summary>
    public string? Department { get; init; }
    public string? Owner { get; init; }

    /// <summary>When the ticket was received: response and resolution times follow from it without the ticket.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>On ticket.triaged: what the analysis found, for the aggregates warnings and reports count.</summary>
    public TriageFacts? Facts { get; init; }

    /// <summary>For sla.* and ticket.escalated: the target, rule, due time and, for an escalation, the level's role.</summary>
    public SlaFact? Sla { get; init; }

    /// <summary>The ticket or the thing the event is about: the key its stream is kept and correlated under.</summary>
    [JsonIgnore]
    public string Subject => TicketNumber ?? About ?? Type;

    /// <summary>An event about a ticket as it now stands: its channel, urgency and escalation level go along for filtering.</summary>
    public static FeedbackEvent For(Tickets.Ticket ticket, string type, DateTimeOffset at, string? detail = null) =>
        new(NewId(), type, ticket.Number, at, ticket.Channel, ticket.Analysis?.Urgency, ticket.EscalationLevel, detail)
        {
            Department = ticket.Department,
            Owner = ticket.Owner,
            ReceivedAt = ticket.ReceivedAt,
        };

    /// <summary>An SLA log entry of the ticket as an event of the same type.</summary>
    public static FeedbackEvent For(Tickets.Ticket ticket, Sla.SlaRecord record) =>
        For(ticket, record.Type, record.At, record.Detail) with { Sla = new SlaFact(record.Target, record.Rule, record.DueAt, record.At) };

    /// <summary>
    /// A new event id. Version 7: its first digits are the time, so ids made one after another sort together and
    /// the stores' unique index on them grows at its end instead of touching a random page per event.
    /// </summary>
    public static string NewId() => Ids.NewVersion7(DateTimeOffset.UtcNow).ToString("N");

    /// <summary>An event about something that is no ticket's.</summary>
    public static FeedbackEvent Concerning(string about, string type, DateTimeOffset at, string? detail = null) =>
        new(NewId(), type, null, at, null, Detail: detail) { About = about };
}

/// <summary>
/// The analysis of a triaged ticket as the aggregates need it: no text, only labels, the library's terms, the
/// key phrases (drawn from the masked content), the social reach, and whether it mentions waiting.
/// </summary>
public sealed record TriageFacts(
    Analysis.FeedbackType Type, Analysis.Nature Nature, Analysis.SentimentLabel Sentiment,
    IReadOnlyList<string> KeyPhrases, IReadOnlyList<string> Keywords, double Reach, bool MentionsWaiting);

/// <summary>The SLA facts an event carries.</summary>
public sealed record SlaFact(Sla.Stage Target, string Rule, DateTimeOffset? DueAt, DateTimeOffset At)
{
    public int? Level { get; init; }
    public string? Role { get; init; }
    public TimeSpan? OverdueBy { get; init; }
}

/// <summary>An event as kept in the outbox, with its position in the feed.</summary>
public sealed record StoredEvent(long Sequence, FeedbackEvent Event);
