using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Data.Sqlite;
using Feedback.Domain;

namespace Feedback.Local.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Tickets are JSON documents with the few
/// columns the queries need beside them. Writes go through one writer in order (SQLite has one
/// writer anyway), which is also what makes ticket numbers gap-free and the outbox ordered; the
/// writes that wait together are committed together (<see cref="GroupCommitWriter"/>).
/// </summary>
public sealed class SqliteStore : IFeedbackStore, IDisposable
{
    private readonly string _connectionString;
    private readonly GroupCommitWriter _writer;
    private readonly RecentTickets _recent = new(4096);
    private readonly RecentEvents _events = new(4096);

    private int _disposed;
    private long _lastDedupeSweep; // Unix ms; the writer's thread only

    public string FilePath { get; }

    public SqliteStore(string path)
    {
        FilePath = path;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
        var writer = new SqliteConnection(_connectionString);
        writer.Open();
        Execute(writer, null, SqliteSchema.Create);
        AddBreachColumn(writer);
        AddRoutingColumns(writer);
        AddFactsColumn(writer);
        AddPrivacyColumns(writer);
        // Power BI (or any SQLite reader) sees one flat row per ticket.
        Execute(writer, null, """
            CREATE VIEW IF NOT EXISTS ticket_facts AS SELECT number, channel, status,
              json_extract(facts, '$.type') AS type, json_extract(facts, '$.nature') AS nature, json_extract(facts, '$.sentiment') AS sentiment,
              json_extract(facts, '$.urgency') AS urgency, department, owner, json_extract(facts, '$.tier') AS tier, json_extract(facts, '$.topic') AS topic,
              json_extract(facts, '$.receivedAt') AS received_at, json_extract(facts, '$.respondedAt') AS responded_at,
              json_extract(facts, '$.resolvedAt') AS resolved_at, json_extract(facts, '$.closedAt') AS closed_at,
              json_extract(facts, '$.respondBy') AS respond_by, json_extract(facts, '$.resolveBy') AS resolve_by,
              json_extract(facts, '$.satisfaction') AS satisfaction, json_extract(facts, '$.closeReason') AS close_reason,
              json_extract(facts, '$.escalationLevel') AS escalation_level, json_extract(facts, '$.reopens') AS reopens
            FROM tickets
            """);
        // What an erasure removes is overwritten in its page, not left in free space for a reader of the file.
        Execute(writer, null, "PRAGMA secure_delete = FAST");
        // A checkpoint every 10,000 log pages, not SQLite's 1,000: a ticket's pages are written again within
        // seconds (triage, events, aggregates), and each checkpoint copies a page once however often it changed.
        // An erasure folds the log after its commit (WriteSession.FoldLogAfterCommit).
        Execute(writer, null, "PRAGMA wal_autocheckpoint = 10000");
        _writer = new GroupCommitWriter(writer);
    }

