using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Ports;

/// <summary>A key that makes an intake idempotent; an expired key no longer matches.</summary>
public sealed record DedupeKey(string Value, DateTimeOffset? ExpiresAt);

/// <summary>A ticket still without a number, the day whose sequence numbers it, and what makes it a duplicate.</summary>
public sealed record TicketDraft(Ticket Ticket, DateOnly Day, IReadOnlyList<DedupeKey> Keys, FeedbackEvent Created);

public sealed record IntakeOutcome(string Number, TicketStatus Status, bool Created)
{
    /// <summary>Why a new item was set aside as junk (see <c>JunkFilter</c>); null otherwise.</summary>
    public string? SetAsideReason { get; init; }

    /// <summary>For a duplicate, the dedupe key that found the existing ticket; it tells a retry from a repeat.</summary>
    public string? MatchedKey { get; init; }
}

public sealed record Versioned<T>(T Value, string ETag);

/// <summary>
/// The tickets, as documents: point reads by number, ETag-checked replaces, idempotent creates. Document-shaped
/// so that Cosmos fits as well as SQLite. Every write carries the events it causes, stored in the same unit of
/// work (transactional outbox; see <see cref="IEventLog"/>).
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
    Task<bool> TryReplaceAsync(Ticket ticket, string etag, IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken);

    /// <summary>The ticket a live dedupe key names (an e-mail's Message-ID, a review's id), or null.</summary>
    Task<string?> FindByKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);
}
