using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Feedback.Application.Ports;
using Feedback.Workflows;
using Microsoft.DurableTask.Converters;

namespace Feedback.Local.Workflows;

/// <summary>
/// The workflow port over the in-process backend's client API: the calls the Durable Task sidecar makes
/// for a start or a raised event, made directly. Inputs go through the SDK's JSON converter, which is
/// what the orchestrator's shim reads them with.
/// </summary>
public sealed class InProcessTicketWorkflows(ConcurrentOrchestrationService backend) : ITicketWorkflows
{
    private static readonly OrchestrationStatus[] Live = [OrchestrationStatus.Pending, OrchestrationStatus.Running];

    public async Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken)
    {
        var id = input.TicketNumber;
        var state = await GetStateAsync(id, cancellationToken);
        if (state == WorkflowState.Running) return false;
        if (state != WorkflowState.Missing) await backend.PurgeInstanceStateAsync(id);
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, JsonDataConverter.Default.Serialize(input))
        {
            Name = nameof(TicketWorkflow),
            Version = "",
            OrchestrationInstance = instance,
        };
        try
        {
            await backend.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance }, Live);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Someone else (the reconciler, a retried intake) started it in the meantime: that is the point.
            return false;
        }
    }

    public async Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken)
    {
        if (await GetStateAsync(ticketNumber, cancellationToken) != WorkflowState.Running) return false;
        await backend.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = new EventRaisedEvent(-1, null!) { Name = eventName },
            OrchestrationInstance = new OrchestrationInstance { InstanceId = ticketNumber },
        });
        return true;
    }

    /// <summary>
    /// Forgets the workflows that have finished. The in-memory backend keeps every history it has run,
    /// and a closed ticket's workflow is never needed again: the store holds what it did.
    /// </summary>
    public async Task<int> PurgeFinishedAsync()
    {
        var purged = await backend.PurgeInstanceStateAsync(new PurgeInstanceFilter(DateTime.MinValue, null,
            [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled]));
        return purged.DeletedInstanceCount;
    }

    public async Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        OrchestrationState? state = await backend.GetOrchestrationStateAsync(ticketNumber, executionId: null!);
        return state?.OrchestrationStatus switch
        {
            null => WorkflowState.Missing,
            OrchestrationStatus.Completed => WorkflowState.Completed,
            OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => WorkflowState.Failed,
            _ => WorkflowState.Running,
        };
    }
}