    public Task<IntakeOutcome> CreateAsync(TicketDraft draft, CancellationToken cancellationToken)
    {
        // Serialized here, on the caller's thread: the writer's one thread only binds and steps. The number
        // is the one thing known only in the writer; it goes into the documents there.
        var unnumbered = Columns(draft.Ticket with { Number = "" });
        var stored = StoredValues(unnumbered);
        return _writer.RunAsync(w =>
        {
            var now = Ms(draft.Ticket.ReceivedAt);
            foreach (var key in draft.Keys)
            {
                var existing = w.Scalar<string>(
                    "SELECT number FROM dedupe WHERE key = $key AND (expires_at IS NULL OR expires_at > $now)",
                    ("$key", key.Value), ("$now", now));
                if (existing is not null)
                {
                    var status = w.Scalar<string>( "SELECT status FROM tickets WHERE number = $n", ("$n", existing));
                    return new IntakeOutcome(existing, Enum.Parse<TicketStatus>(status!), Created: false) { MatchedKey = key.Value };
                }
            }

            var sequence = w.Scalar<long>(
                "INSERT INTO counters(day, value) VALUES ($day, 1) ON CONFLICT(day) DO UPDATE SET value = value + 1 RETURNING value",
                ("$day", draft.Day.ToString("yyyy-MM-dd")));
            var ticket = draft.Ticket with { Number = TicketNumber.Format(draft.Day, sequence) };
            var etag = NewETag();
            w.Execute(
                """
                INSERT INTO tickets(number, day, status, channel, received_at, respond_by, resolve_by, responded_at, resolved_at, breach_at, department, owner, etag, doc, facts,
                  customer_id, contact_key, closed_at, holds_contact, holds_files)
                VALUES ($number, $day, $status, $channel, $received, $respondBy, $resolveBy, $respondedAt, $resolvedAt, $breachAt, $department, $owner, $etag, $doc, $facts,
                  $customerId, $contactKey, $closedAt, $holdsContact, $holdsFiles)
                """,
                [.. Numbered(unnumbered, ticket.Number), ("$day", draft.Day.ToString("yyyy-MM-dd")), ("$etag", etag)]);
            foreach (var key in draft.Keys)
                w.Execute(
                    "INSERT INTO dedupe(key, number, expires_at) VALUES ($key, $n, $exp) ON CONFLICT(key) DO UPDATE SET number = excluded.number, expires_at = excluded.expires_at",
                    ("$key", key.Value), ("$n", ticket.Number), ("$exp", key.ExpiresAt is { } e ? Ms(e) : null));
            // Expired keys already match nothing (the lookup checks expires_at): this only reclaims their rows, and once a
            // second of the tickets' clock does (either way: a clock set back sweeps too).
            if (Math.Abs(now - _lastDedupeSweep) >= 1000)
            {
                w.Execute("DELETE FROM dedupe WHERE expires_at IS NOT NULL AND expires_at <= $now", ("$now", now));
                _lastDedupeSweep = now;
            }
            Append(w, Rows([draft.Created with { TicketNumber = ticket.Number }]));
            var committed = new Versioned<Ticket>(ticket, etag);
            w.AfterCommit(() => _recent.Committed(committed, stored));
            return new IntakeOutcome(ticket.Number, ticket.Status, Created: true);
        }, cancellationToken);
    }

