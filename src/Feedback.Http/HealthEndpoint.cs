using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Feedback.Http;

/// <summary>The <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    /// <summary>Health turns <c>degraded</c> when the oldest untriaged ticket has waited longer than this.</summary>
    public TimeSpan MaxUntriagedAge { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// <c>GET /api/health</c>: each part and its state, 503 if any part is down. The workflows part also says
/// how many accepted tickets wait for triage and how long the oldest has waited: a backlog that stalls is
/// <c>degraded</c>, because a ticket that is never triaged has no deadline and nobody would notice.
/// </summary>
public sealed class HealthEndpoint(IStoreProbe store, ITicketQueries queries, ITicketWorkflows workflows, TimeProvider time, IOptions<HealthOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<IResult> CheckAsync(CancellationToken ct)
    {
        WorkflowBacklog? backlog = null;
        // The backlog is read in the store's probe, so a store that fails there is reported, not thrown.
        var storeState = await ProbeAsync(async token => { await store.PingAsync(token); backlog = await queries.ReadBacklogAsync(token); }, ct);
        var workflowState = await ProbeAsync(token => workflows.GetStateAsync("health-probe", token), ct);
        var oldestAge = backlog?.OldestReceivedAt is { } oldest ? time.GetUtcNow() - oldest : TimeSpan.Zero;
        var stalled = oldestAge > options.Value.MaxUntriagedAge;
        var down = storeState.State != "healthy" || workflowState.State != "healthy";
        return Responses.Json(down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, new
        {
            status = down ? "unhealthy" : stalled ? "degraded" : "healthy",
            parts = new
            {
                store = storeState,
                workflows = workflowState with
                {
                    State = workflowState.State == "healthy" && stalled ? "degraded" : workflowState.State,
                    Backlog = backlog is null ? null : new Backlog(backlog.Untriaged, Math.Round(oldestAge.TotalSeconds, 1), options.Value.MaxUntriagedAge.TotalSeconds),
                },
            },
        });
    }

    private async Task<PartState> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Timeout);
        var started = time.GetTimestamp();
        try
        {
            await probe(cts.Token);
            return new PartState("healthy", time.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new PartState("unhealthy", time.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
        }
    }

    private sealed record PartState(string State, double Milliseconds, string? Error)
    {
        public Backlog? Backlog { get; init; }
    }

    /// <summary>Accepted tickets not yet triaged, the oldest one's wait, and the wait that makes the part degraded.</summary>
    private sealed record Backlog(int Untriaged, double OldestAgeSeconds, double DegradedAfterSeconds);
}
