using Feedback.Application.Ports;
using Feedback.Application.Routing;
using Feedback.Application.Sla;
using Feedback.Domain.Sla;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// <c>GET/PUT /api/sla/policy</c> (a preset or rules; <c>?recompute=true</c> re-plans open tickets),
/// <c>GET/PUT /api/routing</c>, and <c>GET /api/sla/events</c>: the SLA log of every ticket as a feed.
/// </summary>
public sealed class SlaEndpoints(SlaPolicyProvider policies, RoutingProvider routing, SlaRecompute recompute, IEventLog events, PolicyChanges changes)
{
    public async Task<IResult> GetPolicyAsync(CancellationToken ct)
    {
        await policies.RefreshIfStaleAsync(ct);
        return Responses.Json(StatusCodes.Status200OK, new { policy = SlaPolicyDocument.Of(policies.Current), presets = SlaPresets.All.Keys });
    }

    public async Task<IResult> PutPolicyAsync(HttpRequest request, CancellationToken ct)
    {
        bool again = false;
        if (request.Query["recompute"].FirstOrDefault() is { Length: > 0 } r && !bool.TryParse(r, out again))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "recompute", "'recompute' must be true or false.");
        return await changes.ReplaceAsync(request, "sla/policy", (SlaPolicyDocument d) => policies.ReplaceAsync(d, ct), async policy =>
        {
            var recomputed = again ? await recompute.RecomputeAsync(policy, Security.Callers.Actor(request.HttpContext) ?? "api", ct) : 0;
            return Responses.Json(StatusCodes.Status200OK, new { policy = SlaPolicyDocument.Of(policy), recomputed });
        }, ct, detail: _ => again ? "recompute" : null);
    }

    public async Task<IResult> GetRoutingAsync(CancellationToken ct)
    {
        await routing.RefreshIfStaleAsync(ct);
        return Responses.Json(StatusCodes.Status200OK, RoutingDocument.Of(routing.Current));
    }

    public Task<IResult> PutRoutingAsync(HttpRequest request, CancellationToken ct) =>
        changes.ReplaceAsync(request, "routing", (RoutingDocument d) => routing.ReplaceAsync(d, ct),
            p => Responses.Json(StatusCodes.Status200OK, RoutingDocument.Of(p)), ct);

    /// <summary>The sla.* events and escalations after a sequence; <c>next</c> is the last sequence looked at, matching or not.</summary>
    public Task<IResult> ListEventsAsync(HttpRequest request, CancellationToken ct) =>
        EventEndpoints.FeedAsync(events, request, e => e.Type.StartsWith("sla.", StringComparison.Ordinal) || e.Type == Domain.Events.TicketEventTypes.Escalated, ct);
}
