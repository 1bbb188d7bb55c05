using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tickets;

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
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? Satisfaction,
    string? SetAsideReason,
    IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<HistoryEntry> History)
{
    public static TicketView Of(Ticket t, DateTimeOffset now, bool withContact) => new(
        t.Number, t.Status, t.Channel, t.ReceivedAt, t.Feedback, withContact ? t.Contact : null,
        t.Analysis, t.Analysis is { } a ? ChineseLabels.Of(a.Classification.Type) : null, t.Analysis?.Urgency,
        t.Plan, t.IsBreached(now), t.EscalationLevel, t.EscalatedTo, t.RespondedAt, t.ResolvedAt, t.ClosedAt, t.Satisfaction,
        t.SetAsideReason, t.FollowUps, t.History);
}
