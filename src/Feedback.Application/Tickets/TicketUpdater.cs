using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tickets;

/// <summary>What a command decides for the ticket as it finds it.</summary>
public sealed record TicketChange(Ticket? Updated, IReadOnlyList<FeedbackEvent> Events, string? Refusal)
{
    public static TicketChange To(Ticket updated, params FeedbackEvent[] events) => new(updated, events, null);
    public static TicketChange None { get; } = new(null, [], null);
    public static TicketChange Refuse(string detail) => new(null, [], detail);
}

/// <summary>Applies a change with optimistic concurrency: on a stale ETag it reads again and re-decides.</summary>
public sealed class TicketUpdater(ITicketStore store)
{
    private const int Attempts = 8;

    public async Task<Outcome<(Ticket Ticket, bool Changed)>> UpdateAsync(
        string number, Func<Ticket, TicketChange> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await store.GetAsync(number, cancellationToken);
            if (current is null) return Outcome<(Ticket, bool)>.NotFound($"Ticket '{number}' does not exist.");
            var change = decide(current.Value);
            if (change.Refusal is not null) return Outcome<(Ticket, bool)>.Conflict(change.Refusal);
            if (change.Updated is null) return Outcome<(Ticket, bool)>.Ok((current.Value, false));
            if (await store.TryReplaceAsync(change.Updated, current.ETag, change.Events, cancellationToken))
                return Outcome<(Ticket, bool)>.Ok((change.Updated, true));
        }
        throw new InvalidOperationException($"Ticket '{number}' kept changing under {Attempts} attempts to update it.");
    }
}
