using Feedback.Domain.Calendars;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Sla;

public enum SlaStepKind { Warn, Breach, Escalate }

/// <summary>Something the SLA clock will do to a ticket at <see cref="At"/> unless the ticket changes first.</summary>
public sealed record SlaStep(SlaStepKind Kind, Stage Target, int Level, DateTimeOffset At, DateTimeOffset Due);

/// <summary>
/// The one place that decides what a ticket's SLA clock does next, from the ticket alone: warn at the share,
/// breach at the due time (escalating to the rule's start level), then climb the ladder rung by rung. A paused
/// resolution clock does nothing; a met target nothing more. The workflow sleeps until the step and asks again.
/// </summary>
public static class SlaSchedule
{
    public static SlaStep? Next(Ticket ticket, DateTimeOffset now, BusinessCalendar calendar)
    {
        if (ticket.Plan is not { } plan || ticket.Status is TicketStatus.Closed or TicketStatus.SetAside) return null;
        SlaStep? next = null;
        foreach (var target in OpenTargets(ticket))
            if (StepFor(ticket, plan, target, now, calendar) is { } step && (next is null || step.At < next.At))
                next = step;
        return next;
    }

    /// <summary>
    /// The targets whose clock runs: unmet, and for the resolution, not paused. The follow-up runs from the
    /// resolution until the customer is reached (the satisfaction request delivered, or a verdict).
    /// </summary>
    public static IEnumerable<Stage> OpenTargets(Ticket ticket)
    {
        if (ticket.RespondedAt is null && ticket.ResolvedAt is null) yield return Stage.Response;
        if (ticket.ResolvedAt is null && ticket.PausedAt is null && ticket.Plan?.ResolveBy is not null) yield return Stage.Resolution;
        if (ticket.Status == TicketStatus.Resolved && ticket.Plan?.FollowUpBy is { } followUp && !IsMet(ticket, Stage.FollowUp, followUp))
            yield return Stage.FollowUp;
    }

    public static bool IsMet(Ticket ticket, Stage target, DateTimeOffset due) =>
        ticket.Sla.Any(r => r.Type == SlaRecordTypes.Met && r.Target == target && r.DueAt == due);

    public static bool IsBreachRecorded(Ticket ticket, Stage target, DateTimeOffset due) =>
        ticket.Sla.Any(r => r.Type == SlaRecordTypes.Breached && r.Target == target && r.DueAt == due);

    private static SlaStep? StepFor(Ticket ticket, SlaPlan plan, Stage target, DateTimeOffset now, BusinessCalendar calendar)
    {
        var due = plan.DueOf(target)!.Value;
        if (!IsBreachRecorded(ticket, target, due))
        {
            var warned = ticket.Sla.Any(r => r.Type == SlaRecordTypes.Warning && r.Target == target && r.DueAt == due);
            // A warning that comes due only after the deadline has passed tells nobody anything: go straight to the breach.
            return !warned && plan.WarnAtOf(target) is { } warnAt && now < due
                ? new SlaStep(SlaStepKind.Warn, target, 0, warnAt, due)
                : new SlaStep(SlaStepKind.Breach, target, plan.StartLevel, due, due);
        }
        var reached = ticket.Escalations.Where(e => e.Stage == target && e.Due == due).Select(e => e.Level).DefaultIfEmpty(0).Max();
        var level = Math.Max(reached + 1, plan.StartLevel);
        return plan.EscalationDue(due, level, calendar) is { } at ? new SlaStep(SlaStepKind.Escalate, target, level, at, due) : null;
    }
}
