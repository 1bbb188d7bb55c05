using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET /api/health</c>: each part and its state; 503 if any part is down.</summary>
public sealed class HealthEndpoint(ITicketStore store, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<IResult> CheckAsync(ITicketWorkflows workflows, CancellationToken ct)
    {
        var storeState = await ProbeAsync(token => store.PingAsync(token), ct);
        var workflowState = await ProbeAsync(token => workflows.GetStateAsync("health-probe", token), ct);
        var healthy = storeState.State == "healthy" && workflowState.State == "healthy";
        return Responses.Json(healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new
        {
            status = healthy ? "healthy" : "unhealthy",
            parts = new { store = storeState, workflows = workflowState },
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

    private sealed record PartState(string State, double Milliseconds, string? Error);
}
