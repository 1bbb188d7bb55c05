using Feedback.Application.Ports;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

/// <summary>
/// Makes sure every open ticket has a running workflow. After a restart of the local host
/// (whose workflow backend is in memory) it resumes each one from the stored state, so the
/// stored deadlines still fire at their due times, or at once if they are already past.
/// </summary>
public sealed partial class WorkflowReconciler(ITicketStore store, TimeProvider time, ILogger<WorkflowReconciler> logger)
{
    public async Task<int> ReconcileAsync(ITicketWorkflows workflows, CancellationToken ct)
    {
        var open = await store.ListAsync(new TicketQuery(OpenOnly: true, Limit: int.MaxValue), time.GetUtcNow(), ct);
        var started = 0;
        foreach (var ticket in open)
        {
            if (await workflows.GetStateAsync(ticket.Number, ct) == WorkflowState.Running) continue;
            await workflows.StartAsync(InputFor(ticket), ct);
            LogResumed(logger, ticket.Number, ticket.Channel, ticket.Status);
            started++;
        }
        return started;
    }

    public static TicketWorkflowInput InputFor(Ticket ticket) => new(
        ticket.Number,
        ticket.Plan,
        Responded: ticket.RespondedAt is not null,
        Resolved: ticket.ResolvedAt is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow of ticket {TicketNumber} from {Channel} resumed at status {Status}")]
    private static partial void LogResumed(ILogger logger, string ticketNumber, string channel, TicketStatus status);
}
