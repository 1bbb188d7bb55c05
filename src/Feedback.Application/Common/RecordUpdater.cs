using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Feedback.Application.Ports;
using Feedback.Domain;

namespace Feedback.Application.Common;

/// <summary>What a move decides for a record as it finds it: a new version, or a refusal saying why.</summary>
public sealed record RecordChange<T>(T? Updated, string? Refusal) where T : class
{
    public static RecordChange<T> To(T updated) => new(updated, null);
    public static RecordChange<T> Refuse(string why) => new(null, why);
}

/// <summary>
/// The records' counterpart of the ticket updater: read, decide, write under the ETag, and on a lost race read
/// and decide again. Records are JSON documents of one type per kind.
/// </summary>
public sealed class RecordUpdater<T>(IRecordStore records, string kind, Func<T, StoredRecord> toRecord) where T : class
{
    private const int Attempts = 8;

    public async Task<T?> GetAsync(string id, CancellationToken ct) =>
        await records.GetRecordAsync(kind, id, ct) is { } stored ? Read(stored.Value) : null;

    public static T Read(StoredRecord record) => JsonSerializer.Deserialize<T>(record.Json, FeedbackJson.Options)!;

    public async Task<Outcome<T>> UpdateAsync(string id, Func<T, RecordChange<T>> decide, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await records.GetRecordAsync(kind, id, ct) is not { } stored) return Outcome<T>.NotFound($"'{id}' does not exist.");
            var change = decide(Read(stored.Value));
            if (change.Refusal is not null) return Outcome<T>.Conflict(change.Refusal);
            if (await records.TryWriteRecordAsync(toRecord(change.Updated!), stored.ETag, ct)) return Outcome<T>.Ok(change.Updated!);
        }
        return Outcome<T>.Conflict($"'{id}' kept changing under {Attempts} attempts; try again.");
    }
}

/// <summary>Ids that stand for something without showing it (a customer's id, a condition's key).</summary>
public static class Pseudonym
{
    public static string Of(string text, int length = 16) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
