namespace Feedback.Application.Ports;

/// <summary>One document that is no ticket's (an improvement action; warnings later), with the fields lists filter on.</summary>
public sealed record StoredRecord(string Kind, string Id, string Status, string? Department, DateTimeOffset UpdatedAt, string Json);

public sealed record RecordQuery(string Kind, string? Status = null, string? Department = null, int Limit = 100)
{
    /// <summary>Only records last updated before this (customers not heard from since).</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }
}

/// <summary>
/// Documents of other kinds than tickets: point reads, ETag-checked writes, small filtered lists (newest first).
/// Their events go to the outbox through <see cref="IEventLog.AppendAsync"/>, which is idempotent by event id.
/// </summary>
public interface IRecordStore
{
    Task<Versioned<StoredRecord>?> GetRecordAsync(string kind, string id, CancellationToken cancellationToken);

    /// <summary>Creates the record (<paramref name="etag"/> null; false if it exists) or replaces it if its ETag still matches.</summary>
    Task<bool> TryWriteRecordAsync(StoredRecord record, string? etag, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken);
}
