using Feedback.Application.Monitoring;
using Feedback.Application.Channels;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET /api/channels/health</c>: per channel, today's arrivals and what became of them, and the last week's arrivals.</summary>
public sealed class ChannelHealthEndpoint(ChannelHealth health)
{
    public async Task<IResult> GetAsync(CancellationToken ct) =>
        Responses.Json(StatusCodes.Status200OK, new { channels = await health.ReadAsync(ct) });
}
