using System.Text.Json;
using Feedback.Domain;

namespace Feedback.Analysis.Keywords;

/// <summary>The body of GET/PUT /api/keywords and the shape of Data/keywords.json.</summary>
public sealed record KeywordDocument(IReadOnlyList<KeywordEntry>? Entries);

/// <summary>The library a new installation starts with (Data/keywords.json); users edit it over the API.</summary>
public static class DefaultKeywords
{
    public static KeywordLibrary Load()
    {
        using var stream = typeof(DefaultKeywords).Assembly.GetManifestResourceStream("keywords.json")
            ?? throw new InvalidOperationException("The embedded keywords.json is missing.");
        var document = JsonSerializer.Deserialize<KeywordDocument>(stream, FeedbackJson.Options)!;
        var (library, errors) = KeywordLibrary.Create(document.Entries, "default");
        return library ?? throw new InvalidOperationException("The default keyword library is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
    }
}
