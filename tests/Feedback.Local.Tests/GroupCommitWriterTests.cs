using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Data.Sqlite;

namespace Feedback.Local.Tests;

public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly string _directory = RunningHost.NewDataDirectory();

    [Fact]
    public async Task Concurrent_writes_commit_together_and_one_that_throws_is_rolled_back_alone()
    {
        var path = Path.Combine(_directory, "w.db");
        using var writer = OpenWriter(path);

        var writes = Enumerable.Range(1, 200).Select(n => Task.Run(() => writer.RunAsync(w =>
        {
            Insert(w, n);
            // Half-done when it fails: its own row must not survive.
            if (n == 100) throw new InvalidOperationException("write 100 fails");
            return n;
        }, default))).ToList();
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[99]);
        var done = await Task.WhenAll(writes.Where((_, i) => i != 99));

        Assert.Equal("write 100 fails", failed.Message);
        Assert.Equal(199, done.Length);
        using var reader = new SqliteConnection($"Data Source={path}");
        reader.Open();
        using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*), SUM(n = 100) FROM t";
        using var row = count.ExecuteReader();
        row.Read();
        Assert.Equal((199L, 0L), (row.GetInt64(0), row.GetInt64(1)));
    }

    [Fact]
    public async Task A_prepared_statement_that_failed_runs_again_in_later_batches()
    {
        using var writer = OpenWriter(Path.Combine(_directory, "p.db"));

        await writer.RunAsync(w => Insert(w, 1), default);
        // The same statement, prepared once, fails on the key and is then reused with other values.
        await Assert.ThrowsAsync<SqliteException>(() => writer.RunAsync(w => Insert(w, 1), default));
        var later = await Task.WhenAll(Enumerable.Range(2, 50).Select(n => writer.RunAsync(w => Insert(w, n), default)));
        Assert.All(later, inserted => Assert.Equal(1, inserted));

        Assert.Equal(51L, await writer.RunAsync(w => w.Scalar<long>("SELECT COUNT(*) FROM t WHERE n <= $max", ("$max", 51)), default));
    }

    [Fact]
    public async Task After_commit_actions_run_in_write_order_before_callers_hear_and_never_for_a_write_that_rolled_back()
    {
        using var writer = OpenWriter(Path.Combine(_directory, "a.db"));
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var executed = new List<int>();

        var writes = Enumerable.Range(1, 300).Select(n => Task.Run(async () =>
        {
            await writer.RunAsync(w =>
            {
                // The work runs on the writer's one thread, so this list is the order writes ran in.
                executed.Add(n);
                Insert(w, n);
                w.AfterCommit(() => seen.Enqueue(n));
                if (n % 50 == 0) throw new InvalidOperationException($"write {n} fails");
                return n;
            }, default);
            // Heard back: its action has run already.
            Assert.Contains(n, seen);
        })).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async t => { try { await t; return true; } catch (InvalidOperationException) { return false; } }));

        Assert.Equal(294, outcomes.Count(ok => ok));
        // A batch with a failing write was undone and run again in the same order: each work ran once or twice.
        Assert.All(executed.CountBy(n => n), c => Assert.InRange(c.Value, 1, 2));
        Assert.Equal(executed.Distinct().Where(n => n % 50 != 0), seen);
    }

    /// <summary>
    /// While the log is being flushed, no caller of that commit hears back, and the writer does not wait: it runs the
    /// next writes meanwhile, in one transaction it commits as soon as the flush is done. Once let go, every caller hears.
    /// </summary>
    [Fact]
    public async Task Callers_hear_back_only_after_the_log_is_flushed_and_the_writes_meanwhile_are_one_commit()
    {
        var path = Path.Combine(_directory, "s.db");
        var (writer, first, flushing, release) = await HoldFirstFlushAsync(path);
        using var owned = writer;
        var ran = new CountdownEvent(100);
        var next = Enumerable.Range(2, 100).Select(n => writer.RunAsync(w => { ran.Signal(); return Insert(w, n); }, default)).ToList();
        try
        {
            Assert.True(ran.Wait(TimeSpan.FromSeconds(10)), "the writer waited for the flush before running the next writes");
            Assert.Equal(1L, Count(path));
            Assert.False(first.IsCompleted, "a caller heard back before its commit was flushed");
            Assert.DoesNotContain(next, t => t.IsCompleted);
        }
        finally
        {
            release.Set();
        }
        Assert.Equal(1, await first);
        Assert.All(await Task.WhenAll(next), inserted => Assert.Equal(1, inserted));
        // The 100 were one commit: after the first flush (awaited above) came one more, theirs.
        Assert.Equal(1, flushing.CurrentCount);
        Assert.Equal(101L, Count(path));
    }

    /// <summary>A flush that never ends does not stop the writer: past 512 writes waiting in its transaction it commits them anyway.</summary>
    [Fact]
    public async Task A_slow_flush_does_not_hold_more_than_one_batch_of_writes_uncommitted()
    {
        var path = Path.Combine(_directory, "m.db");
        var (writer, first, _, release) = await HoldFirstFlushAsync(path);
        using var owned = writer;
        var next = Enumerable.Range(2, 1200).Select(n => writer.RunAsync(w => Insert(w, n), default)).ToList();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Count(path) < 1 + 2 * 512 && DateTime.UtcNow < deadline) await Task.Delay(10);

            Assert.Equal(1 + 2 * 512, Count(path));
            Assert.DoesNotContain(next, t => t.IsCompleted);
        }
        finally
        {
            // Let go even when an assertion failed: a flush held for ever would hold the writer's disposal too.
            release.Set();
        }
        await first;
        Assert.All(await Task.WhenAll(next), inserted => Assert.Equal(1, inserted));
        Assert.Equal(1201L, Count(path));
    }

    /// <summary>
    /// A quiet writer that gets a write or two now and then: each arrives while the last flush may still run,
    /// so the writer waits with an open transaction and must be woken when that flush ends. A wake-up lost
    /// between its check and its wait would leave the write unanswered until some other write came.
    /// </summary>
    [Fact]
    public async Task Writes_that_come_one_or_two_at_a_time_are_each_answered()
    {
        using var writer = OpenWriter(Path.Combine(_directory, "q.db"));
        for (var round = 0; round < 1000; round++)
        {
            var pair = new[] { writer.RunAsync(w => Insert(w, 2 * round), default), writer.RunAsync(w => Insert(w, 2 * round + 1), default) };
            var answered = Task.WhenAll(pair);
            Assert.True(answered == await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(5))), $"round {round}: a write was never answered");
        }
    }

    /// <summary>A writer whose flushes wait for the returned event, with its first write committed and that write's flush begun.</summary>
    private async Task<(GroupCommitWriter Writer, Task<int> First, SemaphoreSlim Flushing, ManualResetEventSlim Release)> HoldFirstFlushAsync(string path)
    {
        var flushing = new SemaphoreSlim(0);
        var release = new ManualResetEventSlim(false);
        var writer = OpenWriter(path, () => { flushing.Release(); release.Wait(); });
        var first = writer.RunAsync(w => Insert(w, 1), default);
        Assert.True(await flushing.WaitAsync(TimeSpan.FromSeconds(10)), "the first commit was never flushed");
        return (writer, first, flushing, release);
    }

    private static long Count(string path)
    {
        using var reader = new SqliteConnection($"Data Source={path}");
        reader.Open();
        using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>A flush that fails answers that batch's callers with the error, never "stored"; the writer goes on and later writes are answered.</summary>
    [Fact]
    public async Task A_failed_flush_fails_its_callers_and_the_next_writes_are_stored_and_answered()
    {
        var path = Path.Combine(_directory, "l.db");
        var failNext = 1;
        using var writer = OpenWriter(path, () =>
        {
            if (Interlocked.Exchange(ref failNext, 0) == 1) throw new IOException("the disk refused the flush");
        });

        var lost = await Assert.ThrowsAsync<IOException>(() => writer.RunAsync(w => Insert(w, 1), default));
        var later = await Task.WhenAll(Enumerable.Range(2, 300).Select(n => Task.Run(() => writer.RunAsync(w => Insert(w, n), default))));

        Assert.Equal("the disk refused the flush", lost.Message);
        Assert.All(later, inserted => Assert.Equal(1, inserted));
        Assert.Equal(300L, await writer.RunAsync(w => w.Scalar<long>("SELECT COUNT(*) FROM t WHERE n >= 2"), default));
    }

    [Fact]
    public void A_database_not_in_wal_mode_is_refused()
    {
        Directory.CreateDirectory(_directory);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "j.db")}");
        connection.Open();
        Assert.Throws<InvalidOperationException>(() => new GroupCommitWriter(connection));
    }

    /// <summary>
    /// A reader on an older snapshot holds off an erasure's fold of the log: the writer must not wait for it,
    /// and once the reader is done the log is emptied within a few seconds, with nothing more written.
    /// </summary>
    [Fact]
    public async Task A_fold_a_reader_holds_off_does_not_stall_the_writer_and_happens_once_the_reader_is_done()
    {
        var path = Path.Combine(_directory, "f.db");
        using var writer = OpenWriter(path);
        await Task.WhenAll(Enumerable.Range(1, 200).Select(n => writer.RunAsync(w => Insert(w, n), default)));
        using var reader = new SqliteConnection($"Data Source={path}");
        reader.Open();
        var snapshot = reader.BeginTransaction(deferred: true);
        using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT COUNT(*) FROM t";
            Assert.Equal(200L, read.ExecuteScalar());
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await writer.RunAsync(w => { w.FoldLogAfterCommit(); return Insert(w, 201); }, default);
        var later = await Task.WhenAll(Enumerable.Range(202, 100).Select(n => writer.RunAsync(w => Insert(w, n), default)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"the writer waited {started.ElapsedMilliseconds} ms for the reader");
        Assert.True(new FileInfo(path + "-wal").Length > 0, "the reader should have held the log");

        snapshot.Commit();
        snapshot.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (new FileInfo(path + "-wal").Length > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, new FileInfo(path + "-wal").Length);
    }

    /// <summary>A writer over a new WAL file with one table, t(n).</summary>
    private GroupCommitWriter OpenWriter(string path, Action? beforeFlush = null)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }
        return new GroupCommitWriter(connection, beforeFlush);
    }

    private static int Insert(WriteSession w, int n) => w.Execute("INSERT INTO t(n) VALUES ($n)", ("$n", n));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        RunningHost.TryDelete(_directory);
    }
}
