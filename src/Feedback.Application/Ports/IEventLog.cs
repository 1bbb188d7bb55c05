using Feedback.Domain.Events;

namespace Feedback.Application.Ports;

/// <summary>
/// The outbox, read in order: the events every write stored with it, and how far each named reader
/// (the relay to Service Bus, say) has got.
/// </summary>
public interface IEventLog
{
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken cancellationToken);

    /// <summary>How far a named reader has got through the events; 0 at first.</summary>
    Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken);

    Task WriteCheckpointAsync(string name, long sequence, CancellationToken cancellationToken);
}
