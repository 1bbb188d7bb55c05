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

    /// <summary>A writer over a new WAL file with one table, t(n).</summary>
    private GroupCommitWriter OpenWriter(string path)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }
        return new GroupCommitWriter(connection);
    }

    private static int Insert(WriteSession w, int n) => w.Execute("INSERT INTO t(n) VALUES ($n)", ("$n", n));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        RunningHost.TryDelete(_directory);
    }
}
