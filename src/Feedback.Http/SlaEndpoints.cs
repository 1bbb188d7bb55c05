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
public sealed class SlaEndpoints(SlaPolicyProvider policies, RoutingProvider routing, SlaRecompute recompute, IEventLog events, Application.Privacy.AuditTrail audit)
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
        var (document, problem) = await JsonBody.ReadAsync<SlaPolicyDocument>(request, ct);
        if (problem is not null) return problem;
        var outcome = await policies.ReplaceAsync(document, ct);
        if (outcome.Value is not { } policy) return Responses.From(outcome, _ => Results.Empty);
        await audit.RecordAsync(Security.Callers.Of(request.HttpContext), Application.Privacy.AuditActions.PolicyChange, "sla/policy", again ? "recompute" : null, ct);
        var recomputed = again ? await recompute.RecomputeAsync(policy, Security.Callers.Actor(request.HttpContext) ?? "api", ct) : 0;
        return Responses.Json(StatusCodes.Status200OK, new { policy = SlaPolicyDocument.Of(policy), recomputed });
    }

    public async Task<IResult> GetRoutingAsync(CancellationToken ct)
    {
        await routing.RefreshIfStaleAsync(ct);
        return Responses.Json(StatusCodes.Status200OK, RoutingDocument.Of(routing.Current));
    }

    public async Task<IResult> PutRoutingAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadAsync<RoutingDocument>(request, ct);
        if (problem is not null) return problem;
        var outcome = await routing.ReplaceAsync(document, ct);
        if (outcome.Kind == Application.Common.OutcomeKind.Ok) await audit.RecordAsync(Security.Callers.Of(request.HttpContext), Application.Privacy.AuditActions.PolicyChange, "routing", null, ct);
        return Responses.From(outcome, p => Responses.Json(StatusCodes.Status200OK, RoutingDocument.Of(p)));
    }

    /// <summary>The sla.* events and escalations after a sequence; <c>next</c> is the last sequence looked at, matching or not.</summary>
    public Task<IResult> ListEventsAsync(HttpRequest request, CancellationToken ct) =>
        EventEndpoints.FeedAsync(events, request, e => e.Type.StartsWith("sla.", StringComparison.Ordinal) || e.Type == Domain.Events.TicketEventTypes.Escalated, ct);
}
