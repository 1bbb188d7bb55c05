using Feedback.Analysis.Keywords;
using Feedback.Application.Keywords;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET/PUT /api/keywords</c>: the keyword library (关键词库), edited as data.</summary>
public sealed class KeywordEndpoints(KeywordLibraryProvider keywords, Application.Privacy.AuditTrail audit)
{
    // Large enough for the library's 20,000 entries.
    private const int BodyLimit = 4 * 1024 * 1024;

    public async Task<IResult> GetAsync(CancellationToken ct)
    {
        await keywords.RefreshIfStaleAsync(ct);
        var library = keywords.Current;
        return Responses.Json(StatusCodes.Status200OK, new { version = library.Version, entries = library.Entries });
    }

    public async Task<IResult> PutAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadAsync<KeywordDocument>(request, ct, BodyLimit);
        if (problem is not null) return problem;
        var outcome = await keywords.ReplaceAsync(document, ct);
        if (outcome.Kind == Application.Common.OutcomeKind.Ok) await audit.RecordAsync(Security.Callers.Of(request.HttpContext), Application.Privacy.AuditActions.PolicyChange, "keywords", $"{outcome.Value!.Entries.Count} entries", ct);
        return Responses.From(outcome, library => Responses.Json(StatusCodes.Status200OK, new { version = library.Version, entries = library.Entries.Count }));
    }
}
