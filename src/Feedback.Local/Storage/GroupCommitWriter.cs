using Microsoft.Data.Sqlite;

namespace Feedback.Local.Storage;

/// <summary>
/// Group commit: one thread owns the one write connection; the writes waiting when it gets to them run
/// in one transaction and one commit, and no caller hears back before <see cref="LogSync"/> has flushed
/// that commit to disk. While it does, the writer runs the writes that arrive in the next transaction and
/// commits that once the flush is done (or once it holds 512 writes): one commit per flush. SQLite has a
/// single writer anyway, so this costs a caller nothing and turns n commits and n flushes into one.
/// A write that throws fails alone: the batch is then run again with each write in its own savepoint.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly HandoffQueue<Write> _queue = new();
    private readonly SqliteConnection _connection;
    private readonly WriteSession _session;
    private readonly Thread _thread;
    private readonly LogSync _sync;

    /// <param name="connection">Open, in WAL mode.</param>
    /// <param name="beforeFlush">Runs on the flushing thread before each flush; tests hold it to see who waits, or throw from it as a failed flush.</param>
    public GroupCommitWriter(SqliteConnection connection, Action? beforeFlush = null)
    {
        _connection = connection;
        _session = new WriteSession(connection);
        if (!string.Equals(_session.Scalar<string>("PRAGMA journal_mode"), "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("The group-commit writer needs the database in WAL mode.");
        // NORMAL: a commit writes the log without flushing it; LogSync flushes it before any caller of the batch
        // hears "stored", so what is acknowledged is on disk as with FULL, and the writer need not wait for the disk.
        _session.Execute("PRAGMA synchronous = NORMAL");
        // A batch with a failing write runs again with a savepoint per write; SQLite keeps a savepoint's page
        // copies in a temporary file past 64 KiB (five times the log's bytes when every write had one): in memory.
        _session.Execute("PRAGMA temp_store = MEMORY");
        _sync = new LogSync(connection.DataSource, FlushDone, beforeFlush);
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite group commit" };
        _thread.Start();
    }

    /// <summary>
    /// Queues the write. What it registers with <see cref="WriteSession.AfterCommit"/> runs on the writer's thread
    /// right after the commit, in commit order: what mirrors the store shows what readers of the file see.
    /// The caller hears back once the commit is on disk. The work may run twice (when another write of its batch
    /// throws, the batch is undone and run again), so it must act only through the session.
    /// </summary>
    public Task<T> RunAsync<T>(Func<WriteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new Write<T>(work);
        _queue.Add(write);
        return write.Completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _sync.Dispose();
        _session.Dispose();
        _connection.Dispose();
    }

    private void Run()
    {
        var batch = new List<Write>(MaxBatch);
        while (true)
        {
            // A fold a reader held off is tried again each second, even while nothing is written.
            if (!_queue.TryTake(out var first, _session.FoldPending ? 1000 : Timeout.Infinite))
            {
                if (_queue.IsCompleted) return;
                _session.TryFoldLog();
                continue;
            }
            if (first is WakeUp) continue;
            Commit(first, batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Runs <paramref name="first"/> and the writes after it in one transaction and commits it. While the last
    /// commit is still being flushed, writes that arrive join the open transaction instead of committing on their
    /// own: they could not be acknowledged before the next flush anyway, and one commit per flush writes the pages
    /// every commit touches (the file header, the outbox and index edges) once instead of once per few writes.
    /// </summary>
    private void Commit(Write first, List<Write> batch)
    {
        try
        {
            // Most batches have no failing write: run them straight, with no savepoint to keep page copies
            // for. Only when one throws is the whole batch undone and run again, each write in its own savepoint.
            if (!TryAllAtOnce(first, batch)) RunEachInSavepoint(batch);
        }
        catch (Exception ex)
        {
            _session.Committed(committed: false);
            // Nothing of this batch was committed: every caller hears of it, none is told it was stored.
            foreach (var write in batch) write.Fail(ex);
            return;
        }
        _session.Committed(committed: true);
        var committed = batch.ToArray();
        _sync.Add(() => { foreach (var write in committed) write.Finish(); },
            ex => { foreach (var write in committed) write.Fail(ex); });
    }

    /// <summary>The next write for the open transaction: one already queued, or, while a flush is under way, the next to arrive.</summary>
    private bool TryNext(out Write write)
    {
        while (true)
        {
            if (_queue.TryTake(out write!))
            {
                if (write is WakeUp) continue;
                return true;
            }
            // Asked for before looking, so that a flush that ends after the look wakes this thread (see LogSync.Idle).
            // A full fence: with a plain store the look could be done before the ask is seen, and the wake-up lost.
            Interlocked.Exchange(ref _waitingForFlush, 1);
            if (_sync.Idle || _queue.IsAddingCompleted)
            {
                Volatile.Write(ref _waitingForFlush, 0);
                return false;
            }
            if (!_queue.TryTake(out write!, Timeout.Infinite)) return false;
            if (write is not WakeUp) return true;
        }
    }

    private int _waitingForFlush;

    /// <summary>Called by LogSync when every commit handed to it is on disk.</summary>
    private void FlushDone()
    {
        if (Interlocked.Exchange(ref _waitingForFlush, 0) == 0) return;
        try { _queue.Add(WakeUp.Instance); }
        catch (InvalidOperationException) { } // disposing: the writer is finishing anyway
    }

    /// <summary>Every write in one transaction and committed; false, with nothing kept, if any write threw.</summary>
    private bool TryAllAtOnce(Write first, List<Write> batch)
    {
        using var tx = _connection.BeginTransaction();
        _session.Transaction = tx;
        try
        {
            var next = first;
            do
            {
                batch.Add(next);
                next.Execute(_session);
            }
            while (batch.Count < MaxBatch && TryNext(out next));
        }
        catch (Exception)
        {
            // A write's closure only touches the session, so undoing the transaction and its after-commit
            // actions undoes all it did; it is safe to run again. Some errors end the transaction themselves.
            _session.DropAfterCommit(0);
            try { tx.Rollback(); } catch (SqliteException) { } catch (InvalidOperationException) { }
            return false;
        }
        tx.Commit();
        return true;
    }

    private void RunEachInSavepoint(List<Write> batch)
    {
        using var tx = _connection.BeginTransaction();
        _session.Transaction = tx;
        foreach (var write in batch)
        {
            // Savepoints through the session's prepared statements: SqliteTransaction.Save parses its SQL each time.
            _session.Execute("SAVEPOINT write");
            var mark = _session.AfterCommitMark;
            try
            {
                write.Execute(_session);
                _session.Execute("RELEASE write");
            }
            catch (Exception ex)
            {
                _session.DropAfterCommit(mark);
                _session.Execute("ROLLBACK TO write");
                _session.Execute("RELEASE write");
                write.Failed = ex;
            }
        }
        tx.Commit();
    }

    private abstract class Write
    {
        public Exception? Failed { get; set; }
        public abstract void Execute(WriteSession session);
        public abstract void Finish();
        public abstract void Fail(Exception ex);
    }

    /// <summary>Queued by the end of a flush to wake a writer waiting with an open transaction; does nothing.</summary>
    private sealed class WakeUp : Write
    {
        public static readonly WakeUp Instance = new();
        public override void Execute(WriteSession session) { }
        public override void Finish() { }
        public override void Fail(Exception ex) { }
    }

    private sealed class Write<T>(Func<WriteSession, T> work) : Write
    {
        private T? _result;

        // Callers continue on the thread pool, never on the writer's thread.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Execute(WriteSession session) => _result = work(session);

        public override void Finish()
        {
            if (Failed is { } ex)
            {
                Completion.SetException(ex);
                return;
            }
            Completion.SetResult(_result!);
        }

        public override void Fail(Exception ex) => Completion.SetException(ex);
    }
}
