using System.ComponentModel.DataAnnotations;
using Azure.Messaging.ServiceBus;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Microsoft.Extensions.Options;
using Feedback.Domain;

namespace Feedback.Azure.ServiceBus;

/// <summary>The <c>ServiceBus</c> section; the namespace comes from the Functions identity-connection setting.</summary>
public sealed class ServiceBusOptions
{
    [Required] public string? FullyQualifiedNamespace { get; set; }
    [Required] public string EventsTopic { get; set; } = "feedback-events";
    [Required] public string AlertsTopic { get; set; } = "alerts";

    /// <summary>Retries with backoff on transient faults (busy, timeouts, lost connections).</summary>
    public static ServiceBusClientOptions ClientOptions() => new()
    {
        RetryOptions = new ServiceBusRetryOptions
        {
            Mode = ServiceBusRetryMode.Exponential,
            MaxRetries = 5,
            Delay = TimeSpan.FromSeconds(0.8),
            MaxDelay = TimeSpan.FromSeconds(30),
            TryTimeout = TimeSpan.FromSeconds(60),
        },
    };
}

/// <summary>
/// Publishes events to Service Bus topics, in order and in as few batches as fit. MessageId is the
/// event id, so the topics' duplicate detection drops a copy the relay sends again after a crash;
/// Subject is the event type, CorrelationId the ticket (or, for an event about no ticket, what it concerns),
/// and the application properties are what subscriptions filter on.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusClient client, IOptions<ServiceBusOptions> options) : IEventPublisher, IAsyncDisposable
{
    public const string WarningPrefix = "warning.";
    private readonly Dictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public async Task PublishAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken ct)
    {
        // Consecutive runs per topic keep the order of the outbox within each topic.
        var start = 0;
        while (start < events.Count)
        {
            var topic = TopicOf(events[start]);
            var end = start;
            while (end < events.Count && TopicOf(events[end]) == topic) end++;
            await SendAsync(Sender(topic), events.Skip(start).Take(end - start), ct);
            start = end;
        }
    }

    public static ServiceBusMessage ToMessage(FeedbackEvent e)
    {
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(e, FeedbackJson.Options))
        {
            MessageId = e.Id,
            Subject = e.Type,
            CorrelationId = e.Subject,
            ContentType = "application/json",
        };
        if (e.TicketNumber is { } number) message.ApplicationProperties["ticketNumber"] = number;
        if (e.Channel is { } channel) message.ApplicationProperties["channel"] = channel;
        if (e.About is { } about) message.ApplicationProperties["about"] = about;
        if (e.Urgency is { } urgency) message.ApplicationProperties["urgency"] = urgency.ToString().ToLowerInvariant();
        if (e.Level is { } level) message.ApplicationProperties["level"] = level;
        return message;
    }

    private static async Task SendAsync(ServiceBusSender sender, IEnumerable<FeedbackEvent> events, CancellationToken ct)
    {
        var batch = await sender.CreateMessageBatchAsync(ct);
        try
        {
            foreach (var e in events)
            {
                var message = ToMessage(e);
                if (batch.TryAddMessage(message)) continue;
                if (batch.Count == 0)
                    throw new InvalidOperationException($"Event {e.Id} ({e.Type}) is larger than a Service Bus message may be.");
                await sender.SendMessagesAsync(batch, ct);
                batch.Dispose();
                batch = await sender.CreateMessageBatchAsync(ct);
                if (!batch.TryAddMessage(message))
                    throw new InvalidOperationException($"Event {e.Id} ({e.Type}) is larger than a Service Bus message may be.");
            }
            if (batch.Count > 0) await sender.SendMessagesAsync(batch, ct);
        }
        finally
        {
            batch.Dispose();
        }
    }

    private string TopicOf(FeedbackEvent e) =>
        e.Type.StartsWith(WarningPrefix, StringComparison.Ordinal) ? options.Value.AlertsTopic : options.Value.EventsTopic;

    private ServiceBusSender Sender(string topic)
    {
        lock (_senders)
        {
            if (!_senders.TryGetValue(topic, out var sender)) _senders[topic] = sender = client.CreateSender(topic);
            return sender;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values) await sender.DisposeAsync();
    }
}
