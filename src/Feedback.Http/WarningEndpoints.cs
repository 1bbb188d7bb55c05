using Feedback.Application.Warnings;
using Feedback.Domain.Warnings;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Early warnings (预警): the rules as data, the warnings and their moves, and a pass of the timer on demand.</summary>
public sealed class WarningEndpoints(WarningRuleProvider rules, WarningService warnings, WarningRun run, PolicyChanges changes)
{
    public async Task<IResult> GetRulesAsync(CancellationToken ct) =>
        Responses.Json(StatusCodes.Status200OK, WarningRulesDocument.Of(await rules.CurrentAsync(ct)));

    public Task<IResult> PutRulesAsync(HttpRequest request, CancellationToken ct) =>
        changes.ReplaceAsync(request, "warnings/rules", (WarningRulesDocument d) => rules.ReplaceAsync(d, ct),
            r => Responses.Json(StatusCodes.Status200OK, WarningRulesDocument.Of(r)), ct);

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var state = request.Query["state"].FirstOrDefault();
        if (state is not null && !WarningStates.All.Contains(state))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "state", $"'state' must be one of {string.Join(", ", WarningStates.All)}.");
        WarningLevel? level = null;
        if (request.Query["level"].FirstOrDefault() is { } l && (level = WarningLevels.Parse(l)) is null)
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "level", "'level' must be 一般, 重要 or 严重.");
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { Length: > 0 } n && (!int.TryParse(n, out limit) || limit is < 1 or > 1000))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "limit", "'limit' must be between 1 and 1000.");
        return Responses.Json(StatusCodes.Status200OK, new { warnings = await warnings.ListAsync(state, level, limit, ct) });
    }

    public async Task<IResult> GetAsync(string id, CancellationToken ct) =>
        await warnings.GetAsync(id, ct) is { } found
            ? Responses.Json(StatusCodes.Status200OK, found)
            : Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"Warning '{id}' does not exist.");

    public async Task<IResult> MoveAsync(string id, string action, HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<WarningAction>(request, ct);
        if (problem is not null) return problem;
        if (Security.Callers.Actor(request.HttpContext) is { } actor) body = body! with { Actor = actor };
        var outcome = await warnings.MoveAsync(id, action, body, ct);
        return outcome.Kind == Application.Common.OutcomeKind.Conflict
            ? Responses.Problem(StatusCodes.Status409Conflict, "The warning's state does not allow this.", outcome.Detail)
            : Responses.From(outcome, w => Responses.Json(StatusCodes.Status200OK, w));
    }

    public async Task<IResult> EvaluateAsync(CancellationToken ct)
    {
        var (events, raised) = await run.RunAsync(ct);
        return Responses.Json(StatusCodes.Status200OK, new { events, warnings = raised });
    }
}
