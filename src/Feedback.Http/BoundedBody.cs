using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Reads a whole body up to a limit: 413 past it (declared or streamed), 400 when empty.</summary>
public static class BoundedBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        var body = request.ContentLength is { } length ? await ReadDeclaredAsync(request.Body, (int)length, ct) : await ReadStreamedAsync(request.Body, limit, ct);
        if (body is null) return (null, TooLarge(limit));
        if (body.Length == 0)
            return (null, Responses.Field(StatusCodes.Status400BadRequest, "The body is empty.", "body", "The body is required.", missing: true));
        return (body, null);
    }

    // The declared length is the buffer: one allocation of the body's size (the server holds a body to its Content-Length).
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken ct)
    {
        var buffer = new byte[length];
        await body.ReadExactlyAsync(buffer, ct);
        return buffer;
    }

    // Chunked: grown as it comes, in a pooled chunk, and refused as soon as it passes the limit.
    private static async Task<byte[]?> ReadStreamedAsync(Stream body, int limit, CancellationToken ct)
    {
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static IResult TooLarge(int limit) => Responses.Field(StatusCodes.Status413PayloadTooLarge,
        "The body is too large.", "body", limit >= 1024 * 1024 ? $"The body must be at most {limit / (1024 * 1024)} MiB." : $"The body must be at most {limit / 1024} KiB.");
}
