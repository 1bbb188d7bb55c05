using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

/// <summary>The body of <c>respond</c> and <c>resolve</c>.</summary>
public sealed record AgentAction(string? Agent, string? Message);

/// <summary>An agent's commands: each appends to the history, then tells the ticket's workflow.</summary>
public sealed partial class TicketCommands(TicketUpdater updater, ITicketWorkflows workflows, TimeProvider time, ILogger<TicketCommands> logger)
{
    public Task<Outcome<Ticket>> RespondAsync(string number, AgentAction action, CancellationToken ct) =>
        RunAsync(number, action, WorkflowEvents.Responded, ct, (ticket, now) =>
        {
            if (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.SetAside)
                return TicketChange.Refuse($"Ticket '{number}' is {ticket.Status.ToString().ToLowerInvariant()}; it takes no response.");
            var first = ticket.RespondedAt is null;
            var updated = ticket.With(new HistoryEntry(now, "responded", action.Agent!, action.Message)) with
            {
                Status = TicketStatus.Responded,
                RespondedAt = ticket.RespondedAt ?? now,
            };
            return first
                ? TicketChange.To(updated, FeedbackEvent.For(ticket, TicketEventTypes.Responded, now))
                : TicketChange.To(updated);
        });

    public Task<Outcome<Ticket>> ResolveAsync(string number, AgentAction action, CancellationToken ct) =>
        RunAsync(number, action, WorkflowEvents.Resolved, ct, (ticket, now) =>
        {
            if (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.SetAside)
                return TicketChange.Refuse($"Ticket '{number}' is {ticket.Status.ToString().ToLowerInvariant()}; it cannot be resolved.");
            var updated = ticket.With(new HistoryEntry(now, "resolved", action.Agent!, action.Message)) with
            {
                Status = TicketStatus.Resolved,
                RespondedAt = ticket.RespondedAt ?? now,
                ResolvedAt = now,
            };
            return TicketChange.To(updated, FeedbackEvent.For(ticket, TicketEventTypes.Resolved, now));
        });

    /// <summary>Records the customer's satisfaction with a ticket; the same survey response twice counts once.</summary>
    public Task<Outcome<(Ticket Ticket, bool Changed)>> RateAsync(string number, string level, string responseId, CancellationToken ct) =>
        updater.UpdateAsync(number, ticket =>
        {
            var marker = $"response {responseId}";
            if (ticket.History.Any(h => h.Kind == "satisfaction" && h.Message?.StartsWith(marker, StringComparison.Ordinal) == true))
                return TicketChange.None;
            var now = time.GetUtcNow();
            var updated = ticket.With(new HistoryEntry(now, "satisfaction", "survey", $"{marker}: {level}")) with { Satisfaction = level };
            return TicketChange.To(updated, FeedbackEvent.For(ticket, TicketEventTypes.Rated, now, level));
        }, ct);

    private async Task<Outcome<Ticket>> RunAsync(
        string number, AgentAction action, string workflowEvent,
        CancellationToken ct, Func<Ticket, DateTimeOffset, TicketChange> decide)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(action.Agent)) errors.Required("agent", "'agent' is required.");
        if (string.IsNullOrWhiteSpace(action.Message)) errors.Required("message", "'message' is required.");
        errors.MaxLength("agent", action.Agent, 100);
        errors.MaxLength("message", action.Message, 5000);
        if (errors.Any) return Outcome<Ticket>.Invalid(errors);

        var result = await updater.UpdateAsync(number, ticket => decide(ticket, time.GetUtcNow()), ct);
        if (result.Kind != OutcomeKind.Ok) return new Outcome<Ticket>(result.Kind, null, result.Errors, result.Detail);

        var (ticket, _) = result.Value;
        // The store is the truth; if the workflow is not running, the reconciler resumes it from there.
        if (!await workflows.RaiseAsync(number, workflowEvent, ct))
            LogNoWorkflow(logger, number, ticket.Channel, workflowEvent);
        return Outcome<Ticket>.Ok(ticket);
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketNumber} from {Channel}: no running workflow took {WorkflowEvent}")]
    private static partial void LogNoWorkflow(ILogger logger, string ticketNumber, string channel, string workflowEvent);
}
