using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Warnings;

/// <summary>
/// Keeps the aggregates from the outbox: every event after the checkpoint adds to its minute, hour and day
/// buckets, and the batch and the checkpoint are stored together. Derived, not hooked into each command: a
/// restart resumes from the checkpoint, and the counts follow what was recorded.
/// </summary>
public sealed class AggregateProjector(IEventLog events, IAggregateStore aggregates, IOptions<BusinessOptions> business)
{
    public const string Checkpoint = "aggregates";
    private const int Batch = 1000;

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>
    /// Projects everything pending; returns how many events were read. One pass at a time here, and each batch is
    /// applied only if the checkpoint is still where this pass read it, so a batch is never counted twice.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            var total = 0;
            var after = await events.ReadCheckpointAsync(Checkpoint, ct);
            while (true)
            {
                var page = await events.ReadEventsAsync(after, Batch, ct);
                if (page.Count == 0) return total;
                var buckets = new Dictionary<string, AggregateBucket>(StringComparer.Ordinal);
                foreach (var stored in page) Project(stored.Event, buckets);
                if (!await aggregates.ApplyAggregatesAsync([.. buckets.Values], Checkpoint, page[^1].Sequence, ct, expected: after)) return total;
                after = page[^1].Sequence;
                total += page.Count;
                if (page.Count < Batch) return total;
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private void Project(FeedbackEvent e, Dictionary<string, AggregateBucket> buckets)
    {
        AggregateBucket Bucket(string id) => buckets.TryGetValue(id, out var b) ? b : buckets[id] = new AggregateBucket(id);
        var day = Bucket(AggregateKeys.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.OccurredAt, business.Value.Zone).DateTime)));
        var number = e.TicketNumber;
        switch (e.Type)
        {
            case TicketEventTypes.Triaged when e.Facts is { } f:
                foreach (var bucket in new[] { Bucket(AggregateKeys.Minute(e.OccurredAt)), Bucket(AggregateKeys.Hour(e.OccurredAt)), day })
                {
                    bucket.Add(AggregateKeys.Triaged, 1);
                    bucket.Add(AggregateKeys.Type(f.Type), 1);
                    bucket.Add(AggregateKeys.Nature(f.Nature), 1);
                    bucket.Add(AggregateKeys.Sentiment(f.Sentiment), 1);
                    if (e.Channel is { } channel) bucket.Add(AggregateKeys.Channel(channel), 1);
                    if (f.Type == FeedbackType.Complaint) bucket.Add(AggregateKeys.Complaint(f.Nature), 1, number);
                    foreach (var p in f.KeyPhrases) bucket.Add(AggregateKeys.KeyPhrase(p), 1, number);
                    foreach (var k in f.Keywords) bucket.Add(AggregateKeys.Keyword(k), 1, number);
                    if (f.Type is FeedbackType.Consultation or FeedbackType.InformationRequest)
                        foreach (var p in f.KeyPhrases) bucket.Add(AggregateKeys.Consultation(p), 1, number);
                    if (f.MentionsWaiting) bucket.Add(AggregateKeys.Waiting, 1, number);
                    if (e.Channel == "social" && f.Sentiment == SentimentLabel.Negative)
                    {
                        bucket.Add(AggregateKeys.SocialNegative, 1, number);
                        bucket.Add(AggregateKeys.SocialReach, f.Reach);
                    }
                }
                break;
            case TicketEventTypes.Responded when e.ReceivedAt is { } received:
                day.Add(AggregateKeys.Responded, 1);
                day.Add(AggregateKeys.ResponseMinutes, Math.Max(0, (e.OccurredAt - received).TotalMinutes));
                break;
            case TicketEventTypes.Resolved:
                day.Add(AggregateKeys.Resolved, 1);
                break;
            case SlaRecordTypes.Breached:
                day.Add(AggregateKeys.Breached, 1, number);
                break;
            case TicketEventTypes.Rated when e.Detail is { } verdict:
                day.Add(AggregateKeys.Rated(verdict), 1, number);
                break;
            case TicketEventTypes.Closed when e.Detail == CloseReasons.NoAnswer:
                day.Add(AggregateKeys.Rated(Satisfaction.NoAnswer), 1, number);
                break;
        }
    }
}
