using Feedback.Domain.Warnings;

namespace Feedback.Application.Ports;

/// <summary>
/// The incremental aggregates (counts per minute, hour and business day) that warnings are evaluated over: a
/// handful of buckets are read per evaluation however many tickets are stored.
/// </summary>
public interface IAggregateStore
{
    /// <summary>The buckets asked for that exist.</summary>
    Task<IReadOnlyList<AggregateBucket>> ReadBucketsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the deltas to their buckets and moves the named checkpoint to <paramref name="sequence"/>: in one
    /// transaction where the store has them (SQLite), so a batch is counted exactly once. With
    /// <paramref name="expected"/>, nothing is written (false) unless the checkpoint still stands there.
    /// </summary>
    Task<bool> ApplyAggregatesAsync(IReadOnlyList<AggregateBucket> deltas, string checkpoint, long sequence, CancellationToken cancellationToken, long? expected = null);
}
