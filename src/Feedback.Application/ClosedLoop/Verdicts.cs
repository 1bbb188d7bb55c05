using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.ClosedLoop;

/// <summary>
/// What a verdict does to a resolved ticket waiting for it: 满意 closes it; 基本满意 closes it and flags it for
/// review; 不满意 starts the second handling (二次处理): reopened, one step more urgent, one level higher, its
/// resolution re-planned under the policy's reopen rule. Every path meets the follow-up target.
/// </summary>
public static class Verdicts
{
    public static TicketChange Apply(Ticket ticket, string verdict, string? comment, string via, DateTimeOffset now, SlaPolicy policy, BusinessCalendar calendar)
    {
        var survey = ticket.Survey! with { AnsweredAt = now, Verdict = verdict, Comment = comment, AnsweredBy = via };
        var rated = ticket.With(new HistoryEntry(now, "satisfaction", via, comment is null ? verdict : $"{verdict}: {comment}"))
            with { Satisfaction = verdict, Survey = survey };
        var events = new List<FeedbackEvent> { FeedbackEvent.For(rated, TicketEventTypes.Rated, now, verdict) };
        var records = FollowUpMet(ticket, now);
        var change = verdict switch
        {
            Satisfaction.Satisfied => Close(rated, now, CloseReasons.Satisfied, via, events),
            Satisfaction.Basic => Close(rated with { ReviewReason = comment is null ? "基本满意" : $"基本满意: {comment}" }, now, CloseReasons.Basic, via, events),
            _ => Reopen(rated, comment, via, now, policy, calendar, events),
        };
        return SlaLog.Append(change.Updated!, change.Events, records);
    }

    /// <summary>sla.met for the follow-up, the first time the customer is reached after a resolution.</summary>
    public static SlaRecord[] FollowUpMet(Ticket ticket, DateTimeOffset now) =>
        ticket.Plan?.FollowUpBy is { } due && !SlaSchedule.IsMet(ticket, Stage.FollowUp, due) && SlaLog.Met(ticket, Stage.FollowUp, now) is { } met
            ? [met] : [];

    public static TicketChange Close(Ticket ticket, DateTimeOffset now, string reason, string actor, IEnumerable<FeedbackEvent>? before = null)
    {
        var closed = ticket.With(new HistoryEntry(now, "closed", actor, reason)) with
        {
            Status = TicketStatus.Closed,
            ClosedAt = now,
            CloseReason = reason,
        };
        return TicketChange.To(closed, [.. before ?? [], FeedbackEvent.For(closed, TicketEventTypes.Closed, now, reason)]);
    }

    private static TicketChange Reopen(Ticket ticket, string? comment, string via, DateTimeOffset now, SlaPolicy policy, BusinessCalendar calendar, List<FeedbackEvent> events)
    {
        var analysis = ticket.Analysis is { } a
            ? a with { Urgency = a.Urgency == Urgency.High ? Urgency.High : a.Urgency + 1, UrgencyReasons = [.. a.UrgencyReasons, "客户不满意，二次处理"] }
            : null;
        var plan = ticket.Plan is { } p ? SlaPolicy.ResolveAgain(p, now, policy.WarnAt, calendar, policy.ReopenResolve) : null;
        var level = Math.Min(ticket.EscalationLevel + 1, plan?.TopLevel ?? ticket.EscalationLevel + 1);
        var role = plan?.RoleAt(level) ?? policy.EscalationTarget(level);
        if (plan is not null) plan = plan with { StartLevel = Math.Max(plan.StartLevel, level) };
        var reopened = ticket.With(new HistoryEntry(now, "reopened", via, $"不满意，二次处理; level {level}: {role}" + (comment is null ? "" : $"; {comment}"))) with
        {
            Status = ticket.RespondedAt is null ? TicketStatus.Open : TicketStatus.Responded,
            ResolvedAt = null,
            ClosedAt = null,
            CloseReason = null,
            Plan = plan,
            Analysis = analysis,
            Reopens = ticket.Reopens + 1,
            EscalationLevel = level,
            EscalatedTo = role,
            Escalations = ticket.Escalations.Add(new Escalation(Stage.Resolution, level, role, now)
            {
                Due = ticket.ResolvedAt ?? now, Department = ticket.Department, Owner = ticket.Owner,
            }),
        };
        events.Add(FeedbackEvent.For(reopened, Tickets.TicketCommands.TicketReopened, now, "不满意"));
        events.Add(FeedbackEvent.For(reopened, TicketEventTypes.Escalated, now, $"不满意: {role}") with { Level = level });
        var records = plan?.ResolveBy is { } due ? new[] { new SlaRecord(SlaRecordTypes.Applied, Stage.Resolution, plan.Rule, due, now) { Detail = "reopened: 不满意" } } : [];
        return SlaLog.Append(reopened, events, records);
    }
}
