using Feedback.Application.Calendars;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Sla;
using Feedback.Application.Tickets;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Application.ClosedLoop;

/// <summary>Why a satisfaction link or token was refused; nothing is recorded for any of them.</summary>
public enum LinkRefusal { None, Forged, Expired, Used, NotThisTicket }

/// <summary>
/// Records the customer's verdict, however it comes: the link, a WeChat reply 1/2/3, a hotline key press, a
/// survey answer. On a resolved ticket waiting for it, the verdict closes or reopens it (see <see cref="Verdicts"/>);
/// on any other, it is kept as the ticket's satisfaction. The same response id twice counts once.
/// </summary>
public sealed class SatisfactionCommands(
    TicketUpdater updater, ITicketStore store, ITicketWorkflows workflows, SatisfactionTokens tokens,
    SlaPolicyProvider policies, CalendarProvider calendars, Warnings.CustomerWatch customers, TimeProvider time)
{
    public async Task<Outcome<(Ticket Ticket, bool Changed)>> RecordAsync(
        string number, string verdict, string? comment, string via, string responseId, CancellationToken ct)
    {
        await Task.WhenAll(policies.RefreshIfStaleAsync(ct), calendars.RefreshIfStaleAsync(ct));
        var marker = $"{via} {responseId}";
        var result = await updater.UpdateAsync(number, ticket =>
        {
            if (ticket.History.Any(h => h.Kind == "satisfaction-response" && h.Message == marker)) return TicketChange.None;
            var now = time.GetUtcNow();
            var noted = ticket.With(new HistoryEntry(now, "satisfaction-response", via, marker));
            if (ticket.Status == TicketStatus.Resolved && ticket.ResolvedAt is { } resolved)
            {
                // A verdict may come before the request is recorded (a call centre quick to call back): it answers this resolution all the same.
                var survey = ticket.Survey is { } s && s.ResolvedAt == resolved ? s
                    : new SatisfactionRequest((ticket.Survey?.Round ?? 0) + 1, "unasked", resolved, now, now, now);
                if (survey.IsOpen) return Verdicts.Apply(noted with { Survey = survey }, verdict, comment, via, now, policies.Current, calendars.Current);
            }
            var rated = noted.With(new HistoryEntry(now, "satisfaction", via, comment is null ? verdict : $"{verdict}: {comment}")) with { Satisfaction = verdict };
            return TicketChange.To(rated, FeedbackEvent.For(rated, TicketEventTypes.Rated, now, verdict));
        }, ct);
        if (result.Value is { Changed: true } r)
        {
            await workflows.RaiseAsync(number, WorkflowEvents.Changed, ct);
            if (verdict == Satisfaction.Unsatisfied) await customers.OnBadExperienceAsync(r.Ticket, "不满意", customerSpoke: true, ct);
        }
        return result;
    }

    /// <summary>The verdict given through a satisfaction link: refused unless the token is ours, unexpired, and names the ticket's open request.</summary>
    public async Task<(Outcome<(Ticket Ticket, bool Changed)>? Recorded, LinkRefusal Refusal)> RecordByLinkAsync(
        string token, string? expectedNumber, string verdict, string? comment, CancellationToken ct)
    {
        var (claim, refusal, _) = await CheckAsync(token, expectedNumber, ct);
        if (refusal != LinkRefusal.None) return (null, refusal);
        var recorded = await RecordAsync(claim!.TicketNumber, verdict, comment, "link", claim.Nonce, ct);
        // Two clicks racing: the second finds the request answered by the first.
        return recorded.Value is { Changed: false } ? (null, LinkRefusal.Used) : (recorded, LinkRefusal.None);
    }

    /// <summary>Checks a link without recording anything: the page shows the question only for a live one.</summary>
    public async Task<(SatisfactionClaim? Claim, LinkRefusal Refusal, Ticket? Ticket)> CheckAsync(string token, string? expectedNumber, CancellationToken ct)
    {
        var (claim, problem) = await tokens.ReadAsync(token, ct);
        if (problem == TokenProblem.Forged || claim is null) return (null, LinkRefusal.Forged, null);
        if (expectedNumber is not null && expectedNumber != claim.TicketNumber) return (claim, LinkRefusal.NotThisTicket, null);
        if (problem == TokenProblem.Expired) return (claim, LinkRefusal.Expired, null);
        var ticket = (await store.GetAsync(claim.TicketNumber, ct))?.Value;
        if (ticket?.Survey is not { } survey || survey.Nonce != claim.Nonce) return (claim, LinkRefusal.Forged, null);
        if (!survey.IsOpen || ticket.Status != TicketStatus.Resolved) return (claim, LinkRefusal.Used, ticket);
        return (claim, LinkRefusal.None, ticket);
    }
}
