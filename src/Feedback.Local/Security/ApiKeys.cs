using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Privacy;
using Feedback.Domain;
using Feedback.Http.Security;

namespace Feedback.Local.Security;

/// <summary>A key as stored: its hash only; the key itself is shown once, when it is made.</summary>
public sealed record ApiKey(string Id, string Name, string Role, string Hash, DateTimeOffset CreatedAt, string CreatedBy)
{
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>The key as listed: everything but the hash.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView Of(ApiKey k) => new(k.Id, k.Name, k.Role, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt);
}

/// <summary>
/// The local host's API keys, <c>fbk_{id}_{secret}</c>: records in the store under their id, holding the SHA-256
/// of the whole key. A check reads the record by id (cached a few seconds, so a revocation takes effect within
/// them) and compares hashes in constant time.
/// </summary>
public sealed class ApiKeys(IRecordStore records, AuditTrail audit, TimeProvider time)
{
    private const string Kind = "api-key";
    private const string Prefix = "fbk_";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset At)> _cache = new();
    private (bool Any, DateTimeOffset At)? _any;

    /// <summary>Makes a key and records it in the audit trail, whoever asks (the CLI, an admin over HTTP).</summary>
    public async Task<Outcome<(ApiKey Key, string Secret)>> CreateAsync(string? name, string? role, TimeSpan? lifetime, Caller by, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(name)) errors.Required("name", "'name' is required: whose key it is (李客服).");
        errors.MaxLength("name", name, 100);
        if (string.IsNullOrWhiteSpace(role)) errors.Required("role", $"'role' is required: {string.Join(", ", StaffRoles.All)}.");
        else if (!StaffRoles.All.Contains(role)) errors.Add("role", $"'role' must be one of {string.Join(", ", StaffRoles.All)}.");
        if (lifetime is { } l && l <= TimeSpan.Zero) errors.Add("expiresInDays", "'expiresInDays' must be positive.");
        if (errors.Any) return Outcome<(ApiKey, string)>.Invalid(errors);

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = $"{Prefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var now = time.GetUtcNow();
        var key = new ApiKey(id, name!.Trim(), role!, Hash(secret), now, by.Name) { ExpiresAt = lifetime is { } life ? now + life : null };
        if (!await records.TryWriteRecordAsync(Record(key), null, ct))
            throw new InvalidOperationException("A key id was drawn twice; try again.");
        _any = (true, now);
        await audit.RecordAsync(by, AuditActions.KeyCreated, "key:" + id, $"{key.Role} for {key.Name}", ct);
        return Outcome<(ApiKey, string)>.Ok((key, secret));
    }

    public async Task<Outcome<ApiKey>> RevokeAsync(string id, Caller by, CancellationToken ct)
    {
        var updater = new RecordUpdater<ApiKey>(records, Kind, Record);
        var outcome = await updater.UpdateAsync(id, k => RecordChange<ApiKey>.To(k with { RevokedAt = k.RevokedAt ?? time.GetUtcNow() }), ct);
        _cache.TryRemove(id, out _);
        if (outcome.Value is not null) await audit.RecordAsync(by, AuditActions.KeyRevoked, "key:" + id, null, ct);
        return outcome;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) =>
        (await records.ListRecordsAsync(new RecordQuery(Kind, Limit: 1000), ct)).Select(RecordUpdater<ApiKey>.Read).ToList();

    /// <summary>Whether any key is live: without one, the loopback host is open.</summary>
    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_any is { } cached && now - cached.At < CacheFor) return cached.Any;
        var any = (await records.ListRecordsAsync(new RecordQuery(Kind, Status: "active", Limit: 50), ct))
            .Select(RecordUpdater<ApiKey>.Read).Any(k => k.IsLive(now));
        _any = (any, now);
        return any;
    }

    /// <summary>The live key this secret is, or null.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var parts = secret.Split('_');
        if (parts.Length != 3 || parts[1].Length != 12) return null;
        var id = parts[1];
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || now - cached.At >= CacheFor)
        {
            var stored = await records.GetRecordAsync(Kind, id, ct);
            cached = (stored is null ? null : RecordUpdater<ApiKey>.Read(stored.Value), now);
            _cache[id] = cached;
        }
        if (cached.Key is not { } key || !key.IsLive(now)) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Hash), Encoding.ASCII.GetBytes(Hash(secret))) ? key : null;
    }

    private static StoredRecord Record(ApiKey k) =>
        new(Kind, k.Id, k.RevokedAt is null ? "active" : "revoked", k.Role, k.RevokedAt ?? k.CreatedAt, JsonSerializer.Serialize(k, FeedbackJson.Options));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '-');
}
