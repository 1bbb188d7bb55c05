using System.Collections.Concurrent;

namespace Feedback.Http.Security;

/// <summary>
/// Fixed windows per key (a window starts at the key's first request and lasts <see cref="Limit.Window"/>), as
/// FixedWindowRateLimiter counts them but without a limiter object per key: the partitioned limiter walks every
/// partition ten times a second, and per-contact windows of an hour pile up into tens of thousands of them.
/// Ended windows are swept out once a window's length, so memory holds one window's worth of contacts.
/// </summary>
internal sealed class KeyedWindows(Limit limit, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly long _window = (long)(limit.Window.TotalSeconds * time.TimestampFrequency);
    private long _nextSweep = time.GetTimestamp() + (long)(limit.Window.TotalSeconds * time.TimestampFrequency);

    public int Count => _counters.Count;

    /// <summary>True if the key has a permit left in its window; otherwise false and how long until the window ends.</summary>
    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var counter = _counters.GetOrAdd(key, static _ => new Counter());
        lock (counter)
        {
            if (now >= counter.Ends)
            {
                counter.Ends = now + _window;
                counter.Used = 0;
            }
            retryAfter = TimeSpan.Zero;
            if (counter.Used < limit.Permits)
            {
                counter.Used++;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((double)(counter.Ends - now) / time.TimestampFrequency);
            return false;
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _window, due) != due) return;
        foreach (var (key, counter) in _counters)
            lock (counter)
                if (now >= counter.Ends) _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
    }

    private sealed class Counter
    {
        public long Ends;
        public int Used;
    }
}
