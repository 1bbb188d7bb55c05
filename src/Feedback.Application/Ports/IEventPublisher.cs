using Feedback.Domain.Events;

namespace Feedback.Application.Ports;

/// <summary>
/// Sends events to the rest of the company (Service Bus topics in Azure). Called only by the outbox
/// relay, so that what is published is always what was stored; a retry may send an event again,
/// and the event id lets the receiver drop the copy.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken);
}
