using Feedback.Application.Calendars;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Sla;

/// <summary>
/// Re-plans every open ticket under the policy in force, from its received time, as though it had been
/// triaged now: met targets stay met, time paused stays credited, and each ticket's history and SLA log
/// say so. Each workflow hears of its ticket's change at once, so new deadlines fire without a polling lag.
/// </summary>
public sealed class SlaRecompute(ITicketQueries queries, TicketUpdater updater, ITicketWorkflows workflows, CalendarProvider calendars, TimeProvider time)
{
    private const int Parallelism = 16;

    public async Task<int> RecomputeAsync(SlaPolicy policy, string actor, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        var open = await queries.ListAsync(new TicketQuery(OpenOnly: true, Limit: int.MaxValue), time.GetUtcNow(), ct);
        var changed = 0;
        await Parallel.ForEachAsync(open.Where(t => t.Plan is not null && t.Analysis is not null && t.ResolvedAt is null),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (ticket, token) =>
            {
                var result = await updater.UpdateAsync(ticket.Number, t => Replan(t, policy, calendar, actor), token);
                if (result.Value is not { Changed: true }) return;
                Interlocked.Increment(ref changed);
                await workflows.RaiseAsync(ticket.Number, WorkflowEvents.Changed, token);
            });
        return changed;
    }

    private TicketChange Replan(Ticket ticket, SlaPolicy policy, Domain.Calendars.BusinessCalendar calendar, string actor)
    {
        if (ticket.Plan is not { } old || ticket.Analysis is not { } a || ticket.ResolvedAt is not null
            || ticket.Status is TicketStatus.Closed or TicketStatus.SetAside) return TicketChange.None;
        var plan = policy.Plan(ticket, a, calendar);
        // Time already paused is credited again; a pause still running is credited when it ends.
        if (old.Paused > TimeSpan.Zero && plan.ResolveBy is { } due)
            plan = plan with
            {
                ResolveBy = plan.Resolve!.CountsWorkingTime(plan.Clock) ? calendar.AddWorkingTime(due, old.Paused) : due + old.Paused,
                Paused = old.Paused,
            };
        if (plan.RespondBy == old.RespondBy && plan.ResolveBy == old.ResolveBy && plan.Rule == old.Rule) return TicketChange.None;
        var now = time.GetUtcNow();
        var updated = ticket.With(new HistoryEntry(now, "replanned", actor,
            $"policy {policy.Name} · rule {plan.Rule} · respond by {plan.RespondBy:u}" + (plan.ResolveBy is { } r ? $" · resolve by {r:u}" : " · no resolution limit")))
            with { Plan = plan };
        return SlaLog.Append(updated, [], SlaLog.Applied(plan, now, $"recomputed under {policy.Name}"));
    }
}
