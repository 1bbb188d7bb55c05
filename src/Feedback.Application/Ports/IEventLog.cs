using Feedback.Domain.Events;

namespace Feedback.Application.Ports;

/// <summary>
/// The outbox, read in order: the events every write stored with it, events about no ticket appended on
/// their own, and how far each named reader (the relay to Service Bus, say) has got.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends events that no ticket write carries (a warning raised, a report ready). Idempotent by event id:
    /// appending an event again, after a timeout say, stores it once.
    /// </summary>
    Task AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken cancellationToken);

    /// <summary>How far a named reader has got through the events; 0 at first.</summary>
    Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken);

    Task WriteCheckpointAsync(string name, long sequence, CancellationToken cancellationToken);
}
