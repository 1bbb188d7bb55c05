using Feedback.Analysis.Keywords;
using Feedback.Application.Keywords;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET/PUT /api/keywords</c>: the keyword library (关键词库), edited as data.</summary>
public sealed class KeywordEndpoints(KeywordLibraryProvider keywords, PolicyChanges changes)
{
    // Large enough for the library's 20,000 entries.
    private const int BodyLimit = 4 * 1024 * 1024;

    public async Task<IResult> GetAsync(CancellationToken ct)
    {
        await keywords.RefreshIfStaleAsync(ct);
        var library = keywords.Current;
        return Responses.Json(StatusCodes.Status200OK, new { version = library.Version, entries = library.Entries });
    }

    public Task<IResult> PutAsync(HttpRequest request, CancellationToken ct) =>
        changes.ReplaceAsync<KeywordDocument, KeywordLibrary>(request, "keywords", d => keywords.ReplaceAsync(d, ct),
            library => Responses.Json(StatusCodes.Status200OK, new { version = library.Version, entries = library.Entries.Count }),
            ct, BodyLimit, library => $"{library.Entries.Count} entries");
}
