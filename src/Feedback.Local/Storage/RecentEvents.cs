using Feedback.Application.Ports;
using Feedback.Domain.Events;

namespace Feedback.Local.Storage;

/// <summary>
/// The outbox's newest events, as committed. The projector and the relay read each event moments after
/// it is written; this saves that query and its JSON. Only the writer's thread adds, after each commit and
/// in sequence order. A read is served only when the ring holds the very next sequence and the run from it
/// has no gap; anything else goes to the file, which stays the record.
/// </summary>
internal sealed class RecentEvents(int capacity)
{
    private readonly StoredEvent[] _ring = new StoredEvent[capacity];
    private readonly Lock _lock = new();
    private int _start;
    private int _count;

    /// <summary>Writer's thread only, after the commit.</summary>
    public void Committed(StoredEvent stored)
    {
        lock (_lock)
        {
            if (_count == _ring.Length)
            {
                _start = (_start + 1) % _ring.Length;
                _count--;
            }
            _ring[(_start + _count) % _ring.Length] = stored;
            _count++;
        }
    }

    /// <summary>The events after <paramref name="after"/>, or null when the ring cannot say.</summary>
    public IReadOnlyList<StoredEvent>? After(long after, int limit)
    {
        lock (_lock)
        {
            if (_count == 0) return null;
            var last = At(_count - 1).Sequence;
            if (after >= last) return after == last ? [] : null;
            var first = IndexOf(after + 1);
            if (first < 0) return null;
            var events = new List<StoredEvent>(Math.Min(limit, _count - first));
            for (var i = first; i < _count && events.Count < limit; i++)
            {
                var e = At(i);
                // A gap (an event the ring never saw) ends the run; the next read goes to the file for it.
                if (events.Count > 0 && e.Sequence != events[^1].Sequence + 1) break;
                events.Add(e);
            }
            return events;
        }
    }

    private StoredEvent At(int i) => _ring[(_start + i) % _ring.Length];

    // Binary search: sequences only grow along the ring.
    private int IndexOf(long sequence)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = At(mid).Sequence;
            if (s == sequence) return mid;
            if (s < sequence) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }
}
