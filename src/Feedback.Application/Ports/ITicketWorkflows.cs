using Feedback.Domain.Sla;

namespace Feedback.Application.Ports;

/// <summary>What a ticket's workflow needs to start, or to resume after a restart: a stored plan skips the analysis.</summary>
public sealed record TicketWorkflowInput(string TicketNumber, SlaPlan? Plan = null);

public enum WorkflowState { Missing, Running, Completed, Failed }

public static class WorkflowEvents
{
    /// <summary>The ticket changed in a way its SLA clock may care about (met, paused, re-planned, reassigned): look again.</summary>
    public const string Changed = "TicketChanged";
}

/// <summary>The ticket workflows, one per ticket, whose instance id is the ticket number.</summary>
public interface ITicketWorkflows
{
    /// <summary>Starts the ticket's workflow unless it is running; true if this call started it.</summary>
    Task<bool> StartAsync(TicketWorkflowInput input, CancellationToken cancellationToken);
    Task<bool> RaiseAsync(string ticketNumber, string eventName, CancellationToken cancellationToken);
    Task<WorkflowState> GetStateAsync(string ticketNumber, CancellationToken cancellationToken);
}
