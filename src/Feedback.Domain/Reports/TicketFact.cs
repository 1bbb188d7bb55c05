using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Reports;

/// <summary>
/// One ticket as reports and Power BI read it: flat, no text, no contact, stable names. Stores keep it beside the
/// document on every write, so a period's facts are read without opening a million documents.
/// </summary>
public sealed record TicketFact(string Number, string Channel, string Status, DateTimeOffset ReceivedAt)
{
    public string? Type { get; init; }
    public string? Nature { get; init; }
    public string? Sentiment { get; init; }
    public string? Urgency { get; init; }
    public string? Department { get; init; }
    public string? Owner { get; init; }
    public string? Tier { get; init; }

    /// <summary>The first key phrase: what the hot topics roll up.</summary>
    public string? Topic { get; init; }
    public DateTimeOffset? RespondBy { get; init; }
    public DateTimeOffset? ResolveBy { get; init; }
    public DateTimeOffset? FollowUpBy { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? FollowedUpAt { get; init; }
    public bool WorkingTime { get; init; }
    public string? Satisfaction { get; init; }
    public string? CloseReason { get; init; }
    public int EscalationLevel { get; init; }
    public int Reopens { get; init; }

    /// <summary>A resolved complaint's 根本原因: the improvement suggestions count the commonest.</summary>
    public string? RootCause { get; init; }

    public static TicketFact Of(Ticket t) => new(t.Number, t.Channel, t.Status.ToString(), t.ReceivedAt)
    {
        Type = t.Analysis?.Classification.Type.ToString(),
        Nature = t.Analysis?.Classification.Nature.ToString(),
        Sentiment = t.Analysis?.Sentiment.Label.ToString(),
        Urgency = t.Analysis?.Urgency.ToString(),
        Department = t.Department,
        Owner = t.Owner,
        Tier = t.Feedback.Tier,
        Topic = t.Analysis?.KeyPhrases is [var first, ..] ? first : null,
        RespondBy = t.Plan?.RespondBy,
        ResolveBy = t.Plan?.ResolveBy,
        FollowUpBy = t.Plan?.FollowUpBy,
        RespondedAt = t.RespondedAt,
        ResolvedAt = t.ResolvedAt,
        ClosedAt = t.ClosedAt,
        FollowedUpAt = t.Plan?.FollowUpBy is { } f ? t.Sla.LastOrDefault(r => r.Type == SlaRecordTypes.Met && r.Target == Stage.FollowUp && r.DueAt == f)?.At : null,
        WorkingTime = t.Plan is { } p && (p.Respond?.CountsWorkingTime(p.Clock) ?? false),
        Satisfaction = t.Satisfaction,
        CloseReason = t.CloseReason,
        EscalationLevel = t.EscalationLevel,
        Reopens = t.Reopens,
        RootCause = t.RootCause?.Cause,
    };
}
