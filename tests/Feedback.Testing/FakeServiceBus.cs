using Azure.Messaging.ServiceBus;

namespace Feedback.Testing;

/// <summary>
/// Service Bus cannot run here, so the boundary is faked with the SDK's own test models: a client
/// and senders whose batches are <see cref="ServiceBusModelFactory"/> batches, and a broker that
/// keeps what would have gone on the wire. It models the parts of the real service this code relies
/// on: the batch size limit, duplicate detection by MessageId, and transient failures raised as the
/// SDK raises them (<see cref="ServiceBusException"/> with a reason).
/// </summary>
public sealed class FakeBroker
{
    private readonly HashSet<(string Topic, string MessageId)> _seen = [];
    private readonly Queue<ServiceBusFailureReason> _failures = new();

    public List<(string Topic, ServiceBusMessage Message)> Delivered { get; } = [];
    public List<int> BatchSizes { get; } = [];
    public int DuplicatesDropped { get; private set; }

    /// <summary>The next send fails with this reason, as the service would.</summary>
    public void FailNextSend(ServiceBusFailureReason reason) => _failures.Enqueue(reason);

    public void Accept(string topic, IReadOnlyList<ServiceBusMessage> messages)
    {
        if (_failures.TryDequeue(out var reason))
            throw new ServiceBusException("The service was unable to process the request; please retry.", reason);
        BatchSizes.Add(messages.Count);
        foreach (var message in messages)
        {
            // Duplicate detection: a MessageId seen within the window is accepted and dropped.
            if (_seen.Add((topic, message.MessageId))) Delivered.Add((topic, message));
            else DuplicatesDropped++;
        }
    }
}

public sealed class FakeServiceBusClient(FakeBroker broker, int messagesPerBatch = 100, long maxBatchBytes = 256 * 1024) : ServiceBusClient
{
    public override ServiceBusSender CreateSender(string queueOrTopicName) =>
        new FakeSender(queueOrTopicName, broker, messagesPerBatch, maxBatchBytes);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class FakeSender(string topic, FakeBroker broker, int messagesPerBatch, long maxBatchBytes) : ServiceBusSender
    {
        private readonly Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>> _batches = [];

        public override string EntityPath => topic;

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) =>
            CreateMessageBatchAsync(new CreateMessageBatchOptions(), cancellationToken);

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CreateMessageBatchOptions options, CancellationToken cancellationToken = default)
        {
            var messages = new List<ServiceBusMessage>();
            long bytes = 0;
            var batch = ServiceBusModelFactory.ServiceBusMessageBatch(maxBatchBytes, messages, options, message =>
            {
                var size = message.Body.ToMemory().Length + 256;
                if (messages.Count >= messagesPerBatch || bytes + size > maxBatchBytes) return false;
                bytes += size;
                return true;
            });
            _batches[batch] = messages;
            return ValueTask.FromResult(batch);
        }

        public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
        {
            broker.Accept(topic, _batches[messageBatch].ToList());
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
