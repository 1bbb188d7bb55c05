using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tickets;

/// <summary>Writes SLA log entries onto a ticket and, in the same write, the events of the same type.</summary>
public static class SlaLog
{
    public static TicketChange Append(Ticket ticket, IReadOnlyList<FeedbackEvent> events, params SlaRecord[] records)
    {
        var updated = records.Length == 0 ? ticket : ticket with { Sla = ticket.Sla.AddRange(records) };
        return TicketChange.To(updated, [.. events, .. records.Select(r => FeedbackEvent.For(updated, r))]);
    }

    /// <summary>sla.applied for each target the plan sets.</summary>
    public static SlaRecord[] Applied(SlaPlan plan, DateTimeOffset at, string? detail = null) =>
    [
        new(SlaRecordTypes.Applied, Stage.Response, plan.Rule, plan.RespondBy, at) { Detail = detail ?? plan.Respond?.ToString() },
        .. plan.ResolveBy is { } resolveBy ? [new SlaRecord(SlaRecordTypes.Applied, Stage.Resolution, plan.Rule, resolveBy, at) { Detail = detail ?? plan.Resolve?.ToString() }] : Array.Empty<SlaRecord>(),
    ];

    /// <summary>sla.met for a target met now, saying whether in time.</summary>
    public static SlaRecord? Met(Ticket ticket, Stage target, DateTimeOffset at) =>
        ticket.Plan?.DueOf(target) is { } due
            ? new SlaRecord(SlaRecordTypes.Met, target, ticket.Plan.Rule, due, at) { Detail = at <= due ? "in time" : $"late by {(at - due).TotalMinutes:0} min" }
            : null;
}
