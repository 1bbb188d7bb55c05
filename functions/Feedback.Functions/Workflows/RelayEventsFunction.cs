using Feedback.Application.Events;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Workflows;

/// <summary>Every 15 seconds: what the outbox holds goes to the Service Bus topics.</summary>
public sealed class RelayEventsFunction(OutboxRelay relay)
{
    public const string Schedule = "*/15 * * * * *";

    [Function("RelayEvents")]
    public Task<int> Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => relay.RelayAsync(ct);
}
