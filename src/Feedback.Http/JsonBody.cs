using Feedback.Application.Channels;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Feedback.Domain;

namespace Feedback.Http;

/// <summary>Reads a bounded JSON body: 415 for other media types, 413 past the limit, 400 for bad JSON.</summary>
public static class JsonBody
{
    public const int DefaultLimit = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct, int limit = DefaultLimit)
        where T : class
    {
        var (body, problem) = await ReadBytesAsync(request, ct, limit);
        return problem is not null ? (null, problem) : Parse<T>(body!);
    }

    /// <summary>The raw body, for channels whose signature covers the exact bytes.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken ct, int limit = DefaultLimit)
    {
        if (!IsJson(request.ContentType))
            return (null, Responses.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                "Content-Type", "The body must be JSON (Content-Type: application/json)."));
        return await BoundedBody.ReadAsync(request, limit, ct);
    }

    public static (T? Value, IResult? Problem) Parse<T>(byte[] body) where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, FeedbackJson.Options);
            return value is null
                ? (null, Responses.Field(StatusCodes.Status400BadRequest, "The body is not a JSON object.", "body", "A JSON object is required.", missing: true))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Responses.Field(StatusCodes.Status400BadRequest, "The body is not valid JSON for this request.", field,
                field == "body" ? "The body is not well-formed JSON." : $"'{field}' has a value of the wrong type or format.",
                field == "body" ? RefusalReason.Malformed : RefusalReason.Invalid));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    // "$.submittedAt" -> "submittedAt"; the root or an unknown path -> "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
