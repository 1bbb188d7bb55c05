using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tickets;

/// <summary>One SLA target as the ticket view shows it: due, met, breached, and working time left.</summary>
public sealed record SlaTargetView(Stage Target, DateTimeOffset Due, DateTimeOffset? WarnAt, DateTimeOffset? MetAt, bool Breached, bool Paused, TimeSpan? Remaining);

/// <summary>The satisfaction request as agents see it: everything but the nonce, which only the link carries.</summary>
public sealed record SurveyView(int Round, DateTimeOffset AskedAt, DateTimeOffset RemindAt, DateTimeOffset? RemindedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? AnsweredAt, string? Verdict, string? Comment, string? AnsweredBy);

/// <summary>The closed loop (闭环) of a ticket: what the customer was sent and said, and what was recorded on resolving it.</summary>
public sealed record ClosedLoopView(
    SurveyView? Survey, IReadOnlyList<Domain.ClosedLoop.OutboundMessage> Messages, Domain.ClosedLoop.RootCause? RootCause,
    Domain.ClosedLoop.SuggestionOutcome? SuggestionOutcome, string? CloseReason, string? ReviewReason, int Reopens)
{
    public static ClosedLoopView Of(Ticket t) => new(
        t.Survey is { } s ? new SurveyView(s.Round, s.AskedAt, s.RemindAt, s.RemindedAt, s.ExpiresAt, s.AnsweredAt, s.Verdict, s.Comment, s.AnsweredBy) : null,
        t.Messages, t.RootCause, t.SuggestionOutcome, t.CloseReason, t.ReviewReason, t.Reopens);
}

/// <summary>A ticket as an agent reads it. Only the single-ticket view carries the protected contact.</summary>
public sealed record TicketView(
    string Number,
    TicketStatus Status,
    string Channel,
    DateTimeOffset ReceivedAt,
    FeedbackItem Feedback,
    ProtectedContact? Contact,
    TicketAnalysis? Analysis,
    string? TypeLabel,
    Urgency? Urgency,
    SlaPlan? Deadlines,
    bool Breached,
    int EscalationLevel,
    string? EscalatedTo,
    string? Department,
    string? Owner,
    string? WaitingFor,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? Satisfaction,
    string? SetAsideReason,
    IReadOnlyList<SlaTargetView>? Sla,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<SlaRecord>? SlaLog,
    IReadOnlyList<FollowUp> FollowUps,
    ClosedLoopView ClosedLoop,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<HistoryEntry> History)
{
    /// <summary>When the customer's contact, and their files, were erased; the masked record stays.</summary>
    public DateTimeOffset? ContactErasedAt { get; init; }
    public DateTimeOffset? AttachmentsErasedAt { get; init; }

    /// <summary>With a calendar, the view adds each target's state and the working time left; lists leave it out.</summary>
    public static TicketView Of(Ticket t, DateTimeOffset now, bool withContact, BusinessCalendar? calendar = null) => new(
        t.Number, t.Status, t.Channel, t.ReceivedAt, t.Feedback, withContact && (t.Contact.Name ?? t.Contact.Value) is not null ? t.Contact : null,
        t.Analysis, t.Analysis is { } a ? ChineseLabels.Of(a.Classification.Type) : null, t.Analysis?.Urgency,
        t.Plan, t.IsBreached(now), t.EscalationLevel, t.EscalatedTo, t.Department, t.Owner, t.WaitingFor,
        t.RespondedAt, t.ResolvedAt, t.ClosedAt, t.Satisfaction,
        t.SetAsideReason, calendar is null ? null : Targets(t, now, calendar), t.Escalations, calendar is null ? null : t.Sla, t.FollowUps, ClosedLoopView.Of(t), t.Warnings, t.History)
        {
            ContactErasedAt = t.ContactErasedAt,
            AttachmentsErasedAt = t.AttachmentsErasedAt,
        };

    private static List<SlaTargetView> Targets(Ticket t, DateTimeOffset now, BusinessCalendar calendar)
    {
        var views = new List<SlaTargetView>();
        if (t.Plan is not { } plan) return views;
        var followedUp = plan.FollowUpBy is { } f ? t.Sla.LastOrDefault(r => r.Type == SlaRecordTypes.Met && r.Target == Stage.FollowUp && r.DueAt == f)?.At : null;
        foreach (var (target, metAt) in new[] { (Stage.Response, t.RespondedAt), (Stage.Resolution, t.ResolvedAt), (Stage.FollowUp, followedUp) })
        {
            if (plan.DueOf(target) is not { } due) continue;
            var paused = target == Stage.Resolution && t.PausedAt is not null && metAt is null;
            var working = (target switch { Stage.Response => plan.Respond, Stage.Resolution => plan.Resolve, _ => plan.FollowUp })?.CountsWorkingTime(plan.Clock) ?? false;
            TimeSpan? remaining = metAt is not null ? null
                : Remaining(paused ? t.PausedAt!.Value : now, due, working, calendar);
            var breached = metAt is { } m ? m > due : due < now && !(paused && t.PausedAt < due);
            views.Add(new SlaTargetView(target, due, plan.WarnAtOf(target), metAt, breached, paused, remaining));
        }
        return views;
    }

    private static TimeSpan Remaining(DateTimeOffset from, DateTimeOffset due, bool working, BusinessCalendar calendar) =>
        due <= from ? TimeSpan.Zero : working ? calendar.WorkingTimeBetween(from, due) : due - from;
}
