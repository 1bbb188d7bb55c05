using Feedback.Application.Ports;
using Feedback.Workflows;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Workflows;

/// <summary>
/// The workflow port of one function invocation. A Durable client exists only as a binding of the
/// invocation, so the trigger hands it in here, and the scoped services it calls resolve this port.
/// </summary>
public sealed class InvocationWorkflows : ITicketWorkflows
{
    private DurableTicketWorkflows? _client;

    /// <summary>Runs the trigger's call with the client its binding made.</summary>
    public Task<T> With<T>(DurableTaskClient client, Func<Task<T>> call)
    {
        _client = new DurableTicketWorkflows(client);
        return call();
    }

    private DurableTicketWorkflows Client => _client
        ?? throw new InvalidOperationException("This function has no [DurableClient] binding handed in, so it cannot reach the workflows.");

    public Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken) => Client.StartAsync(input, cancellationToken);

    public Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken) =>
        Client.RaiseAsync(ticketNumber, eventName, cancellationToken);

    public Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken) =>
        Client.GetStateAsync(ticketNumber, cancellationToken);
}
