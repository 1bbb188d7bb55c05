using Feedback.Application.Monitoring;
using Feedback.Analysis;
using Feedback.Application.Common;
using Feedback.Application.Intake;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Masking;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Channels.Reviews;

/// <summary>What became of one review of a batch.</summary>
public sealed record ReviewResult(string? ReviewId, string Outcome, string? TicketNumber, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string Created = "created", Updated = "updated", Unchanged = "unchanged", SetAside = "setAside", Rejected = "rejected";
}

/// <summary>
/// Takes reviews one by one: a new review opens a ticket; the same review again with a later
/// <c>updatedAt</c> (the reviewer edited it) replaces the ticket's feedback and its sentiment instead
/// of opening a second ticket; anything older or equal is already known.
/// </summary>
public sealed class ReviewIntake(
    IntakeService intake, ITicketStore store, TicketUpdater updater, ITextAnalyzer analyzer, ChannelHealth health, Calendars.CalendarProvider calendars, ITicketWorkflows workflows, TimeProvider time)
{
    private const string Channel = ChannelNames.Reviews;

    public async Task<ReviewResult> AcceptAsync(Review review, CancellationToken ct)
    {
        health.Arrived(Channel);
        var errors = review.Validate();
        if (errors.Any)
        {
            var found = errors.ToDictionary();
            health.Rejected(Channel, RefusalReason.Invalid.Code(), errors.Missing);
            return new ReviewResult(review.ReviewId, ReviewResult.Rejected, null, found);
        }

        var existing = await store.FindByKeyAsync(IntakeService.ExternalKey(Channel, review.ExternalId), time.GetUtcNow(), ct);
        if (existing is null)
        {
            var outcome = await intake.AcceptAsync(review.ToSubmission(), ct);
            if (outcome.Kind != OutcomeKind.Ok) return new ReviewResult(review.ReviewId, ReviewResult.Rejected, null, outcome.Errors);
            var o = outcome.Value!;
            var kind = o.SetAsideReason is not null ? ReviewResult.SetAside : o.Created ? ReviewResult.Created : ReviewResult.Unchanged;
            return new ReviewResult(review.ReviewId, kind, o.Number);
        }
        return await UpdateAsync(existing, review, ct);
    }

    private async Task<ReviewResult> UpdateAsync(string number, Review review, CancellationToken ct)
    {
        // Connectors that poll resend every review each time: an unchanged one costs one read, no analysis.
        if (await store.GetAsync(number, ct) is { } current && review.Version <= KnownVersion(current.Value))
        {
            health.Duplicate(Channel);
            return new ReviewResult(review.ReviewId, ReviewResult.Unchanged, number);
        }
        var text = review.Text;
        var sentiment = StarRating.Blend(await analyzer.AnalyzeSentimentAsync(Mask.Text(text), ct), review.Rating!.Value);
        var result = await updater.UpdateAsync(number, ticket =>
        {
            if (review.Version <= KnownVersion(ticket)) return TicketChange.None;
            var now = time.GetUtcNow();
            var masked = Mask.Text(text);
            var before = ticket.Feedback.Rating;
            var updated = ticket.With(new HistoryEntry(now, "feedback-updated", Channel, $"review edited: {before}★ → {review.Rating}★")) with
            {
                Feedback = ticket.Feedback with { Content = masked, Rating = review.Rating, Details = review.ToSubmission().Details },
                Analysis = ticket.Analysis is { } analysis ? analysis with { Sentiment = sentiment } : null,
                FollowUps = ticket.FollowUps.Add(new FollowUp(now, Channel, "version:" + review.Version.ToString("O", System.Globalization.CultureInfo.InvariantCulture), masked)),
            };
            return Tickets.SlaPause.OnCustomerMessage(
                TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.FollowedUp, now, $"review updated: {review.Rating}★")), Channel, now, calendars.Current);
        }, ct);
        if (result.Kind == OutcomeKind.Ok && result.Value.Changed) await workflows.RaiseAsync(number, WorkflowEvents.Changed, ct);
        if (result.Kind != OutcomeKind.Ok) return new ReviewResult(review.ReviewId, ReviewResult.Rejected, null, result.Errors);
        if (result.Value.Changed) health.Updated(Channel); else health.Duplicate(Channel);
        return new ReviewResult(review.ReviewId, result.Value.Changed ? ReviewResult.Updated : ReviewResult.Unchanged, number);
    }

    private static DateTimeOffset KnownVersion(Ticket ticket) =>
        ticket.Feedback.Details?.GetValueOrDefault("version") is { } v
            ? DateTimeOffset.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
}
