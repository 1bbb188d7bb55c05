using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Ports;

/// <summary>A key that makes an intake idempotent; an expired key no longer matches.</summary>
public sealed record DedupeKey(string Value, DateTimeOffset? ExpiresAt);

/// <summary>A ticket still without a number, the day whose sequence numbers it, and what makes it a duplicate.</summary>
public sealed record TicketDraft(Ticket Ticket, DateOnly Day, IReadOnlyList<DedupeKey> Keys, TicketEvent Created);

public sealed record IntakeOutcome(string Number, TicketStatus Status, bool Created)
{
    /// <summary>Why a new item was set aside as junk (see <c>JunkFilter</c>); null otherwise.</summary>
    public string? SetAsideReason { get; init; }

    /// <summary>For a duplicate, the dedupe key that found the existing ticket; it tells a retry from a repeat.</summary>
    public string? MatchedKey { get; init; }
}

public sealed record Versioned<T>(T Value, string ETag);

/// <summary>Tickets accepted and waiting for their workflow's triage (open, no deadlines yet), and the oldest one's receipt.</summary>
public sealed record WorkflowBacklog(int Untriaged, DateTimeOffset? OldestReceivedAt);

public sealed record TicketQuery(TicketStatus? Status = null, bool? Breached = null, bool OpenOnly = false, int Limit = 100);

/// <summary>
/// The document store. Document-shaped so that Cosmos fits as well as SQLite: point reads by
/// ticket number, ETag-checked replaces, idempotent creates, queries by status and due time.
/// Every write carries the events it causes, stored in the same unit of work (transactional outbox).
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Creates the ticket with the next number of its day, unless a live dedupe key already
    /// names a ticket: then that ticket is returned and nothing is written.
    /// </summary>
    Task<IntakeOutcome> CreateAsync(TicketDraft draft, CancellationToken cancellationToken);

    Task<Versioned<Ticket>?> GetAsync(string number, CancellationToken cancellationToken);

    /// <summary>Replaces the ticket if its ETag still matches; false when someone else wrote first.</summary>
    Task<bool> TryReplaceAsync(Ticket ticket, string etag, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ticket>> ListAsync(TicketQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken cancellationToken);

    /// <summary>What the workflows have yet to triage; cheap, because health asks on every probe.</summary>
    Task<WorkflowBacklog> ReadBacklogAsync(CancellationToken cancellationToken);

    /// <summary>Adds to a named counter (a monthly budget, say) and returns the new total; atomic.</summary>
    Task<long> AddToCounterAsync(string name, long amount, CancellationToken cancellationToken);

    /// <summary>Every named counter whose name starts with the prefix, with its total.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The ticket a live dedupe key names (an e-mail's Message-ID, a review's id), or null.</summary>
    Task<string?> FindByKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A named settings document (the keyword library …) and its version, or null if never written.</summary>
    Task<(string Json, string Version)?> ReadSettingAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces a named settings document; returns its new version.</summary>
    Task<string> WriteSettingAsync(string name, string json, CancellationToken cancellationToken);

    /// <summary>How far a named reader (the outbox relay) has got through the events; 0 at first.</summary>
    Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken);

    Task WriteCheckpointAsync(string name, long sequence, CancellationToken cancellationToken);

    /// <summary>Answers quickly if the store can be reached; throws if not.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
