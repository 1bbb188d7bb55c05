using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Feedback.Application.Channels.Signing;

namespace Feedback.Application.Channels.WeChat;

/// <summary>The WeChat server signature: SHA-1 of the token, timestamp and nonce sorted and joined.</summary>
public static class WeChatSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>SHA-1 of the parts sorted and joined: token, timestamp and nonce, plus the ciphertext for msg_signature.</summary>
    public static string Compute(params string[] parts)
    {
        parts = [.. parts];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)))).ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of the parts, compared in constant time.</summary>
    public static bool Matches(string? signature, params string[] parts) =>
        !string.IsNullOrEmpty(signature) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(parts)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    public static SignatureCheck Verify(string? token, string? signature, string? timestamp, string? nonce, DateTimeOffset now, bool checkAge)
    {
        if (string.IsNullOrEmpty(token)) return SignatureCheck.NoSecret;
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce)) return SignatureCheck.Missing;
        if (!Matches(signature, token, timestamp, nonce)) return SignatureCheck.Mismatch;
        if (!checkAge) return SignatureCheck.Valid;
        return long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799))).Ticks) <= Window.Ticks
            ? SignatureCheck.Valid : SignatureCheck.Stale;
    }
}
