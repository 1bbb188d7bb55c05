namespace Feedback.Local.Storage;

/// <summary>
/// Makes committed batches durable off the writer's thread: SQLite commits with synchronous = NORMAL (the log
/// is written, not flushed), this thread flushes the write-ahead log to disk and only then tells the batch's
/// callers. One flush covers every batch committed before it, and the writer runs the next batch meanwhile
/// instead of waiting for the disk. SQLite still syncs the log's header and around each checkpoint itself.
/// </summary>
internal sealed class LogSync : IDisposable
{
    private readonly HandoffQueue<Committed> _pending = new();
    private readonly string _logPath;
    private readonly Thread _thread;
    private readonly Action? _beforeFlush;
    private readonly Action _idle;
    private FileStream? _log;
    private int _unflushed;

    /// <param name="idle">Runs on this thread each time every commit handed over so far is on disk.</param>
    public LogSync(string databasePath, Action idle, Action? beforeFlush = null)
    {
        _logPath = databasePath + "-wal";
        _idle = idle;
        _beforeFlush = beforeFlush;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite log sync" };
        _thread.Start();
    }

    /// <summary>
    /// After a commit: <paramref name="durable"/> runs once the log is on disk, <paramref name="lost"/> if flushing it
    /// failed. A lost batch is committed and may yet reach the disk; its callers hear "not stored" and send again,
    /// and every intake is idempotent, so the retry finds the same ticket.
    /// </summary>
    public void Add(Action durable, Action<Exception> lost)
    {
        Interlocked.Increment(ref _unflushed);
        _pending.Add(new Committed(durable, lost));
    }

    /// <summary>
    /// No commit is waiting for its flush. The count drops before <c>idle</c> runs, so a writer that asks to be
    /// woken and then reads this either sees it idle or is woken.
    /// </summary>
    public bool Idle => Volatile.Read(ref _unflushed) == 0;

    public void Dispose()
    {
        _pending.CompleteAdding();
        _thread.Join();
        _log?.Dispose();
    }

    private void Run()
    {
        var flushed = new List<Committed>();
        while (_pending.TryTake(out var first, Timeout.Infinite))
        {
            flushed.Add(first);
            while (_pending.TryTake(out var next)) flushed.Add(next);
            Exception? failure = null;
            try
            {
                _beforeFlush?.Invoke();
                // Opened once, on the first commit (the log exists from then on); an fsync of any handle flushes the file.
                _log ??= new FileStream(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                _log.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failure = ex;
            }
            foreach (var batch in flushed)
                if (failure is null) batch.Durable();
                else batch.Lost(failure);
            var count = flushed.Count;
            flushed.Clear();
            if (Interlocked.Add(ref _unflushed, -count) == 0) _idle();
        }
    }

    private readonly record struct Committed(Action Durable, Action<Exception> Lost);
}
