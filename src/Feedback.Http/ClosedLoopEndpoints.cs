using Feedback.Application.ClosedLoop;
using Feedback.Domain.ClosedLoop;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Improvement actions (<c>/api/improvements</c>) and the root-cause lists (<c>/api/closed-loop/causes</c>).</summary>
public sealed class ClosedLoopEndpoints(Improvements improvements, CauseListProvider causes, PolicyChanges changes)
{
    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ImprovementDocument>(request, ct);
        if (problem is not null) return problem;
        if (Security.Callers.Actor(request.HttpContext) is { } actor) body = body! with { Actor = actor };
        var outcome = await improvements.CreateAsync(body, ct);
        return Responses.From(outcome, i => Responses.Json(StatusCodes.Status201Created, i, $"/{Routes.Prefix}/improvements/{i.Id}"));
    }

    public async Task<IResult> GetAsync(string id, CancellationToken ct) =>
        await improvements.GetAsync(id, ct) is { } found
            ? Responses.Json(StatusCodes.Status200OK, found)
            : Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"Improvement '{id}' does not exist.");

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var status = request.Query["status"].FirstOrDefault();
        if (status is not null && !ImprovementStatus.All.Contains(status))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "status", $"'status' must be one of {string.Join(", ", ImprovementStatus.All)}.");
        var department = request.Query["department"].FirstOrDefault();
        if (department?.Length > 50) return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "department", "'department' must be at most 50 characters.");
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 1000))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "limit", "'limit' must be between 1 and 1000.");
        return Responses.Json(StatusCodes.Status200OK, new { improvements = await improvements.ListAsync(status, string.IsNullOrWhiteSpace(department) ? null : department.Trim(), limit, ct) });
    }

    public async Task<IResult> MoveAsync(string id, string action, HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ImprovementMove>(request, ct);
        if (problem is not null) return problem;
        if (Security.Callers.Actor(request.HttpContext) is { } actor) body = body! with { Actor = actor };
        var outcome = await improvements.MoveAsync(id, action, body, ct);
        return outcome.Kind == Application.Common.OutcomeKind.Conflict
            ? Responses.Problem(StatusCodes.Status409Conflict, "The improvement's state does not allow this.", outcome.Detail)
            : Responses.From(outcome, i => Responses.Json(StatusCodes.Status200OK, i));
    }

    public async Task<IResult> GetCausesAsync(CancellationToken ct) => Responses.Json(StatusCodes.Status200OK, await causes.CurrentAsync(ct));

    public Task<IResult> PutCausesAsync(HttpRequest request, CancellationToken ct) =>
        changes.ReplaceAsync(request, "closed-loop/causes", (CauseLists d) => causes.ReplaceAsync(d, ct), c => Responses.Json(StatusCodes.Status200OK, c), ct);
}
