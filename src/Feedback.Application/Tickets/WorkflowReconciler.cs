using Feedback.Application.Ports;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

/// <summary>
/// Makes sure every open ticket has a running workflow. After a restart of the local host
/// (whose workflow backend is in memory) it resumes each one from the stored state, so the
/// stored deadlines still fire at their due times, or at once if they are already past.
/// </summary>
public sealed partial class WorkflowReconciler(ITicketQueries store, ITicketWorkflows workflows, TimeProvider time, ILogger<WorkflowReconciler> logger)
{
    private const int Parallelism = 16;

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var open = await store.ListAsync(new TicketQuery(OpenOnly: true, Limit: int.MaxValue), time.GetUtcNow(), ct);
        var started = 0;
        // Soonest deadline first: after a crash those are the ones that are due, or overdue, now.
        // Each group of 16 starts together, and no group starts before the one ahead of it.
        foreach (var group in open.OrderBy(NextDeadline).Chunk(Parallelism))
            started += (await Task.WhenAll(group.Select(ticket => ResumeAsync(ticket, ct)))).Count(s => s);
        return started;
    }

    private async Task<bool> ResumeAsync(Ticket ticket, CancellationToken ct)
    {
        if (!await workflows.StartAsync(InputFor(ticket), ct)) return false;
        LogResumed(logger, ticket.Number, ticket.Channel, ticket.Status);
        return true;
    }

    public static TicketWorkflowInput InputFor(Ticket ticket) => new(ticket.Number, ticket.Plan);

    /// <summary>Planned tickets by the deadline their workflow waits for next, then untriaged ones oldest first.</summary>
    private static (bool Untriaged, DateTimeOffset At) NextDeadline(Ticket ticket) => ticket.Plan switch
    {
        null => (true, ticket.ReceivedAt),
        { } plan when ticket.RespondedAt is null && ticket.ResolvedAt is null => (false, plan.RespondBy),
        { } plan => (false, plan.ResolveBy ?? DateTimeOffset.MaxValue),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow of ticket {TicketNumber} from {Channel} resumed at status {Status}")]
    private static partial void LogResumed(ILogger logger, string ticketNumber, string channel, TicketStatus status);
}