    public Task<Versioned<Ticket>?> GetAsync(string number, CancellationToken cancellationToken)
    {
        if (_recent.Get(number) is { } recent) return Task.FromResult<Versioned<Ticket>?>(recent.Ticket);
        using var connection = Open();
        using var command = Command(connection, null, "SELECT doc, etag FROM tickets WHERE number = $n", ("$n", number));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new Versioned<Ticket>(Deserialize<Ticket>(reader.GetString(0)), reader.GetString(1))
            : null);
    }

    public Task<bool> TryReplaceAsync(Ticket ticket, string etag, IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        var newEtag = NewETag();
        var columns = Columns(ticket);
        var rows = Rows(events);
        // The version read last, if it is the one the caller read, is the row unless something changed it since, and
        // then the UPDATE's etag check finds it gone: its columns need no read on the writer's thread.
        var known = _recent.Get(ticket.Number) is { } cached && cached.Ticket.ETag == etag ? cached.Stored : null;
        var stored = StoredValues(columns);
        return _writer.RunAsync(w =>
        {
            var current = known ?? w.Row(CurrentColumns, ("$number", ticket.Number), ("$etag", etag));
            if (current is null) return false;
            var changed = w.Execute(UpdateOf(current, columns), [.. columns, ("$newEtag", newEtag), ("$etag", etag)]);
            if (changed == 0) return false;
            Append(w, rows);
            if (Erases(current, columns)) w.FoldLogAfterCommit();
            w.AfterCommit(() => _recent.Committed(new Versioned<Ticket>(ticket, newEtag), stored));
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Ticket>> ListAsync(TicketQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(query, now);
        using var connection = Open();
        using var command = Command(connection, null, $"SELECT doc FROM tickets{where} ORDER BY received_at DESC, number DESC LIMIT $limit",
            [.. parameters, ("$limit", query.Limit)]);
        using var reader = command.ExecuteReader();
        var tickets = new List<Ticket>();
        while (reader.Read()) tickets.Add(Deserialize<Ticket>(reader.GetString(0)));
        return Task.FromResult<IReadOnlyList<Ticket>>(tickets);
    }

    public Task<int> CountAsync(TicketQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(query, now);
        using var connection = Open();
        return Task.FromResult((int)Scalar<long>(connection, null, $"SELECT COUNT(*) FROM tickets{where}", parameters));
    }

    /// <summary>One WHERE clause for lists and counts.</summary>
    private static (string Where, (string, object?)[] Parameters) Filter(TicketQuery query, DateTimeOffset now)
    {
        var where = new List<string>();
        if (query.OpenOnly) where.Add("status NOT IN ('Closed', 'SetAside')");
        if (query.ExcludeSetAside) where.Add("status <> 'SetAside'");
        if (query.Status is not null) where.Add("status = $status");
        // Ticket.BreachesAt is the rule; the column holds it.
        if (query.Breached is { } b) where.Add(b ? "breach_at < $now" : "(breach_at IS NULL OR breach_at >= $now)");
        if (query.Department is not null) where.Add("department = $department");
        if (query.Owner is not null) where.Add("owner = $owner");
        if (query.Channel is not null) where.Add("channel = $channel");
        if (query.CustomerId is not null) where.Add("customer_id = $customer");
        if (query.ReceivedFrom is not null) where.Add("received_at >= $from");
        if (query.ReceivedTo is not null) where.Add("received_at < $to");
        if (query.Type is not null) where.Add("json_extract(facts, '$.type') = $type");
        if (query.Nature is not null) where.Add("json_extract(facts, '$.nature') = $nature");
        if (query.Satisfaction is not null) where.Add("json_extract(facts, '$.satisfaction') = $satisfaction");
        return (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "",
        [
            ("$now", Ms(now)), ("$status", query.Status?.ToString()),
            ("$department", query.Department), ("$owner", query.Owner), ("$channel", query.Channel), ("$customer", query.CustomerId),
            ("$from", Ms(query.ReceivedFrom)), ("$to", Ms(query.ReceivedTo)), ("$type", query.Type?.ToString()), ("$nature", query.Nature?.ToString()),
            ("$satisfaction", query.Satisfaction),
        ]);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        if (_events.After(after, limit) is { } recent) return Task.FromResult(recent);
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT sequence, doc FROM outbox WHERE sequence > $after ORDER BY sequence LIMIT $limit", ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read()) events.Add(new StoredEvent(reader.GetInt64(0), Deserialize<FeedbackEvent>(reader.GetString(1))));
        return Task.FromResult<IReadOnlyList<StoredEvent>>(events);
    }

    public Task AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        var rows = Rows(events);
        return _writer.RunAsync(w =>
        {
            Append(w, rows);
            return rows.Length;
        }, cancellationToken);
    }

    public Task<WorkflowBacklog> ReadBacklogAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        // The partial index holds exactly these rows, so this reads the backlog and nothing else.
        using var command = Command(connection, null,
            "SELECT COUNT(*), MIN(received_at) FROM tickets INDEXED BY ix_tickets_untriaged WHERE status = 'Open' AND respond_by IS NULL");
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new WorkflowBacklog(reader.GetInt32(0),
            reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
    }

    // Named counters share the table with the day counters, under a prefix no day can have.
    public Task<long> AddToCounterAsync(string name, long amount, CancellationToken cancellationToken) =>
        _writer.RunAsync(w => w.Scalar<long>(
            "INSERT INTO counters(day, value) VALUES ($key, $amount) ON CONFLICT(day) DO UPDATE SET value = value + $amount RETURNING value",
            ("$key", "counter:" + name), ("$amount", amount)), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(string prefix, CancellationToken cancellationToken)
    {
        using var connection = Open();
        // substr rather than LIKE: counter names may hold '%' or '_'.
        using var command = Command(connection, null,
            "SELECT day, value FROM counters WHERE substr(day, 1, length($p)) = $p", ("$p", "counter:" + prefix));
        using var reader = command.ExecuteReader();
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read()) counters[reader.GetString(0)["counter:".Length..]] = reader.GetInt64(1);
        return Task.FromResult<IReadOnlyDictionary<string, long>>(counters);
    }

    public Task<string?> FindByKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = Open();
        return Task.FromResult(Scalar<string>(connection, null,
            "SELECT number FROM dedupe WHERE key = $key AND (expires_at IS NULL OR expires_at > $now)", ("$key", key), ("$now", Ms(now))));
    }

    public Task<(string Json, string Version)?> ReadSettingAsync(string name, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT json, version FROM settings WHERE name = $name", ("$name", name));
        using var reader = command.ExecuteReader();
        return Task.FromResult<(string, string)?>(reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null);
    }

    public Task<string> WriteSettingAsync(string name, string json, CancellationToken cancellationToken) =>
        _writer.RunAsync(w =>
        {
            var version = NewETag();
            w.Execute(
                "INSERT INTO settings(name, version, json) VALUES ($name, $version, $json) ON CONFLICT(name) DO UPDATE SET version = excluded.version, json = excluded.json",
                ("$name", name), ("$version", version), ("$json", json));
            return version;
        }, cancellationToken);

    public Task<Versioned<StoredRecord>?> GetRecordAsync(string kind, string id, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT kind, id, status, department, updated_at, json, etag FROM records WHERE kind = $kind AND id = $id", ("$kind", kind), ("$id", id));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new Versioned<StoredRecord>(Record(reader), reader.GetString(6)) : null);
    }

    public Task<bool> TryWriteRecordAsync(StoredRecord record, string? etag, CancellationToken cancellationToken) =>
        _writer.RunAsync(w =>
        {
            (string, object?)[] values = [("$kind", record.Kind), ("$id", record.Id), ("$status", record.Status), ("$department", record.Department),
                ("$updatedAt", Ms(record.UpdatedAt)), ("$json", record.Json), ("$newEtag", NewETag()), ("$etag", etag)];
            return etag is null
                ? w.Execute("INSERT INTO records(kind, id, status, department, updated_at, etag, json) VALUES ($kind, $id, $status, $department, $updatedAt, $newEtag, $json) ON CONFLICT DO NOTHING", values) == 1
                : w.Execute("UPDATE records SET status = $status, department = $department, updated_at = $updatedAt, etag = $newEtag, json = $json WHERE kind = $kind AND id = $id AND etag = $etag", values) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        var sql = "SELECT kind, id, status, department, updated_at, json FROM records WHERE kind = $kind"
            + (query.Status is null ? "" : " AND status = $status") + (query.Department is null ? "" : " AND department = $department")
            + (query.UpdatedBefore is null ? "" : " AND updated_at < $before")
            + " ORDER BY updated_at DESC, id DESC LIMIT $limit";
        using var connection = Open();
        using var command = Command(connection, null, sql, ("$kind", query.Kind), ("$status", query.Status), ("$department", query.Department), ("$limit", query.Limit),
            ("$before", query.UpdatedBefore is { } b ? Ms(b) : null));
        using var reader = command.ExecuteReader();
        var records = new List<StoredRecord>();
        while (reader.Read()) records.Add(Record(reader));
        return Task.FromResult<IReadOnlyList<StoredRecord>>(records);
    }

    private static StoredRecord Record(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5));

    public Task<IReadOnlyList<Domain.Warnings.AggregateBucket>> ReadBucketsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT json FROM aggregates WHERE id IN (SELECT value FROM json_each($ids))",
            ("$ids", JsonSerializer.Serialize(ids)));
        using var reader = command.ExecuteReader();
        var buckets = new List<Domain.Warnings.AggregateBucket>();
        while (reader.Read()) buckets.Add(Deserialize<Domain.Warnings.AggregateBucket>(reader.GetString(0)));
        return Task.FromResult<IReadOnlyList<Domain.Warnings.AggregateBucket>>(buckets);
    }

    public Task<bool> ApplyAggregatesAsync(IReadOnlyList<Domain.Warnings.AggregateBucket> deltas, string checkpoint, long sequence, CancellationToken cancellationToken, long? expected = null) =>
        _writer.RunAsync(w =>
        {
            if (expected is { } from && w.Scalar<long>( "SELECT sequence FROM checkpoints WHERE name = $name", ("$name", checkpoint)) != from)
                return false;
            foreach (var delta in deltas)
            {
                var stored = w.Scalar<string>( "SELECT json FROM aggregates WHERE id = $id", ("$id", delta.Id));
                var bucket = stored is null ? new Domain.Warnings.AggregateBucket(delta.Id) : Deserialize<Domain.Warnings.AggregateBucket>(stored);
                bucket.Merge(delta);
                w.Execute("INSERT INTO aggregates(id, json) VALUES ($id, $json) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                    ("$id", delta.Id), ("$json", JsonSerializer.Serialize(bucket, FeedbackJson.Options)));
            }
            w.Execute(
                "INSERT INTO checkpoints(name, sequence) VALUES ($name, $seq) ON CONFLICT(name) DO UPDATE SET sequence = excluded.sequence",
                ("$name", checkpoint), ("$seq", sequence));
            return true;
        }, cancellationToken);

    public Task<Domain.Reports.Report?> ReadReportAsync(string kind, string period, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var header = Command(connection, null, "SELECT from_day, to_day, built_at FROM reports WHERE period = $p AND kind = $k", ("$p", period), ("$k", kind));
        using var h = header.ExecuteReader();
        if (!h.Read()) return Task.FromResult<Domain.Reports.Report?>(null);
        var (from, to, built) = (DateOnly.Parse(h.GetString(0), System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(h.GetString(1), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(h.GetInt64(2)));
        using var command = Command(connection, null, "SELECT metric, dimension, value, drill FROM report_rows WHERE period = $p ORDER BY rowid", ("$p", period));
        using var reader = command.ExecuteReader();
        var rows = new List<Domain.Reports.ReportRow>();
        while (reader.Read())
            rows.Add(new Domain.Reports.ReportRow(period, reader.GetString(0), reader.GetString(1), reader.GetDouble(2)) { Drill = reader.IsDBNull(3) ? null : reader.GetString(3) });
        return Task.FromResult<Domain.Reports.Report?>(new Domain.Reports.Report(kind, period, from, to, built, rows));
    }

    /// <summary>Nothing to write: the <c>ticket_facts</c> view reads the facts column of every ticket.</summary>
    public Task WriteTicketFactsAsync(string day, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteReportAsync(Domain.Reports.Report report, CancellationToken cancellationToken) =>
        _writer.RunAsync(w =>
        {
            w.Execute("DELETE FROM report_rows WHERE period = $p", ("$p", report.Period));
            foreach (var row in report.Rows)
                w.Execute("INSERT OR REPLACE INTO report_rows(period, kind, metric, dimension, value, drill) VALUES ($p, $k, $m, $d, $v, $drill)",
                    ("$p", report.Period), ("$k", report.Kind), ("$m", row.Metric), ("$d", row.Dimension), ("$v", row.Value), ("$drill", row.Drill));
            return w.Execute(
                "INSERT INTO reports(period, kind, from_day, to_day, built_at) VALUES ($p, $k, $f, $t, $b) ON CONFLICT(period) DO UPDATE SET kind = excluded.kind, from_day = excluded.from_day, to_day = excluded.to_day, built_at = excluded.built_at",
                ("$p", report.Period), ("$k", report.Kind), ("$f", report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("$t", report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("$b", Ms(report.BuiltAt)));
        }, cancellationToken);

    public Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken)
    {
        using var connection = Open();
        return Task.FromResult(Scalar<long>(connection, null, "SELECT sequence FROM checkpoints WHERE name = $name", ("$name", name)));
    }

    public Task WriteCheckpointAsync(string name, long sequence, CancellationToken cancellationToken) =>
        _writer.RunAsync(w => w.Execute(
            "INSERT INTO checkpoints(name, sequence) VALUES ($name, $seq) ON CONFLICT(name) DO UPDATE SET sequence = excluded.sequence",
            ("$name", name), ("$seq", sequence)), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        Scalar<long>(connection, null, "SELECT COUNT(*) FROM counters");
        return Task.CompletedTask;
    }

    /// <summary>Idempotent: the container disposes the store once for each port it is registered as.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _writer.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    // The ticket column holds the event's subject: its ticket, or what an event about no ticket concerns.
    // An id already there is the same event written again: it keeps its first place in the feed.
    private void Append(WriteSession w, (FeedbackEvent Event, (string, object?)[] Columns)[] rows)
    {
        foreach (var (e, columns) in rows)
        {
            // No row back when the id is already there: the event was stored before and keeps its place.
            var sequence = w.Scalar<long?>(
                "INSERT INTO outbox(id, type, ticket, occurred_at, doc) VALUES ($id, $type, $ticket, $at, $doc) ON CONFLICT(id) DO NOTHING RETURNING sequence",
                columns);
            if (sequence is { } seq) w.AfterCommit(() => _events.Committed(new StoredEvent(seq, e)));
        }
    }

    private static (FeedbackEvent, (string, object?)[])[] Rows(IReadOnlyList<FeedbackEvent> events) =>
        [.. events.Select(e => (e, new (string, object?)[] { ("$id", e.Id), ("$type", e.Type), ("$ticket", e.Subject), ("$at", Ms(e.OccurredAt)), ("$doc", Serialize(e)) }))];

    // Both documents open with the number (the first property of Ticket and of TicketFact), so it is set by splicing.
    private const string NoNumber = "{\"number\":\"\"";

    private static (string, object?)[] Numbered((string Name, object? Value)[] columns, string number) =>
    [
        .. columns.Select(c => c.Name switch
        {
            "$number" => (c.Name, number),
            "$doc" or "$facts" => (c.Name, WithNumber((string)c.Value!, number)),
            _ => c,
        }),
    ];

    private static string WithNumber(string json, string number) =>
        json.StartsWith(NoNumber, StringComparison.Ordinal)
            ? string.Concat("{\"number\":\"", number, "\"", json.AsSpan(NoNumber.Length))
            : throw new InvalidOperationException("A ticket document must open with its number.");

    // The columns a ticket's update may change, and the parameter each takes its value from.
    private static readonly (string Column, string Parameter)[] Updatable =
    [
        ("status", "$status"), ("respond_by", "$respondBy"), ("resolve_by", "$resolveBy"), ("responded_at", "$respondedAt"),
        ("resolved_at", "$resolvedAt"), ("breach_at", "$breachAt"), ("department", "$department"), ("owner", "$owner"),
        ("customer_id", "$customerId"), ("contact_key", "$contactKey"), ("closed_at", "$closedAt"),
        ("holds_contact", "$holdsContact"), ("holds_files", "$holdsFiles"),
    ];

    private static readonly string CurrentColumns =
        $"SELECT {string.Join(", ", Updatable.Select(u => u.Column))} FROM tickets WHERE number = $number AND etag = $etag";

    /// <summary>
    /// An UPDATE that sets only the columns whose values change. SQLite rewrites the entry of every index on a
    /// column named in SET, even to the same value, and most updates change one or two of the thirteen: the rest
    /// would dirty an index page each (the contact's hash, a random one) in every group commit. It runs on the
    /// writer's thread, so the statement for each set of changed columns is built once.
    /// </summary>
    private static string UpdateOf(object?[] current, (string Name, object? Value)[] columns)
    {
        var positions = Positions(columns);
        var changed = 0;
        for (var i = 0; i < Updatable.Length; i++)
            if (!SameValue(current[i], columns[positions[i]].Value)) changed |= 1 << i;
        return Updates.GetOrAdd(changed, mask => "UPDATE tickets SET " + string.Join(", ",
            ["etag = $newEtag", "doc = $doc", "facts = $facts",
             .. Updatable.Where((_, i) => (mask & (1 << i)) != 0).Select(u => $"{u.Column} = {u.Parameter}")]) + " WHERE number = $number AND etag = $etag");
    }

    /// <summary>The updatable columns as the row will hold them once written (integers as long), in <see cref="Updatable"/>'s order.</summary>
    private static object?[] StoredValues((string Name, object? Value)[] columns)
    {
        var positions = Positions(columns);
        var values = new object?[Updatable.Length];
        for (var i = 0; i < values.Length; i++) values[i] = columns[positions[i]].Value is int n ? (long)n : columns[positions[i]].Value;
        return values;
    }

    /// <summary>The update lets go of the contact or of files the ticket held: an erasure.</summary>
    private static bool Erases(object?[] current, (string Name, object? Value)[] columns)
    {
        var positions = _positions!;
        for (var i = 0; i < Updatable.Length; i++)
            if (Updatable[i].Column is "holds_contact" or "holds_files" && current[i] is 1L && columns[positions[i]].Value is 0)
                return true;
        return false;
    }

    // Where each updatable column's parameter sits, found on first use. Columns is PlainColumns and then the two
    // documents, so the positions are the same in both.
    private static int[] Positions((string Name, object? Value)[] columns) =>
        _positions ??= [.. Updatable.Select(u => Array.FindIndex(columns, c => c.Name == u.Parameter))];

    private static int[]? _positions;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Updates = new();

    private static bool SameValue(object? stored, object? value) => (stored, value) switch
    {
        (null, null) => true,
        (long a, long b) => a == b,
        (long a, int b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => false,
    };

    private static (string, object?)[] Columns(Ticket t) =>
    [
        .. PlainColumns(t), ("$doc", Serialize(t)),
        ("$facts", JsonSerializer.Serialize(Domain.Reports.TicketFact.Of(t), FeedbackJson.Options)),
    ];

    // Every column but the two documents.
    private static (string Name, object? Value)[] PlainColumns(Ticket t) =>
    [
        ("$number", t.Number), ("$status", t.Status.ToString()), ("$channel", t.Channel), ("$received", Ms(t.ReceivedAt)),
        ("$respondBy", Ms(t.Plan?.RespondBy)), ("$resolveBy", Ms(t.Plan?.ResolveBy)),
        ("$respondedAt", Ms(t.RespondedAt)), ("$resolvedAt", Ms(t.ResolvedAt)), ("$breachAt", Ms(t.BreachesAt)),
        ("$department", t.Department), ("$owner", t.Owner),
        .. PrivacyColumns(t),
    ];

    // Plain columns, so that erasure and retention find tickets by index without parsing any document.
    private static (string, object?)[] PrivacyColumns(Ticket t) =>
    [
        ("$customerId", t.Feedback.CustomerId), ("$contactKey", ContactKey(t.Contact.Value)), ("$closedAt", Ms(t.ClosedAt)),
        ("$holdsContact", t.ContactErasedAt is null ? 1 : 0), ("$holdsFiles", Domain.Privacy.Erasure.HasAttachments(t) ? 1 : 0),
    ];

    private static string? ContactKey(string? contact) => Domain.Privacy.Erasure.ContactKey(contact);

    /// <summary>A file from before erasure gets its columns, filled in from the documents, and their indexes.</summary>
    private static void AddPrivacyColumns(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        if (Scalar<long>(connection, tx, "SELECT COUNT(*) FROM pragma_table_info('tickets') WHERE name = 'contact_key'") == 0)
        {
            foreach (var column in new[] { "customer_id TEXT", "contact_key TEXT", "closed_at INTEGER", "holds_contact INTEGER NOT NULL DEFAULT 1", "holds_files INTEGER NOT NULL DEFAULT 0" })
                Execute(connection, tx, $"ALTER TABLE tickets ADD COLUMN {column}");
            var all = new List<Ticket>();
            using (var command = Command(connection, tx, "SELECT doc FROM tickets"))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) all.Add(Deserialize<Ticket>(reader.GetString(0)));
            foreach (var t in all)
                Execute(connection, tx, "UPDATE tickets SET customer_id = $customerId, contact_key = $contactKey, closed_at = $closedAt, holds_contact = $holdsContact, holds_files = $holdsFiles WHERE number = $n",
                    [.. PrivacyColumns(t), ("$n", t.Number)]);
        }
        Execute(connection, tx, """
            CREATE INDEX IF NOT EXISTS ix_tickets_customer_id ON tickets(customer_id) WHERE customer_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_tickets_contact_key ON tickets(contact_key) WHERE contact_key IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_tickets_retain_contact ON tickets(closed_at) WHERE status = 'Closed' AND holds_contact = 1;
            CREATE INDEX IF NOT EXISTS ix_tickets_retain_files ON tickets(closed_at) WHERE status = 'Closed' AND holds_files = 1;
            """);
        tx.Commit();
    }

    /// <summary>A file from before reports gets the facts column, filled in from the documents.</summary>
    private static void AddFactsColumn(SqliteConnection connection)
    {
        if (Scalar<long>(connection, null, "SELECT COUNT(*) FROM pragma_table_info('tickets') WHERE name = 'facts'") == 1) return;
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "ALTER TABLE tickets ADD COLUMN facts TEXT");
        var all = new List<Ticket>();
        using (var command = Command(connection, tx, "SELECT doc FROM tickets"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) all.Add(Deserialize<Ticket>(reader.GetString(0)));
        foreach (var t in all)
            Execute(connection, tx, "UPDATE tickets SET facts = $f WHERE number = $n",
                ("$f", JsonSerializer.Serialize(Domain.Reports.TicketFact.Of(t), FeedbackJson.Options)), ("$n", t.Number));
        tx.Commit();
    }

    public Task<IReadOnlyList<string>> FindCustomerTicketsAsync(string? customerId, string? contact, CancellationToken cancellationToken)
    {
        using var connection = Open();
        return Task.FromResult(Numbers(connection,
            "SELECT number FROM tickets WHERE customer_id = $customer UNION SELECT number FROM tickets WHERE contact_key = $contact ORDER BY number",
            ("$customer", customerId?.Trim()), ("$contact", ContactKey(contact))));
    }

    public Task<IReadOnlyList<string>> FindRetentionDueAsync(DateTimeOffset closedBefore, bool attachments, int limit, CancellationToken cancellationToken)
    {
        using var connection = Open();
        var holds = attachments ? "holds_files" : "holds_contact";
        return Task.FromResult(Numbers(connection,
            $"SELECT number FROM tickets WHERE status = 'Closed' AND {holds} = 1 AND closed_at < $before ORDER BY closed_at LIMIT $limit",
            ("$before", Ms(closedBefore)), ("$limit", limit)));
    }

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _writer.RunAsync(w =>
            w.Execute("INSERT INTO audit(at, doc) VALUES ($at, $doc)", ("$at", Ms(entry.At)), ("$doc", Serialize(entry))), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long after, int limit, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT sequence, doc FROM audit WHERE sequence > $after ORDER BY sequence LIMIT $limit", ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read()) entries.Add(Deserialize<AuditEntry>(reader.GetString(1)) with { Sequence = reader.GetInt64(0) });
        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

    private static IReadOnlyList<string> Numbers(SqliteConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var numbers = new List<string>();
        while (reader.Read()) numbers.Add(reader.GetString(0));
        return numbers;
    }

    public async IAsyncEnumerable<Domain.Reports.TicketFact> ReadFactsAsync(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT facts FROM tickets WHERE received_at >= $from AND received_at < $to ORDER BY received_at", ("$from", Ms(from)), ("$to", Ms(to)));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<Domain.Reports.TicketFact>(reader.GetString(0), FeedbackJson.Options)!;
    }

    /// <summary>A file from before the breach column gets it, filled in from each planned ticket by the domain's rule.</summary>
    private static void AddBreachColumn(SqliteConnection connection)
    {
        if (Scalar<long>(connection, null, "SELECT COUNT(*) FROM pragma_table_info('tickets') WHERE name = 'breach_at'") == 1) return;
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "ALTER TABLE tickets ADD COLUMN breach_at INTEGER");
        var planned = new List<Ticket>();
        using (var command = Command(connection, tx, "SELECT doc FROM tickets WHERE respond_by IS NOT NULL"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) planned.Add(Deserialize<Ticket>(reader.GetString(0)));
        foreach (var t in planned)
            Execute(connection, tx, "UPDATE tickets SET breach_at = $at WHERE number = $n", ("$at", Ms(t.BreachesAt)), ("$n", t.Number));
        tx.Commit();
    }

    /// <summary>A file from before routing gets the department and owner columns, filled in from the documents.</summary>
    private static void AddRoutingColumns(SqliteConnection connection)
    {
        if (Scalar<long>(connection, null, "SELECT COUNT(*) FROM pragma_table_info('tickets') WHERE name = 'department'") == 1) return;
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "ALTER TABLE tickets ADD COLUMN department TEXT");
        Execute(connection, tx, "ALTER TABLE tickets ADD COLUMN owner TEXT");
        Execute(connection, tx, "UPDATE tickets SET department = json_extract(doc, '$.department'), owner = json_extract(doc, '$.owner')");
        Execute(connection, tx, "CREATE INDEX IF NOT EXISTS ix_tickets_department ON tickets(department, received_at)");
        Execute(connection, tx, "CREATE INDEX IF NOT EXISTS ix_tickets_owner ON tickets(owner, received_at)");
        tx.Commit();
    }

    /// <summary>A pooled connection for reads; WAL lets them run beside the writer and see only what is committed.</summary>
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return WriteSession.As<T>(command.ExecuteScalar());
    }

    private static string NewETag() => Ids.NewHex();
    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();
    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, FeedbackJson.Options);
    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, FeedbackJson.Options)!;
}
