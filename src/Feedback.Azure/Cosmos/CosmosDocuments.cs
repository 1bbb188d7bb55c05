using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Azure.Cosmos;

/// <summary>
/// Containers and why their partition keys are what they are:
/// <list type="bullet">
/// <item><c>tickets</c>, key <c>/number</c>: a ticket is read and written by its number far more than
/// anything else (every activity, every agent command), so each is a point read in its own logical
/// partition; writes spread evenly. Lists (status, open, breached, reports by day) are cross-partition
/// queries over the indexed top-level fields, which the indexing policy in infra/ covers.</item>
/// <item><c>events</c>, key <c>/ticketNumber</c>: one ticket's history stays together; the feed reads
/// by the global <c>sequence</c>.</item>
/// <item><c>control</c>, key <c>/id</c>: counters, dedupe keys and checkpoints, each its own small
/// document; TTL is on, so dedupe keys with a window expire by themselves.</item>
/// <item><c>audit</c>, key <c>/id</c>: the audit trail, one document per entry under its sequence; the code
/// only ever creates them.</item>
/// </list>
/// </summary>
public static class CosmosContainers
{
    public const string Tickets = "tickets";
    public const string Events = "events";
    public const string Control = "control";
    public const string Reports = "reports";
    public const string Audit = "audit";
}

/// <summary>
/// A ticket with its query fields lifted to the top and the events its last writes caused but that
/// are not yet in the events container (<see cref="Pending"/>): one document write carries both, which
/// is the outbox without a cross-document transaction.
/// </summary>
internal sealed record TicketDocument(
    string Id, string Number, string Status, string Day, string Channel, long ReceivedAt,
    long RespondBy, long ResolveBy, long RespondedAt, long ResolvedAt, long BreachAt,
    Ticket Ticket, IReadOnlyList<FeedbackEvent> Pending)
{
    /// <summary>Stands for "no deadline yet" and "not yet met", so every comparison in a query has two numbers.</summary>
    public const long Never = 253402300799999;

    /// <summary>Lifted for erasure and retention: the channel's customer id, the contact hashed (never the contact), closure, and what is still held.</summary>
    public string? CustomerId { get; init; }
    public string? ContactKey { get; init; }
    public long ClosedAt { get; init; } = Never;
    public bool HoldsContact { get; init; }
    public bool HoldsFiles { get; init; }

    public static TicketDocument Of(Ticket t, string day, IReadOnlyList<FeedbackEvent> pending) => new(
        t.Number, t.Number, t.Status.ToString(), day, t.Channel, t.ReceivedAt.ToUnixTimeMilliseconds(),
        Ms(t.Plan?.RespondBy), Ms(t.Plan?.ResolveBy), Ms(t.RespondedAt), Ms(t.ResolvedAt), Ms(t.BreachesAt), t, pending)
    {
        CustomerId = t.Feedback.CustomerId,
        ContactKey = Domain.Privacy.Erasure.ContactKey(t.Contact.Value),
        ClosedAt = Ms(t.ClosedAt),
        HoldsContact = t.ContactErasedAt is null,
        HoldsFiles = Domain.Privacy.Erasure.HasAttachments(t),
    };

    private static long Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds() ?? Never;
}

internal sealed record EventDocument(string Id, string TicketNumber, long Sequence, string Type, FeedbackEvent Event);

internal sealed record CounterDocument(string Id, long Value);

internal sealed record SettingDocument(string Id, string Version, string Json);

/// <summary>One report row, flat, in the period's partition of the reports container; <see cref="DocType"/> "row".</summary>
internal sealed record ReportRowDocument(string Id, string Period, string Kind, string DocType, string Metric, string Dimension, double Value, string? Drill);

/// <summary>The period's header in its partition; <see cref="DocType"/> "report".</summary>
internal sealed record ReportHeaderDocument(string Id, string Period, string Kind, string DocType, string From, string To, long BuiltAt);

/// <summary>A record of another kind than tickets, in the control container (partitioned by id) beside the settings.</summary>
internal sealed record RecordDocument(string Id, string Kind, string RecordId, string Status, string? Department, long UpdatedAt, string Json);

/// <summary>A dedupe key; <see cref="Number"/> is null while the intake that claimed it is still writing.</summary>
internal sealed record DedupeDocument(string Id, string? Number, long? ExpiresAt, long ClaimedAt, int? Ttl);

internal sealed record AuditDocument(string Id, long Sequence, AuditEntry Entry);

internal sealed record DueDocument(string Number, long ClosedAt);
