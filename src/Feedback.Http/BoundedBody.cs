using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Reads a whole body up to a limit: 413 past it (declared or streamed), 400 when empty.</summary>
public static class BoundedBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return (null, TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, Responses.Field(StatusCodes.Status400BadRequest, "The body is empty.", "body", "The body is required.", missing: true));
        return (buffer.ToArray(), null);
    }

    private static IResult TooLarge(int limit) => Responses.Field(StatusCodes.Status413PayloadTooLarge,
        "The body is too large.", "body", limit >= 1024 * 1024 ? $"The body must be at most {limit / (1024 * 1024)} MiB." : $"The body must be at most {limit / 1024} KiB.");
}
