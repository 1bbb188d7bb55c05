using System.Collections.Concurrent;
using Feedback.Application.Ports;
using Feedback.Domain.Tickets;

namespace Feedback.Local.Storage;

/// <summary>
/// The tickets written last, as committed. A new ticket is read at once by each analysis step and by
/// triage; this saves those reads and their JSON. Only the writer's thread puts, after each commit
/// and in commit order, so an entry is never older than the row; readers never put, since what they
/// read may already be superseded. The oldest entries go first when it is full. Each entry keeps the row's
/// updatable column values as written, so that the next update of that version need not read or recompute them.
/// </summary>
internal sealed class RecentTickets(int capacity)
{
    private readonly ConcurrentDictionary<string, Recent> _tickets = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public Recent? Get(string number) => _tickets.GetValueOrDefault(number);

    /// <summary>Writer's thread only.</summary>
    public void Committed(Versioned<Ticket> ticket, object?[] stored)
    {
        _tickets[ticket.Value.Number] = new Recent(ticket, stored);
        _order.Enqueue(ticket.Value.Number);
        // A number enqueued twice is removed at its first turn: a miss later, never a stale hit.
        while (_order.Count > capacity) _tickets.TryRemove(_order.Dequeue(), out _);
    }
}

/// <summary>A ticket as committed, and its updatable columns as the row holds them.</summary>
internal sealed record Recent(Versioned<Ticket> Ticket, object?[] Stored);
