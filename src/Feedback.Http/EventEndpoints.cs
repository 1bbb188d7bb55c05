using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>The outbox as a feed: <c>GET /api/events?after={sequence}</c>; pass back <c>next</c> to continue.</summary>
public sealed class EventEndpoints(IEventLog store)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken ct) => FeedAsync(store, request, _ => true, ct);

    /// <summary>The feed, keeping only the events <paramref name="keep"/> accepts of those read.</summary>
    public static async Task<IResult> FeedAsync(IEventLog store, HttpRequest request, Func<Domain.Events.FeedbackEvent, bool> keep, CancellationToken ct)
    {
        long after = 0;
        if (request.Query["after"].FirstOrDefault() is { Length: > 0 } a && (!long.TryParse(a, out after) || after < 0))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "after", "'after' must be a non-negative sequence number.");
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 1000))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "limit", "'limit' must be between 1 and 1000.");

        var read = await store.ReadEventsAsync(after, limit, ct);
        var next = read.Count > 0 ? read[^1].Sequence : after;
        var events = read.Where(e => keep(e.Event));
        return Responses.Json(StatusCodes.Status200OK, new
        {
            events = events.Select(e => new { sequence = e.Sequence, e.Event.Id, e.Event.Type, e.Event.TicketNumber, e.Event.About, e.Event.OccurredAt, e.Event.Channel, e.Event.Urgency, e.Event.Level, e.Event.Detail, e.Event.Department, e.Event.Owner, e.Event.Sla }),
            next,
        });
    }
}
