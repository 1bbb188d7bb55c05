namespace Feedback.Local.Storage;

/// <summary>
/// A queue one thread takes from and any thread adds to, whose taker sleeps without spinning. BlockingCollection's
/// wait spins first, yielding the processor some twenty times; on a quiet host each write woke two such waits
/// (the writer's and the log flusher's), and at 200 tickets a second their spinning was a quarter of the host's CPU.
/// Here a taker that finds nothing sleeps on the monitor at once, and an add wakes it only if it sleeps.
/// </summary>
internal sealed class HandoffQueue<T>
{
    // A monitor, not a Lock: the taker sleeps with Monitor.Wait.
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private bool _completed;
    private int _sleeping;

    /// <summary>Adds the item; InvalidOperationException once <see cref="CompleteAdding"/> was called, as BlockingCollection does.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_completed) throw new InvalidOperationException("The queue takes no more items.");
            _items.Enqueue(item);
            if (_sleeping > 0) Monitor.Pulse(_gate);
        }
    }

    /// <summary>An item if one is queued, at once.</summary>
    public bool TryTake(out T item) => TryTake(out item, 0);

    /// <summary>
    /// An item, waiting up to <paramref name="millisecondsTimeout"/> (<see cref="Timeout.Infinite"/>: for ever) for one;
    /// false on timeout, or once adding is complete and nothing is left.
    /// </summary>
    public bool TryTake(out T item, int millisecondsTimeout)
    {
        lock (_gate)
        {
            var until = millisecondsTimeout > 0 ? Environment.TickCount64 + millisecondsTimeout : 0;
            while (_items.Count == 0)
            {
                if (_completed || millisecondsTimeout == 0) { item = default!; return false; }
                var wait = millisecondsTimeout == Timeout.Infinite ? Timeout.Infinite : (int)Math.Max(0, until - Environment.TickCount64);
                if (wait == 0) { item = default!; return false; }
                _sleeping++;
                try { Monitor.Wait(_gate, wait); }
                finally { _sleeping--; }
            }
            item = _items.Dequeue();
            return true;
        }
    }

    /// <summary>No more adds; a sleeping taker wakes and finds what is left, then false.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public bool IsAddingCompleted
    {
        get { lock (_gate) return _completed; }
    }

    /// <summary>Adding is complete and nothing is left.</summary>
    public bool IsCompleted
    {
        get { lock (_gate) return _completed && _items.Count == 0; }
    }
}
