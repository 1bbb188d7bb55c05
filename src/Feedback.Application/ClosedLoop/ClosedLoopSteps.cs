using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace Feedback.Application.ClosedLoop;

/// <summary>
/// The closed loop's activity: asks for the verdict, reminds once, closes as no-answer, thanks praise and archives
/// it. Each step is checked against the stored ticket before and after the message goes out, because the customer
/// may answer meanwhile and a resumed workflow runs its steps again. A message is sent at least once.
/// </summary>
public sealed class ClosedLoopSteps(
    ITicketStore store, TicketUpdater updater, CustomerOutreach outreach, SatisfactionTokens tokens,
    IOptions<ClosedLoopOptions> options, TimeProvider time)
{
    public async Task<bool> ApplyAsync(string number, LoopStep step, CancellationToken ct)
    {
        var ticket = (await store.GetAsync(number, ct))?.Value ?? throw new InvalidOperationException($"Ticket '{number}' does not exist.");
        if (!ClosedLoopSchedule.IsStillDue(ticket, step, time.GetUtcNow())) return false;
        return step.Kind switch
        {
            LoopStepKind.Ask => await AskAsync(ticket, step, ct),
            LoopStepKind.Remind => await RemindAsync(ticket, step, ct),
            LoopStepKind.Thank => await SendAndRecordAsync(ticket, step, MessageTemplates.PraiseThanks(ticket), t => t, ct),
            LoopStepKind.Expire => await UpdateIfDueAsync(number, step, (t, now) =>
            {
                var closed = t with { Satisfaction = Satisfaction.NoAnswer, Survey = t.Survey! with { AnsweredAt = now, Verdict = Satisfaction.NoAnswer, AnsweredBy = "no-answer" } };
                return Verdicts.Close(closed, now, CloseReasons.NoAnswer, "system");
            }, ct),
            _ => await UpdateIfDueAsync(number, step, (t, now) => Verdicts.Close(t, now, CloseReasons.Archived, "system"), ct),
        };
    }

    /// <summary>Records the request first, so its link works the moment the message arrives; then sends and records the message.</summary>
    private async Task<bool> AskAsync(Ticket ticket, LoopStep step, CancellationToken ct)
    {
        var resolved = ticket.ResolvedAt!.Value;
        if (ticket.Survey is not { } survey || survey.ResolvedAt != resolved)
        {
            // The window counts from the resolution, so a request asked again asks for the same thing with the same link.
            var policy = options.Value.Policy;
            var round = (ticket.Survey?.Round ?? 0) + 1;
            var request = new SatisfactionRequest(
                round, await tokens.NonceAsync(ticket.Number, resolved, round, ct), resolved, time.GetUtcNow(), resolved + policy.RemindAfter, resolved + policy.Window);
            var recorded = await updater.UpdateAsync(ticket.Number, t =>
                ClosedLoopSchedule.IsStillDue(t, step, time.GetUtcNow()) && (t.Survey is null || t.Survey.ResolvedAt != resolved)
                    ? TicketChange.To(t.With(new HistoryEntry(time.GetUtcNow(), "satisfaction-requested", "system", $"round {round}")) with { Survey = request })
                    : TicketChange.None, ct);
            ticket = recorded.Value.Ticket;
            if (ticket.Survey is not { } stored || stored.ResolvedAt != resolved) return false;
        }
        var message = MessageTemplates.SatisfactionRequest(ticket, await LinkAsync(ticket.Number, ticket.Survey!, ct), reminder: false);
        return await SendAndRecordAsync(ticket, step, message, t => t, ct);
    }

    private async Task<bool> RemindAsync(Ticket ticket, LoopStep step, CancellationToken ct)
    {
        var message = MessageTemplates.SatisfactionRequest(ticket, await LinkAsync(ticket.Number, ticket.Survey!, ct), reminder: true);
        return await SendAndRecordAsync(ticket, step, message, t => t with { Survey = t.Survey! with { RemindedAt = time.GetUtcNow() } }, ct);
    }

    public async Task<string> LinkAsync(string number, SatisfactionRequest request, CancellationToken ct) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/s/{await tokens.IssueAsync(number, request, ct)}";

    /// <summary>
    /// Sends, then records the message and (if the step is still due) what the step changes, in one write. The
    /// follow-up target is met once a message reaches the customer.
    /// </summary>
    private async Task<bool> SendAndRecordAsync(Ticket ticket, LoopStep step, CustomerMessage message, Func<Ticket, Ticket> change, CancellationToken ct)
    {
        var sent = await outreach.SendAsync(ticket, message, ct);
        var result = await updater.UpdateAsync(ticket.Number, current =>
        {
            var now = time.GetUtcNow();
            var stepped = ClosedLoopSchedule.IsStillDue(current, step, now) ? change(current) : current;
            var recorded = CustomerOutreach.Record(stepped, sent, message);
            var met = sent.Result == DeliveryResults.Sent ? Verdicts.FollowUpMet(current, now) : [];
            return SlaLog.Append(recorded.Updated!, recorded.Events, met);
        }, ct);
        return result.Value.Changed;
    }

    private async Task<bool> UpdateIfDueAsync(string number, LoopStep step, Func<Ticket, DateTimeOffset, TicketChange> change, CancellationToken ct)
    {
        var result = await updater.UpdateAsync(number, t =>
        {
            var now = time.GetUtcNow();
            return ClosedLoopSchedule.IsStillDue(t, step, now) ? change(t, now) : TicketChange.None;
        }, ct);
        return result.Value.Changed;
    }
}
