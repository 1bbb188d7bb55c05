namespace Feedback.Application.Channels.WebForm;

/// <summary>Tells PNG, JPEG and WebP apart by their first bytes; a file's name or declared type proves nothing.</summary>
public static class ImageType
{
    public const int HeaderLength = 12;

    /// <summary>The media type the bytes really are, or null if they are none of the three.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
