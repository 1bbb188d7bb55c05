using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Analysis.Keywords;

/// <summary>The body of GET/PUT /api/keywords and the shape of Data/keywords.json.</summary>
public sealed record KeywordDocument(IReadOnlyList<KeywordEntry>? Entries);

/// <summary>The library a new installation starts with (Data/keywords.json); users edit it over the API.</summary>
public static class DefaultKeywords
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static KeywordLibrary Load()
    {
        using var stream = typeof(DefaultKeywords).Assembly.GetManifestResourceStream("keywords.json")
            ?? throw new InvalidOperationException("The embedded keywords.json is missing.");
        var document = JsonSerializer.Deserialize<KeywordDocument>(stream, Json)!;
        var (library, errors) = KeywordLibrary.Create(document.Entries, "default");
        return library ?? throw new InvalidOperationException("The default keyword library is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
