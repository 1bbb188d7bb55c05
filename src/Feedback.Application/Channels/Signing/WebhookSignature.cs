using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Feedback.Application.Channels.Signing;

public enum SignatureCheck { Valid, Missing, Malformed, Stale, Mismatch, NoSecret }

/// <summary>
/// The one signature scheme every webhook channel but WeChat uses. The sender puts the Unix time in
/// seconds in <c>X-Feedback-Timestamp</c> and <c>sha256=</c> + lower-case hex of
/// HMAC-SHA256(channel secret, timestamp + "." + raw body) in <c>X-Feedback-Signature</c>. A timestamp
/// more than five minutes from ours is refused, so a captured request cannot be replayed later;
/// the comparison takes the same time whatever the bytes.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Feedback-Timestamp";
    public const string SignatureHeader = "X-Feedback-Signature";
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static SignatureCheck Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret)) return SignatureCheck.NoSecret;
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            !signature.StartsWith("sha256=", StringComparison.Ordinal)) return SignatureCheck.Malformed;
        if (seconds < now.AddYears(-1).ToUnixTimeSeconds() || Math.Abs(now.ToUnixTimeSeconds() - seconds) > ReplayWindow.TotalSeconds)
            return SignatureCheck.Stale;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
