using Feedback.Application.Ports;

namespace Feedback.Application.Common;

/// <summary>
/// A value kept as a named settings document: read at most every <see cref="RefreshInterval"/> (so other
/// instances see a change within it), replaced whole, and used at once by the instance that wrote it.
/// </summary>
public sealed class StoredSetting<T>(ISettingsStore store, TimeProvider time, string name, T initial, Func<string, T?> read) where T : class
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private Snapshot _current = new(initial, null);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public T Current => Volatile.Read(ref _current).Value;

    /// <summary>Whether a document was ever stored; if not, <see cref="Current"/> is the configured value.</summary>
    public bool IsStored => Volatile.Read(ref _current).Version is not null;

    public async Task RefreshIfStaleAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _refreshedAt < RefreshInterval) return;
        _refreshedAt = now;
        if (await store.ReadSettingAsync(name, ct) is not { } setting || setting.Version == Volatile.Read(ref _current).Version) return;
        // A stored document was valid when written; should it not be now, the value in force stays.
        if (read(setting.Json) is { } value) Volatile.Write(ref _current, new Snapshot(value, setting.Version));
    }

    public async Task ReplaceAsync(T value, string json, CancellationToken ct)
    {
        var version = await store.WriteSettingAsync(name, json, ct);
        Volatile.Write(ref _current, new Snapshot(value, version));
        _refreshedAt = time.GetUtcNow();
    }

    private sealed record Snapshot(T Value, string? Version);
}
