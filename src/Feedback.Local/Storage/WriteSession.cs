using Microsoft.Data.Sqlite;

namespace Feedback.Local.Storage;

/// <summary>
/// What a write sees on the writer's thread: the batch's transaction, and statements prepared once for the
/// life of the connection. Parsing and planning a statement cost more than running it did (most writes touch a
/// handful of rows), and the writer runs the same dozen statements all day.
/// </summary>
internal sealed class WriteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly List<Action> _afterCommit = [];

    public SqliteTransaction? Transaction { get; set; }

    public int Execute(string sql, params (string Name, object? Value)[] parameters) => Prepared(sql, parameters).ExecuteNonQuery();

    public T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters) => As<T>(Prepared(sql, parameters).ExecuteScalar());

    /// <summary>A scalar as the caller's type; SQL NULL (or no row) as its default.</summary>
    public static T? As<T>(object? value) =>
        value is null or DBNull ? default
            : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first row's values (integers as long, text as string, null as null), or null if there is none.</summary>
    public object?[]? Row(string sql, params (string Name, object? Value)[] parameters)
    {
        using var reader = Prepared(sql, parameters).ExecuteReader();
        if (!reader.Read()) return null;
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return values;
    }

    private SqliteCommand Prepared(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        command.Transaction = Transaction;
        var bound = command.Parameters;
        if (!SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, value) in parameters) bound.AddWithValue(name, value ?? DBNull.Value);
            return command;
        }
        for (var i = 0; i < parameters.Length; i++) bound[i].Value = parameters[i].Value ?? DBNull.Value;
        return command;
    }

    private static bool SameNames(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length) return false;
        for (var i = 0; i < parameters.Length; i++)
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Runs <paramref name="action"/> once this write's transaction is committed; never if the write rolls back.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Where the next write's after-commit actions start, so a rolled-back write can drop its own.</summary>
    internal int AfterCommitMark => _afterCommit.Count;

    internal void DropAfterCommit(int mark) => _afterCommit.RemoveRange(mark, _afterCommit.Count - mark);

    /// <summary>
    /// After this batch, the write-ahead log is folded into the file and emptied: an erasure must not leave the
    /// erased text in old log frames (the log is checkpointed only every few thousand pages otherwise).
    /// </summary>
    public void FoldLogAfterCommit() => FoldPending = true;

    /// <summary>An erasure's fold has not happened yet: a reader on an older snapshot held it off.</summary>
    internal bool FoldPending { get; private set; }

    /// <summary>The batch is committed: its actions run in write order. A batch that failed drops them all.</summary>
    internal void Committed(bool committed)
    {
        if (committed) foreach (var action in _afterCommit) action();
        _afterCommit.Clear();
        if (FoldPending && Environment.TickCount64 >= _nextFold) TryFoldLog();
    }

    /// <summary>
    /// TRUNCATE never waits here (no busy handler): with a reader on an older snapshot it answers busy at once,
    /// so the writer never stalls behind a long read; the fold stays pending and is tried again a second later.
    /// </summary>
    internal void TryFoldLog()
    {
        Transaction = null;
        try
        {
            using var reader = Prepared("PRAGMA wal_checkpoint(TRUNCATE)", []).ExecuteReader();
            FoldPending = !reader.Read() || reader.GetInt64(0) != 0;
        }
        catch (SqliteException)
        {
        }
        // Paced only while held off: a fold that worked leaves the next erasure's fold to run at once.
        if (FoldPending) _nextFold = Environment.TickCount64 + 1000;
    }

    private long _nextFold;

    public void Dispose()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
    }
}
