using Feedback.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Events;

/// <summary>
/// Moves stored events to the publisher in order, then records how far it got. A crash after
/// publishing and before the checkpoint sends the last batch again; receivers drop copies by
/// event id (Service Bus duplicate detection on MessageId), so nothing is lost and nothing is doubled.
/// </summary>
public sealed partial class OutboxRelay(IEventLog store, IEventPublisher publisher, ILogger<OutboxRelay> logger)
{
    public const string Checkpoint = "outbox-relay";
    private const int BatchSize = 100;

    public async Task<int> RelayAsync(CancellationToken ct)
    {
        var position = await store.ReadCheckpointAsync(Checkpoint, ct);
        var relayed = 0;
        while (true)
        {
            var batch = await store.ReadEventsAsync(position, BatchSize, ct);
            if (batch.Count == 0) break;
            await publisher.PublishAsync(batch.Select(e => e.Event).ToList(), ct);
            position = batch[^1].Sequence;
            await store.WriteCheckpointAsync(Checkpoint, position, ct);
            relayed += batch.Count;
        }
        if (relayed > 0) LogRelayed(logger, relayed, position);
        return relayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relayed {Count} events up to sequence {Sequence}")]
    private static partial void LogRelayed(ILogger logger, int count, long sequence);
}
