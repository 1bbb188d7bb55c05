using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Feedback.Application.Ports;
using Feedback.Domain.ClosedLoop;
using Microsoft.Extensions.Options;

namespace Feedback.Application.ClosedLoop;

/// <summary>What a satisfaction link's token says: which ticket, which request (its nonce), until when.</summary>
public sealed record SatisfactionClaim(string TicketNumber, int Round, string Nonce, DateTimeOffset ExpiresAt);

public enum TokenProblem { None, Forged, Expired }

/// <summary>
/// Signs and reads the one-time satisfaction links (<c>/s/{token}</c>): HMAC-SHA256 over the ticket number, the
/// request's round and nonce and the expiry. The signature proves we issued it; the nonce, matched against the
/// ticket's open request, makes it work for that request only, and once.
/// </summary>
public sealed class SatisfactionTokens(IOptions<ClosedLoopOptions> options, ISettingsStore settings, TimeProvider time)
{
    private const string KeySetting = "satisfaction-signing-key";
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private byte[]? _key;

    public async Task<string> IssueAsync(string number, SatisfactionRequest request, CancellationToken ct)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{number}|{request.Round}|{request.Nonce}|{request.ExpiresAt.ToUnixTimeSeconds()}");
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{Base64Url(bytes)}.{Base64Url(HMACSHA256.HashData(await KeyAsync(ct), bytes))}";
    }

    public async Task<(SatisfactionClaim? Claim, TokenProblem Problem)> ReadAsync(string? token, CancellationToken ct)
    {
        if (token is null || token.Length > 400 || token.Split('.') is not [var body, var signature]) return (null, TokenProblem.Forged);
        if (FromBase64Url(body) is not { } bytes || FromBase64Url(signature) is not { } given) return (null, TokenProblem.Forged);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(await KeyAsync(ct), bytes), given)) return (null, TokenProblem.Forged);
        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts is not [var number, var round, var nonce, var expires]
            || !int.TryParse(round, CultureInfo.InvariantCulture, out var r) || !long.TryParse(expires, CultureInfo.InvariantCulture, out var exp))
            return (null, TokenProblem.Forged);
        var claim = new SatisfactionClaim(number, r, nonce, DateTimeOffset.FromUnixTimeSeconds(exp));
        return claim.ExpiresAt < time.GetUtcNow() ? (claim, TokenProblem.Expired) : (claim, TokenProblem.None);
    }

    /// <summary>
    /// The nonce of a resolution's request, derived (not random) so that a request sent again after a crash or a
    /// retry carries the same, still valid link.
    /// </summary>
    public async Task<string> NonceAsync(string number, DateTimeOffset resolvedAt, int round, CancellationToken ct) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(ct),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"nonce|{number}|{resolvedAt.ToUnixTimeMilliseconds()}|{round}"))))[..24];

    /// <summary>The configured key, or the one kept in the settings store (made on first use).</summary>
    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } known) return known;
        if (!string.IsNullOrWhiteSpace(options.Value.SigningKey)) return _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
        // One maker per process: two first uses at once must not each make (and sign with) a key of their own.
        await _keyLock.WaitAsync(ct);
        try
        {
            if (_key is { } made) return made;
            if (await settings.ReadSettingAsync(KeySetting, ct) is not { } stored)
            {
                await settings.WriteSettingAsync(KeySetting, $"\"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\"", ct);
                // Read back: should two instances make one at once, both use the one written last.
                stored = (await settings.ReadSettingAsync(KeySetting, ct))!.Value;
            }
            return _key = Convert.FromBase64String(stored.Json.Trim('"'));
        }
        finally
        {
            _keyLock.Release();
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try { return Convert.FromBase64String(s); }
        catch (FormatException) { return null; }
    }
}
