using Feedback.Application.Common;
using Feedback.Application.Privacy;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// The path of every settings PUT (routing, calendar, keyword library, cause lists, warning rules, SLA policy): read
/// the document, let the provider validate and store it, and record the change in the audit trail once it is stored.
/// </summary>
public sealed class PolicyChanges(AuditTrail audit)
{
    public async Task<IResult> ReplaceAsync<TDocument, T>(
        HttpRequest request, string target, Func<TDocument, Task<Outcome<T>>> replace, Func<T, Task<IResult>> ok,
        CancellationToken ct, int limit = JsonBody.DefaultLimit, Func<T, string?>? detail = null) where TDocument : class
    {
        var (document, problem) = await JsonBody.ReadAsync<TDocument>(request, ct, limit);
        if (problem is not null) return problem;
        var outcome = await replace(document!);
        if (outcome.Kind != OutcomeKind.Ok) return Responses.From(outcome, _ => Results.Empty);
        await audit.RecordAsync(Callers.Of(request.HttpContext), AuditActions.PolicyChange, target, detail?.Invoke(outcome.Value!), ct);
        return await ok(outcome.Value!);
    }

    public Task<IResult> ReplaceAsync<TDocument, T>(
        HttpRequest request, string target, Func<TDocument, Task<Outcome<T>>> replace, Func<T, IResult> ok,
        CancellationToken ct, int limit = JsonBody.DefaultLimit, Func<T, string?>? detail = null) where TDocument : class =>
        ReplaceAsync(request, target, replace, value => Task.FromResult(ok(value)), ct, limit, detail);
}
