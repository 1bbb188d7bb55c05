using System.Text.Json;
using Feedback.Analysis.Keywords;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;

namespace Feedback.Application.Keywords;

/// <summary>
/// The keyword library in force, kept in the store as a settings document so every instance shares it.
/// A change is validated, stored, and swapped in at once here; other instances pick it up on their next
/// refresh (at most <see cref="RefreshInterval"/> later). No restart, no redeploy.
/// </summary>
public sealed class KeywordLibraryProvider(ISettingsStore store, TimeProvider time) : IKeywordLibrarySource
{
    public const string SettingName = "keywords";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private KeywordLibrary _current = DefaultKeywords.Load();
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public KeywordLibrary Current => Volatile.Read(ref _current);

    /// <summary>Reads the stored library if the last read is older than the refresh interval.</summary>
    public async Task RefreshIfStaleAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _refreshedAt < RefreshInterval) return;
        _refreshedAt = now;
        var stored = await store.ReadSettingAsync(SettingName, ct);
        if (stored is not { } setting || setting.Version == Current.Version) return;
        var document = JsonSerializer.Deserialize<KeywordDocument>(setting.Json, FeedbackJson.Options);
        var (library, _) = KeywordLibrary.Create(document?.Entries, setting.Version);
        // A stored library was valid when written; should it not be now, the one in force stays.
        if (library is not null) Volatile.Write(ref _current, library);
    }

    public async Task<Outcome<KeywordLibrary>> ReplaceAsync(KeywordDocument? document, CancellationToken ct)
    {
        var (candidate, errors) = KeywordLibrary.Create(document?.Entries, "pending");
        if (candidate is null) return Outcome<KeywordLibrary>.Invalid(errors);
        var version = await store.WriteSettingAsync(SettingName, JsonSerializer.Serialize(new KeywordDocument(candidate.Entries), FeedbackJson.Options), ct);
        var (library, _) = KeywordLibrary.Create(candidate.Entries, version);
        Volatile.Write(ref _current, library!);
        _refreshedAt = time.GetUtcNow();
        return Outcome<KeywordLibrary>.Ok(library!);
    }
}
