using Feedback.Application.Ports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Feedback.Workflows;

/// <summary>The workflow port over a Durable Task client; each host hands in the client it has.</summary>
public sealed class DurableTicketWorkflows(DurableTaskClient client) : ITicketWorkflows
{
    public async Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(input.TicketNumber, cancellationToken);
        if (state == WorkflowState.Running) return false;
        if (state != WorkflowState.Missing)
            await client.PurgeInstanceAsync(input.TicketNumber, cancellation: cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TicketWorkflow), input, new StartOrchestrationOptions(InstanceId: input.TicketNumber), cancellationToken);
        return true;
    }

    public async Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken)
    {
        if (await GetStateAsync(ticketNumber, cancellationToken) != WorkflowState.Running) return false;
        await client.RaiseEventAsync(ticketNumber, eventName, eventPayload: null, cancellationToken);
        return true;
    }

    public async Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(ticketNumber, getInputsAndOutputs: false, cancellationToken);
        return instance?.RuntimeStatus switch
        {
            null => WorkflowState.Missing,
            OrchestrationRuntimeStatus.Completed => WorkflowState.Completed,
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => WorkflowState.Failed,
            _ => WorkflowState.Running,
        };
    }
}
