using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Feedback.Local.Storage;

/// <summary>
/// Group commit: one thread owns the one write connection; the writes waiting when it gets to them run
/// in one transaction, each inside its own savepoint, and one fsync'd commit makes them all durable
/// before any caller hears back. SQLite has a single writer anyway, so this costs a caller nothing
/// and turns n commits into one. A write that throws is rolled back to its savepoint alone.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly BlockingCollection<Write> _queue = new();
    private readonly SqliteConnection _connection;
    private readonly WriteSession _session;
    private readonly Thread _thread;

    public GroupCommitWriter(SqliteConnection connection)
    {
        _connection = connection;
        _session = new WriteSession(connection);
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite group commit" };
        _thread.Start();
    }

    /// <summary>
    /// Queues the write. What it registers with <see cref="WriteSession.AfterCommit"/> runs on the writer's thread
    /// once it is on disk, in commit order, before the caller hears back: what mirrors the store keeps its order.
    /// </summary>
    public Task<T> RunAsync<T>(Func<WriteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new Write<T>(work);
        _queue.Add(write, CancellationToken.None);
        return write.Completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
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
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next)) batch.Add(next);
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<Write> batch)
    {
        try
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
        catch (Exception ex)
        {
            _session.Committed(onDisk: false);
            // Nothing of this batch is on disk: every caller hears of it, none is told it was stored.
            foreach (var write in batch) write.Fail(ex);
            return;
        }
        _session.Committed(onDisk: true);
        foreach (var write in batch) write.Finish();
    }

    private abstract class Write
    {
        public Exception? Failed { get; set; }
        public abstract void Execute(WriteSession session);
        public abstract void Finish();
        public abstract void Fail(Exception ex);
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
