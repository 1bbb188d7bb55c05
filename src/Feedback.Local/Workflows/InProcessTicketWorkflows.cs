using Feedback.Application.Ports;
using Feedback.Workflows;

namespace Feedback.Local.Workflows;

/// <summary>The workflow port over the in-process runner: one <see cref="TicketWorkflow"/> per ticket number.</summary>
internal sealed class InProcessTicketWorkflows(WorkflowRunner runner) : ITicketWorkflows
{
    public Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken) =>
        Task.FromResult(runner.Start(nameof(TicketWorkflow), input.TicketNumber, input) is not null);

    public Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken) =>
        Task.FromResult(runner.Raise(ticketNumber, eventName, null));

    /// <summary>Running or missing: a finished workflow leaves nothing behind here, the store holds what it did.</summary>
    public Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken) =>
        Task.FromResult(runner.IsRunning(ticketNumber) ? WorkflowState.Running : WorkflowState.Missing);
}
