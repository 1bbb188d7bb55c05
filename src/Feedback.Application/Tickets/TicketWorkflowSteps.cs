using Feedback.Analysis;
using Feedback.Application.Keywords;
using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Tickets;

public sealed record TriageInput(string TicketNumber, SentimentResult Sentiment, Classification Classification, KeywordResult Keywords);

public sealed record EscalateInput(string TicketNumber, Stage Stage);

/// <summary>
/// The work behind each activity of the ticket workflow. Every step is idempotent,
/// because an activity may run again after a crash or a retry.
/// </summary>
public sealed partial class TicketWorkflowSteps(
    ITicketStore store, TicketUpdater updater, ITextAnalyzer analyzer, KeywordLibraryProvider keywords, Calendars.CalendarProvider calendars, SlaPolicy policy,
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

    /// <summary>Sets urgency and deadlines. Deadlines count from receipt, not from triage.</summary>
    public async Task<SlaPlan> TriageAsync(TriageInput input, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
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
            var plan = policy.Plan(ticket.ReceivedAt, classification.Type, urgency, calendar);
            // A negative review is public: the documents give 24 h from its posting to contact the reviewer.
            if (ticket.Feedback.Rating is not null && input.Sentiment.Label == SentimentLabel.Negative)
                plan = plan.RespondNoLaterThan((ticket.Feedback.SubmittedAt ?? ticket.ReceivedAt) + policy.NegativeReviewContact);
            var now = time.GetUtcNow();
            var updated = ticket.With(new HistoryEntry(now, "triaged", "system",
                $"{ChineseLabels.Of(classification.Type)} · urgency {urgency} · respond by {plan.RespondBy:u} · resolve by {plan.ResolveBy:u}"))
                with { Analysis = analysis, Plan = plan };
            return TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.Triaged, now));
        }, ct);
        var ticket = Require(result.Value.Ticket, input.TicketNumber);
        if (result.Value.Changed) LogTriaged(logger, ticket.Number, ticket.Channel, analysis!.Urgency);
        return ticket.Plan!;
    }

    /// <summary>
    /// Raises the ticket one level, unless the stage was met after all (the timer and the agent raced) or was
    /// escalated already (a workflow resumed after a crash runs its timers again).
    /// </summary>
    public async Task<int> EscalateAsync(EscalateInput input, CancellationToken ct)
    {
        var result = await updater.UpdateAsync(input.TicketNumber, ticket =>
        {
            var met = input.Stage == Stage.Response ? ticket.RespondedAt is not null : ticket.ResolvedAt is not null;
            if (met || ticket.Escalations.Any(e => e.Stage == input.Stage)) return TicketChange.None;
            var now = time.GetUtcNow();
            var level = ticket.EscalationLevel + 1;
            var target = policy.EscalationTarget(level);
            var updated = ticket.With(new HistoryEntry(now, "escalated", "system",
                $"{input.Stage.ToString().ToLowerInvariant()} deadline missed; level {level}: {target}"))
                with { EscalationLevel = level, EscalatedTo = target, Escalations = ticket.Escalations.Add(new Escalation(input.Stage, level, target, now)) };
            return TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.Escalated, now, $"{input.Stage}: {target}"));
        }, ct);
        var ticket = Require(result.Value.Ticket, input.TicketNumber);
        if (result.Value.Changed) LogEscalated(logger, ticket.Number, ticket.Channel, ticket.EscalationLevel, input.Stage);
        return ticket.EscalationLevel;
    }

    public async Task CloseAsync(string number, CancellationToken ct)
    {
        var result = await updater.UpdateAsync(number, ticket =>
        {
            if (ticket.Status == TicketStatus.Closed) return TicketChange.None;
            var now = time.GetUtcNow();
            var updated = ticket.With(new HistoryEntry(now, "closed", "system", null)) with
            {
                Status = TicketStatus.Closed,
                ClosedAt = now,
            };
            return TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.Closed, now));
        }, ct);
        Require(result.Value.Ticket, number);
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
