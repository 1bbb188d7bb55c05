using Azure.Messaging.ServiceBus;
using Feedback.Application.Events;
using Feedback.Application.Ports;
using Feedback.Azure.ServiceBus;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Feedback.Azure.Tests;

public sealed class ServiceBusPublisherTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    private readonly FakeBroker _broker = new();
    private readonly string _data = RunningHost.NewDataDirectory();

    [Fact]
    public async Task An_event_becomes_a_message_subscriptions_can_filter_and_the_broker_can_dedupe()
    {
        var publisher = Publisher();
        var e = new FeedbackEvent("e1", TicketEventTypes.Escalated, "FB-20261124-000001", At, "webform", Urgency.High, 1, "Response: supervisor 主管");

        await publisher.PublishAsync([e], default);

        var (topic, message) = Assert.Single(_broker.Delivered);
        Assert.Equal("feedback-events", topic);
        Assert.Equal(("e1", "ticket.escalated", "FB-20261124-000001", "application/json"),
            (message.MessageId, message.Subject, message.CorrelationId, message.ContentType));
        Assert.Equal("webform", message.ApplicationProperties["channel"]);
        Assert.Equal("high", message.ApplicationProperties["urgency"]);
        Assert.Equal(1, message.ApplicationProperties["level"]);
        var body = message.Body.ToString();
        Assert.Contains("\"type\":\"ticket.escalated\"", body);
        Assert.Contains("\"ticketNumber\":\"FB-20261124-000001\"", body);
    }

    [Fact]
    public async Task Warnings_go_to_the_alerts_topic_and_order_is_kept_within_each_topic()
    {
        var events = new[]
        {
            Event("a", TicketEventTypes.Created), Event("b", TicketEventTypes.Triaged),
            Event("w", ServiceBusEventPublisher.WarningPrefix + "raised"), Event("c", TicketEventTypes.Closed),
        };

        await Publisher().PublishAsync(events, default);

        Assert.Equal(["a", "b", "c"], _broker.Delivered.Where(d => d.Topic == "feedback-events").Select(d => d.Message.MessageId));
        Assert.Equal(["w"], _broker.Delivered.Where(d => d.Topic == "alerts").Select(d => d.Message.MessageId));
    }

    [Fact]
    public async Task Events_are_sent_in_as_few_batches_as_fit()
    {
        var events = Enumerable.Range(0, 7).Select(i => Event($"e{i}", TicketEventTypes.Created)).ToList();

        await Publisher(messagesPerBatch: 3).PublishAsync(events, default);

        Assert.Equal([3, 3, 1], _broker.BatchSizes);
        Assert.Equal(events.Select(e => e.Id), _broker.Delivered.Select(d => d.Message.MessageId));
    }

    [Fact]
    public async Task An_event_too_large_for_any_message_is_refused_not_dropped()
    {
        var huge = Event("big", TicketEventTypes.Created) with { Detail = new string('x', 300_000) };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Publisher().PublishAsync([huge], default));
        Assert.Empty(_broker.Delivered);
    }

    [Fact]
    public async Task A_failed_send_leaves_the_checkpoint_before_it_and_the_next_pass_delivers_the_rest()
    {
        var store = await StoreWithEventsAsync(250);
        var relay = new OutboxRelay(store, Publisher(), NullLogger<OutboxRelay>.Instance);
        _broker.FailNextSend(ServiceBusFailureReason.ServiceBusy);

        await Assert.ThrowsAsync<ServiceBusException>(() => relay.RelayAsync(default));
        Assert.Equal(0, await store.ReadCheckpointAsync(OutboxRelay.Checkpoint, default));

        Assert.Equal(250, await relay.RelayAsync(default));
        Assert.Equal(250, _broker.Delivered.Count);
        Assert.Equal(0, await relay.RelayAsync(default));
    }

    [Fact]
    public async Task A_crash_between_publishing_and_the_checkpoint_sends_again_and_the_broker_drops_the_copies()
    {
        var store = await StoreWithEventsAsync(150);
        var crashing = new CheckpointFailsOnce(store);
        await Assert.ThrowsAsync<IOException>(() => new OutboxRelay(crashing, Publisher(), NullLogger<OutboxRelay>.Instance).RelayAsync(default));

        await new OutboxRelay(store, Publisher(), NullLogger<OutboxRelay>.Instance).RelayAsync(default);

        Assert.Equal(100, _broker.DuplicatesDropped);
        var all = (await store.ReadEventsAsync(0, 1000, default)).Select(e => e.Event.Id);
        Assert.Equal(all, _broker.Delivered.Select(d => d.Message.MessageId));
    }

    [Fact]
    public async Task An_event_about_no_ticket_is_relayed_once_naming_what_it_concerns()
    {
        var store = await StoreWithEventsAsync(1);
        // The level goes along as a property, so a subscription on the alerts topic can page on 严重 only (level = 3).
        var warning = FeedbackEvent.Concerning("warning:W-1", "warning.raised", At, "严重") with { Level = 3 };
        await store.AppendAsync([warning], default);
        var relay = new OutboxRelay(store, Publisher(), NullLogger<OutboxRelay>.Instance);

        Assert.Equal(2, await relay.RelayAsync(default));
        await store.AppendAsync([warning], default);
        Assert.Equal(0, await relay.RelayAsync(default));

        var (topic, sent) = Assert.Single(_broker.Delivered, d => d.Message.MessageId == warning.Id);
        Assert.Equal(("alerts", "warning.raised", "warning:W-1"), (topic, sent.Subject, sent.CorrelationId));
        Assert.Equal("warning:W-1", sent.ApplicationProperties["about"]);
        Assert.Equal(3, sent.ApplicationProperties["level"]);
        Assert.False(sent.ApplicationProperties.ContainsKey("ticketNumber"));
    }

    public void Dispose() => RunningHost.TryDelete(_data);

    private ServiceBusEventPublisher Publisher(int messagesPerBatch = 100) =>
        new(new FakeServiceBusClient(_broker, messagesPerBatch), Options.Create(new ServiceBusOptions { FullyQualifiedNamespace = "test.servicebus.windows.net" }));

    private static FeedbackEvent Event(string id, string type) => new(id, type, "FB-20261124-000001", At, "webform");

    private async Task<IFeedbackStore> StoreWithEventsAsync(int count)
    {
        var store = new SqliteStore(Path.Combine(_data, "feedback.db"));
        for (var i = 0; i < count; i++)
        {
            var ticket = new Ticket
            {
                Number = "", Channel = "webform", ReceivedAt = At,
                Feedback = new FeedbackItem($"item {i}", null, null, null, null, null), Contact = new ProtectedContact(null, null),
            };
            await store.CreateAsync(new TicketDraft(ticket, new DateOnly(2026, 11, 24), [],
                new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Created, "", At, "webform")), default);
        }
        return store;
    }

    /// <summary>The process dies after publishing, before the checkpoint is written.</summary>
    private sealed class CheckpointFailsOnce(IEventLog inner) : IEventLog
    {
        public Task WriteCheckpointAsync(string name, long sequence, CancellationToken ct) => throw new IOException("process died");
        public Task<long> ReadCheckpointAsync(string name, CancellationToken ct) => inner.ReadCheckpointAsync(name, ct);
        public Task AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken ct) => inner.AppendAsync(events, ct);
        public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken ct) => inner.ReadEventsAsync(after, limit, ct);
    }
}
