using Feedback.Application.Calendars;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Sla;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

/// <summary>The body of <c>respond</c>, <c>resolve</c>, <c>resume</c> and <c>reopen</c>.</summary>
public sealed record AgentAction(string? Agent, string? Message);

/// <summary>The body of <c>resolve</c>: a complaint needs its root cause, a suggestion its outcome.</summary>
public sealed record ResolveAction(string? Agent, string? Message, ClosedLoop.RootCauseDocument? RootCause = null, ClosedLoop.SuggestionDocument? Suggestion = null);

/// <summary>The body of <c>wait</c>: whom the ticket waits for (customer, third-party) and what was asked.</summary>
public sealed record WaitAction(string? Agent, string? Reason, string? Message);

/// <summary>The body of <c>assign</c>: the new owner, and the department if it changes.</summary>
public sealed record AssignAction(string? Agent, string? Owner, string? Department);

/// <summary>
/// An agent's commands, in the documents' flow: respond, wait, resume, assign, resolve, reopen. Each is
/// checked against the ticket's state (a refusal says why), kept in history with its actor, and tells
/// the ticket's workflow that the ticket changed.
/// </summary>
public sealed partial class TicketCommands(
    TicketUpdater updater, ITicketStore store, ITicketWorkflows workflows, CalendarProvider calendars, SlaPolicyProvider policies,
    TimeProvider time, ILogger<TicketCommands> logger)
{
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketReopened = "ticket.reopened";

    public Task<Outcome<Ticket>> RespondAsync(string number, AgentAction action, CancellationToken ct) =>
        RunAsync(number, Require(action.Agent, action.Message), ct, (ticket, now) =>
        {
            if (Refusal(ticket, "takes no response", TicketStatus.Open, TicketStatus.Responded) is { } refused) return refused;
            var updated = ticket.With(new HistoryEntry(now, "responded", action.Agent!, action.Message)) with
            {
                Status = TicketStatus.Responded,
                RespondedAt = ticket.RespondedAt ?? now,
            };
            return ticket.RespondedAt is null
                ? SlaLog.Append(updated, [FeedbackEvent.For(updated, TicketEventTypes.Responded, now)], Records(SlaLog.Met(ticket, Stage.Response, now)))
                : TicketChange.To(updated);
        });

    /// <summary>Waits for the customer or a third party: the response is given, the resolution clock stops.</summary>
    public Task<Outcome<Ticket>> WaitAsync(string number, WaitAction action, CancellationToken ct)
    {
        var errors = Require(action.Agent, action.Message);
        if (action.Reason is null) errors.Required("reason", "'reason' is required: customer or third-party.");
        else if (!WaitReasons.All.Contains(action.Reason)) errors.Add("reason", "'reason' must be customer or third-party.");
        return RunAsync(number, errors, ct, (ticket, now) =>
        {
            if (Refusal(ticket, "cannot wait", TicketStatus.Open, TicketStatus.Responded) is { } refused) return refused;
            var updated = ticket.With(new HistoryEntry(now, "waiting", action.Agent!, $"{action.Reason}: {action.Message}")) with
            {
                Status = TicketStatus.Waiting,
                RespondedAt = ticket.RespondedAt ?? now,
                PausedAt = now,
                WaitingFor = action.Reason,
            };
            var records = new List<SlaRecord>();
            if (ticket.RespondedAt is null && SlaLog.Met(ticket, Stage.Response, now) is { } met) records.Add(met);
            if (ticket.Plan?.ResolveBy is { } due)
                records.Add(new SlaRecord(SlaRecordTypes.Paused, Stage.Resolution, ticket.Plan.Rule, due, now) { Detail = action.Reason });
            return SlaLog.Append(updated, ticket.RespondedAt is null ? [FeedbackEvent.For(updated, TicketEventTypes.Responded, now)] : [], [.. records]);
        });
    }

    public Task<Outcome<Ticket>> ResumeAsync(string number, AgentAction action, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(action.Agent)) errors.Required("agent", "'agent' is required.");
        errors.MaxLength("agent", action.Agent, 100);
        errors.MaxLength("message", action.Message, 5000);
        return RunAsync(number, errors, ct, (ticket, now) =>
            ticket.Status != TicketStatus.Waiting
                ? TicketChange.Refuse($"Ticket '{number}' is {Name(ticket.Status)}, not waiting; there is nothing to resume.")
                : Resumed(ticket, now, action.Agent!, action.Message));
    }

    public Task<Outcome<Ticket>> AssignAsync(string number, AssignAction action, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(action.Agent)) errors.Required("agent", "'agent' is required.");
        if (string.IsNullOrWhiteSpace(action.Owner)) errors.Required("owner", "'owner' is required: who is responsible from now on.");
        errors.MaxLength("agent", action.Agent, 100);
        errors.MaxLength("owner", action.Owner, 100);
        if (action.Department is not null && (string.IsNullOrWhiteSpace(action.Department) || action.Department.Length > 50))
            errors.Add("department", "'department' must be 1 to 50 characters (产品部, 技术部 …), or left out to keep it.");
        return RunAsync(number, errors, ct, (ticket, now) =>
        {
            if (ticket.Status is TicketStatus.Closed or TicketStatus.SetAside)
                return TicketChange.Refuse($"Ticket '{number}' is {Name(ticket.Status)}; reopen it before assigning it.");
            var department = action.Department?.Trim() ?? ticket.Department;
            var owner = action.Owner!.Trim();
            if (department == ticket.Department && owner == ticket.Owner) return TicketChange.None;
            var updated = ticket.With(new HistoryEntry(now, "assigned", action.Agent!,
                $"{ticket.Department ?? "-"}/{ticket.Owner ?? "-"} → {department ?? "-"}/{owner}")) with { Department = department, Owner = owner };
            return TicketChange.To(updated, FeedbackEvent.For(updated, TicketAssigned, now, $"{department}/{owner}"));
        });
    }

    /// <summary>
    /// Resolves the ticket with what the type requires (a complaint's root cause, a suggestion's outcome); the
    /// workflow then asks the customer for the verdict, or thanks praise and archives it.
    /// </summary>
    public async Task<Outcome<Ticket>> ResolveAsync(string number, ResolveAction action, CancellationToken ct)
    {
        var errors = Require(action.Agent, action.Message);
        var type = (await store.GetAsync(number, ct))?.Value is { } found ? found.Analysis?.Classification.Type ?? found.Feedback.PreClassified : null;
        var (cause, outcome) = ClosedLoop.ResolutionRecords.Validate(type, action.RootCause, action.Suggestion, errors);
        return await RunAsync(number, errors, ct, (ticket, now) =>
        {
            if (Refusal(ticket, "cannot be resolved", TicketStatus.Open, TicketStatus.Responded, TicketStatus.Waiting) is { } refused) return refused;
            var plan = ticket.Plan;
            if (plan is not null && ticket.PausedAt is { } paused) plan = plan.Resumed(paused, now, calendars.Current);
            var followUpBy = plan?.FollowUp?.DueFrom(now, calendars.Current, plan.Clock);
            var updated = ticket.With(new HistoryEntry(now, "resolved", action.Agent!, action.Message)) with
            {
                Status = TicketStatus.Resolved,
                RespondedAt = ticket.RespondedAt ?? now,
                ResolvedAt = now,
                PausedAt = null,
                WaitingFor = null,
                Plan = plan is null ? null : plan with { FollowUpBy = followUpBy },
                RootCause = cause ?? ticket.RootCause,
                SuggestionOutcome = outcome ?? ticket.SuggestionOutcome,
            };
            var records = new List<SlaRecord>();
            if (ticket.RespondedAt is null && SlaLog.Met(ticket, Stage.Response, now) is { } responded) records.Add(responded);
            if (SlaLog.Met(ticket with { Plan = plan }, Stage.Resolution, now) is { } met) records.Add(met);
            if (followUpBy is { } f) records.Add(new SlaRecord(SlaRecordTypes.Applied, Stage.FollowUp, plan!.Rule, f, now) { Detail = plan.FollowUp!.ToString() });
            return SlaLog.Append(updated, [FeedbackEvent.For(updated, TicketEventTypes.Resolved, now)], [.. records]);
        });
    }

    /// <summary>Opens a resolved or closed ticket again, with a new resolution deadline under its rule from now.</summary>
    public async Task<Outcome<Ticket>> ReopenAsync(string number, AgentAction action, CancellationToken ct)
    {
        var outcome = await RunAsync(number, Require(action.Agent, action.Message), ct, (ticket, now) =>
        {
            if (Refusal(ticket, "is not resolved; only a resolved or closed ticket can be reopened", TicketStatus.Resolved, TicketStatus.Closed) is { } refused) return refused;
            var plan = ticket.Plan is { } p ? SlaPolicy.ResolveAgain(p, now, policies.Current.WarnAt, calendars.Current, policies.Current.ReopenResolve) : null;
            var updated = ticket.With(new HistoryEntry(now, "reopened", action.Agent!, action.Message)) with
            {
                Status = ticket.RespondedAt is null ? TicketStatus.Open : TicketStatus.Responded,
                ResolvedAt = null,
                ClosedAt = null,
                CloseReason = null,
                Plan = plan,
            };
            var records = plan?.ResolveBy is { } due ? [new SlaRecord(SlaRecordTypes.Applied, Stage.Resolution, plan.Rule, due, now) { Detail = "reopened: " + plan.Resolve }] : Array.Empty<SlaRecord>();
            return SlaLog.Append(updated, [FeedbackEvent.For(updated, TicketReopened, now)], records);
        });
        // A closed ticket's workflow has ended: start it again from the stored plan.
        if (outcome.Value is { } reopened) await workflows.StartAsync(WorkflowReconciler.InputFor(reopened), ct);
        return outcome;
    }

    private TicketChange Resumed(Ticket ticket, DateTimeOffset now, string actor, string? message) =>
        SlaPause.Resume(ticket, now, calendars.Current, actor, message);

    private static FieldErrors Require(string? agent, string? message)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(agent)) errors.Required("agent", "'agent' is required.");
        if (string.IsNullOrWhiteSpace(message)) errors.Required("message", "'message' is required.");
        errors.MaxLength("agent", agent, 100);
        errors.MaxLength("message", message, 5000);
        return errors;
    }

    private static TicketChange? Refusal(Ticket ticket, string what, params TicketStatus[] allowed) =>
        allowed.Contains(ticket.Status) ? null
        : TicketChange.Refuse(ticket.Status == TicketStatus.Waiting
            ? $"Ticket '{ticket.Number}' is waiting for the {ticket.WaitingFor}; resume it first."
            : $"Ticket '{ticket.Number}' is {Name(ticket.Status)}; it {what}.");

    private static string Name(TicketStatus status) => status == TicketStatus.SetAside ? "set aside" : status.ToString().ToLowerInvariant();

    private static SlaRecord[] Records(params SlaRecord?[] records) => [.. records.OfType<SlaRecord>()];

    private async Task<Outcome<Ticket>> RunAsync(string number, FieldErrors errors, CancellationToken ct, Func<Ticket, DateTimeOffset, TicketChange> decide)
    {
        if (errors.Any) return Outcome<Ticket>.Invalid(errors);
        await Task.WhenAll(calendars.RefreshIfStaleAsync(ct), policies.RefreshIfStaleAsync(ct));
        var result = await updater.UpdateAsync(number, ticket => decide(ticket, time.GetUtcNow()), ct);
        if (result.Kind != OutcomeKind.Ok) return new Outcome<Ticket>(result.Kind, default, result.Errors, result.Detail) { Missing = result.Missing };

        var (ticket, changed) = result.Value;
        // The store is the truth; if the workflow is not running, the reconciler resumes it from there.
        if (changed && !await workflows.RaiseAsync(number, WorkflowEvents.Changed, ct))
            LogNoWorkflow(logger, number, ticket.Channel);
        return Outcome<Ticket>.Ok(ticket);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ticket {TicketNumber} from {Channel}: no running workflow heard of the change")]
    private static partial void LogNoWorkflow(ILogger logger, string ticketNumber, string channel);
}
