using Feedback.Application.Ports;

namespace Feedback.Application.Tests;

/// <summary>The workflow port as a use case sees it: which instances it started, and in what order.</summary>
internal sealed class RecordingWorkflows(HashSet<string> running) : ITicketWorkflows
{
    private readonly object _gate = new();

    public List<TicketWorkflowInput> Started { get; } = [];

    public Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!running.Add(input.TicketNumber)) return Task.FromResult(false);
            Started.Add(input);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken) => Task.FromResult(running.Contains(ticketNumber));

    public Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken) =>
        Task.FromResult(running.Contains(ticketNumber) ? WorkflowState.Running : WorkflowState.Missing);
}
