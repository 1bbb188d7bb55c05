using Feedback.Analysis;
using Feedback.Application.Keywords;
using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

public sealed record TriageInput(string TicketNumber, SentimentResult Sentiment, Classification Classification, KeywordResult Keywords);

/// <summary>The ticket's next step, of its SLA clock or of its closed loop; Done once the ticket needs its workflow no more.</summary>
public sealed record SlaNext(bool Done, SlaStep? Step, LoopStep? Loop = null)
{
    /// <summary>The loop's step when it comes first (or alone); the workflow applies the one that is due first.</summary>
    public bool LoopFirst => Loop is { } loop && (Step is null || loop.At <= Step.At);
    public DateTimeOffset? At => LoopFirst ? Loop!.At : Step?.At;
}

public sealed record LoopStepInput(string TicketNumber, LoopStep Step);

public sealed record ApplyStepInput(string TicketNumber, SlaStep Step);

/// <summary>
/// The work behind each activity of the ticket workflow. Every step is idempotent,
/// because an activity may run again after a crash or a retry.
/// </summary>
public sealed partial class TicketWorkflowSteps(
    ITicketStore store, TicketUpdater updater, ITextAnalyzer analyzer, KeywordLibraryProvider keywords, Calendars.CalendarProvider calendars,
    Sla.SlaPolicyProvider policies, Routing.RoutingProvider routing, Warnings.WarningChecks warnings, Warnings.CustomerWatch customers,
    TimeProvider time, ILogger<TicketWorkflowSteps> logger)
{
    /// <summary>The text's sentiment, with the reviewer's stars folded in where the channel has them.</summary>
    public async Task<SentimentResult> AnalyzeSentimentAsync(string number, CancellationToken ct)
    {
        var feedback = await FeedbackAsync(number, ct);
        var sentiment = await analyzer.AnalyzeSentimentAsync(feedback.Content, ct);
        return feedback.Rating is { } stars ? StarRating.Blend(sentiment, stars) : sentiment;
    }

    public async Task<Classification> ClassifyAsync(string number, CancellationToken ct) =>
        await analyzer.ClassifyAsync(await ContentAsync(number, ct), ct);

    public async Task<KeywordResult> ExtractKeywordsAsync(string number, CancellationToken ct)
    {
        await keywords.RefreshIfStaleAsync(ct);
        return await analyzer.ExtractKeywordsAsync(await ContentAsync(number, ct), ct);
    }

    /// <summary>Sets urgency, deadlines and the department. Deadlines count from receipt, not from triage.</summary>
    public async Task<SlaPlan> TriageAsync(TriageInput input, CancellationToken ct)
    {
        await Task.WhenAll(calendars.RefreshIfStaleAsync(ct), policies.RefreshIfStaleAsync(ct), routing.RefreshIfStaleAsync(ct));
        var calendar = calendars.Current;
        var policy = policies.Current;
        TicketAnalysis? analysis = null;
        var result = await updater.UpdateAsync(input.TicketNumber, ticket =>
        {
            if (ticket.Plan is not null) return TicketChange.None;
            // What the channel already knows (the IVR menu choice) outranks what the analysis guessed.
            var classification = ticket.Feedback.PreClassified is { } known
                ? input.Classification with { Type = known, TypeConfidence = 1.0, Evidence = [.. input.Classification.Evidence, $"{ticket.Channel}:{ChineseLabels.Of(known)}"] }
                : input.Classification;
            var (urgency, reasons, confidence) = TriagePolicy.Decide(input.Sentiment, classification, input.Keywords.Keywords);
            analysis = new TicketAnalysis(input.Sentiment, classification, input.Keywords.Keywords, urgency, reasons, input.Keywords.KeyPhrases, confidence);
            var plan = policy.Plan(ticket, analysis, calendar);
            var route = routing.Current.Route(TicketFacts.Of(ticket, analysis), [.. input.Keywords.Keywords.Select(k => k.Term)], ticket.Feedback.Content);
            var now = time.GetUtcNow();
            var routed = ticket with { Department = ticket.Department ?? route.Department, Owner = ticket.Owner ?? route.Owner };
            var updated = routed.With(new HistoryEntry(now, "triaged", "system",
                $"{ChineseLabels.Of(classification.Type)} · urgency {urgency} · rule {plan.Rule} · respond by {plan.RespondBy:u}"
                + (plan.ResolveBy is { } r ? $" · resolve by {r:u}" : " · no resolution limit") + $" · {routed.Department}"))
                with { Analysis = analysis, Plan = plan };
            var facts = new TriageFacts(classification.Type, classification.Nature, input.Sentiment.Label,
                [.. (input.Keywords.KeyPhrases ?? []).Take(5)], [.. input.Keywords.Keywords.Select(k => k.Term).Distinct()],
                ticket.Channel == "social" ? Domain.Warnings.ContentSignals.Reach(ticket.Feedback.Details) : 0,
                Domain.Warnings.ContentSignals.MentionsWaiting(ticket.Feedback.Content));
            return SlaLog.Append(updated, [FeedbackEvent.For(updated, TicketEventTypes.Triaged, now) with { Facts = facts }], SlaLog.Applied(plan, now));
        }, ct);
        var ticket = Require(result.Value.Ticket, input.TicketNumber);
        if (result.Value.Changed)
        {
            LogTriaged(logger, ticket.Number, ticket.Channel, analysis!.Urgency);
            await warnings.OnTriagedAsync(ticket, ct);
        }
        return ticket.Plan!;
    }

    /// <summary>What the ticket's SLA clock and closed loop do next, read from the stored ticket.</summary>
    public async Task<SlaNext> NextStepAsync(string number, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var ticket = Require((await store.GetAsync(number, ct))?.Value, number);
        if (ticket.Status is TicketStatus.Closed or TicketStatus.SetAside) return new SlaNext(true, null);
        return new SlaNext(false, SlaSchedule.Next(ticket, time.GetUtcNow(), calendars.Current), ClosedLoopSchedule.Next(ticket));
    }

    /// <summary>
    /// Does the step if it is still the ticket's next and due: the ticket may have changed since the workflow
    /// slept (met, paused, re-planned), and a workflow resumed after a crash runs its timers again.
    /// </summary>
    public async Task<bool> ApplyStepAsync(ApplyStepInput input, CancellationToken ct)
    {
        var step = input.Step;
        var result = await updater.UpdateAsync(input.TicketNumber, ticket =>
        {
            var now = time.GetUtcNow();
            var next = SlaSchedule.Next(ticket, now, calendars.Current);
            if (next is null || next.Kind != step.Kind || next.Target != step.Target || next.Level != step.Level || next.Due != step.Due || next.At > now)
                return TicketChange.None;
            var rule = ticket.Plan!.Rule;
            var target = step.Target.ToString().ToLowerInvariant();
            if (step.Kind == SlaStepKind.Warn)
            {
                var left = step.Due - now;
                var warned = ticket.With(new HistoryEntry(now, "sla-warning", "system", $"{target} due {step.Due:u}, {left.TotalMinutes:0} min left"));
                return SlaLog.Append(warned, [], new SlaRecord(SlaRecordTypes.Warning, step.Target, rule, step.Due, now) { Detail = $"{left.TotalSeconds:0} s left" });
            }
            var role = ticket.Plan.RoleAt(step.Level);
            var escalation = new Escalation(step.Target, step.Level, role, now)
            {
                Due = step.Due, Department = ticket.Department, Owner = ticket.Owner, OverdueBy = now - step.Due,
            };
            var level = Math.Max(ticket.EscalationLevel, step.Level);
            var updated = ticket.With(new HistoryEntry(now, "escalated", "system",
                $"{target} deadline {step.Due:u} missed; level {step.Level}: {role}")) with
            {
                EscalationLevel = level,
                EscalatedTo = ticket.Plan.RoleAt(level),
                Escalations = ticket.Escalations.Add(escalation),
            };
            var escalated = FeedbackEvent.For(updated, TicketEventTypes.Escalated, now, $"{step.Target}: {role}") with
            {
                Level = step.Level,
                Sla = new SlaFact(step.Target, rule, step.Due, now) { Level = step.Level, Role = role, OverdueBy = now - step.Due },
            };
            return step.Kind == SlaStepKind.Breach
                ? SlaLog.Append(updated, [escalated], new SlaRecord(SlaRecordTypes.Breached, step.Target, rule, step.Due, now))
                : TicketChange.To(updated, escalated);
        }, ct);
        var ticket = Require(result.Value.Ticket, input.TicketNumber);
        if (result.Value.Changed && step.Kind != SlaStepKind.Warn) LogEscalated(logger, ticket.Number, ticket.Channel, step.Level, step.Target);
        if (result.Value.Changed && step.Kind == SlaStepKind.Breach) await customers.OnBadExperienceAsync(ticket, $"{step.Target} deadline missed", customerSpoke: false, ct);
        return result.Value.Changed;
    }

    private async Task<string> ContentAsync(string number, CancellationToken ct) => (await FeedbackAsync(number, ct)).Content;

    private async Task<FeedbackItem> FeedbackAsync(string number, CancellationToken ct) =>
        Require((await store.GetAsync(number, ct))?.Value, number).Feedback;

    private static Ticket Require(Ticket? ticket, string number) =>
        ticket ?? throw new InvalidOperationException($"Ticket '{number}' does not exist.");


    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketNumber} from {Channel} triaged as {Urgency}")]
    private static partial void LogTriaged(ILogger logger, string ticketNumber, string channel, Urgency urgency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketNumber} from {Channel} escalated to level {Level}: {Stage} deadline missed")]
    private static partial void LogEscalated(ILogger logger, string ticketNumber, string channel, int level, Stage stage);
}
