using Feedback.Application.Privacy;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// <c>GET /api/audit?after=</c>: the audit trail, oldest first; <c>POST /api/customers/{customerId}/erase</c> and
/// <c>POST /api/customers/erase</c> (<c>{"contact": …}</c>): a customer's erasure; <c>POST /api/retention/run</c>:
/// a pass of the retention policy now.
/// </summary>
public sealed class PrivacyEndpoints(AuditTrail audit, CustomerErasure erasure, RetentionRun retention)
{
    private sealed record EraseBody(string? Contact, string? CustomerId, string? Reason);

    public async Task<IResult> AuditAsync(HttpRequest request, CancellationToken ct)
    {
        long after = 0;
        if (request.Query["after"].FirstOrDefault() is { Length: > 0 } a && (!long.TryParse(a, out after) || after < 0))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "after", "'after' must be a sequence number, 0 or more.");
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 1000))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "limit", "'limit' must be between 1 and 1000.");
        var entries = await audit.ReadAsync(after, limit, ct);
        return Responses.Json(StatusCodes.Status200OK, new { entries, next = entries.Count > 0 ? entries[^1].Sequence : after });
    }

    public async Task<IResult> EraseCustomerAsync(string customerId, HttpRequest request, CancellationToken ct)
    {
        var reason = request.ContentLength > 0 ? (await JsonBody.ReadAsync<EraseBody>(request, ct)).Value?.Reason : null;
        return await EraseAsync(new ErasureRequest(customerId, null, reason), request, ct);
    }

    public async Task<IResult> EraseContactAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EraseBody>(request, ct);
        if (problem is not null) return problem;
        return await EraseAsync(new ErasureRequest(body!.CustomerId, body.Contact, body.Reason), request, ct);
    }

    public async Task<IResult> RetentionAsync(CancellationToken ct) => Responses.Json(StatusCodes.Status200OK, await retention.RunAsync(ct));

    private async Task<IResult> EraseAsync(ErasureRequest request, HttpRequest http, CancellationToken ct) =>
        Responses.From(await erasure.EraseAsync(request, Callers.Of(http.HttpContext), ct), r => Responses.Json(StatusCodes.Status200OK, r));
}
