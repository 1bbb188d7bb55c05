using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tickets;

/// <summary>Resuming a waiting ticket: by an agent, or because the customer wrote again on any channel.</summary>
public static class SlaPause
{
    public static TicketChange Resume(Ticket ticket, DateTimeOffset now, BusinessCalendar calendar, string actor, string? message)
    {
        var plan = ticket.PausedAt is { } paused ? ticket.Plan?.Resumed(paused, now, calendar) : ticket.Plan;
        var updated = ticket.With(new HistoryEntry(now, "resumed", actor, message)) with
        {
            Status = TicketStatus.Responded,
            PausedAt = null,
            WaitingFor = null,
            Plan = plan,
        };
        return plan?.ResolveBy is { } due
            ? SlaLog.Append(updated, [], new SlaRecord(SlaRecordTypes.Resumed, Stage.Resolution, plan.Rule, due, now)
                { Detail = $"paused {(plan.Paused - ticket.Plan!.Paused).TotalMinutes:0.#} working min" })
            : TicketChange.To(updated);
    }

    /// <summary>The intake's change, plus the resume if the ticket was waiting for this customer.</summary>
    public static TicketChange OnCustomerMessage(TicketChange change, string channel, DateTimeOffset now, BusinessCalendar calendar)
    {
        if (change.Updated is not { Status: TicketStatus.Waiting, WaitingFor: WaitReasons.Customer } updated) return change;
        var resumed = Resume(updated, now, calendar, "customer", $"the customer wrote again ({channel})");
        return resumed with { Events = [.. change.Events, .. resumed.Events] };
    }

    public static bool Resumed(TicketChange change) => change.Updated?.History.LastOrDefault()?.Kind == "resumed";
}
