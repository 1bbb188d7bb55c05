namespace Feedback.Application.Ports;

/// <summary>Named counters (a monthly budget, a channel's arrivals per day), added to atomically.</summary>
public interface ICounterStore
{
    /// <summary>Adds to a named counter and returns the new total; atomic.</summary>
    Task<long> AddToCounterAsync(string name, long amount, CancellationToken cancellationToken);

    /// <summary>Every named counter whose name starts with the prefix, with its total.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(string prefix, CancellationToken cancellationToken);
}
