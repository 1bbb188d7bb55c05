using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Azure.Cosmos;

namespace Feedback.Azure.Cosmos;

/// <summary>
/// The store contract on Cosmos DB (NoSQL API). There is no transaction across documents, so each
/// write is ordered to be safe if the process dies between two steps: dedupe keys are claimed before
/// a number is taken, the ticket carries its own pending events until they are copied to the events
/// container, and every step can be repeated.
/// </summary>
public sealed class CosmosStore(Database database) : IFeedbackStore
{
    private const string EventSequence = "sequence-events";
    private static readonly TimeSpan StaleClaim = TimeSpan.FromSeconds(30);

    private readonly Container _tickets = database.GetContainer(CosmosContainers.Tickets);
    private readonly Container _events = database.GetContainer(CosmosContainers.Events);
    private readonly Container _control = database.GetContainer(CosmosContainers.Control);
    private readonly Container _reports = database.GetContainer(CosmosContainers.Reports);
    private readonly Container _audit = database.GetContainer(CosmosContainers.Audit);
    // One writer per process keeps event sequences in write order here; across instances the
    // ETag checks keep the data right and Service Bus consumers do not rely on a global order.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<IntakeOutcome> CreateAsync(TicketDraft draft, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            var now = draft.Ticket.ReceivedAt.ToUnixTimeMilliseconds();
            var claims = new List<(DedupeDocument Claim, string ETag)>();
            foreach (var key in draft.Keys)
            {
                var (claim, existing) = await ClaimAsync(key, now, ct);
                if (existing is not null)
                {
                    foreach (var (mine, _) in claims) await _control.DeleteAsync(mine.Id, mine.Id, ct);
                    return existing;
                }
                claims.Add(claim!.Value);
            }

            var day = draft.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var sequence = await NextAsync($"sequence-day-{day}", 1, ct);
            var ticket = draft.Ticket with { Number = TicketNumber.Format(draft.Day, sequence) };
            var (status, _) = await _tickets.CreateAsync(
                TicketDocument.Of(ticket, day, [draft.Created with { TicketNumber = ticket.Number }]), ticket.Number, ct);
            if (status == HttpStatusCode.Conflict)
                throw new InvalidOperationException($"Ticket number {ticket.Number} was taken twice; the day counter is corrupt.");
            foreach (var (claim, etag) in claims)
            {
                var named = claim with { Number = ticket.Number };
                if (await _control.ReplaceAsync(named, claim.Id, claim.Id, etag, ct) != HttpStatusCode.OK)
                    await _control.UpsertAsync(named, claim.Id, ct);
            }
            await FlushAsync(ticket.Number, ct);
            return new IntakeOutcome(ticket.Number, ticket.Status, Created: true);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<Versioned<Ticket>?> GetAsync(string number, CancellationToken ct)
    {
        var (document, etag) = await _tickets.ReadAsync<TicketDocument>(number, number, ct);
        return document is null ? null : new Versioned<Ticket>(document.Ticket, etag!);
    }

    public async Task<bool> TryReplaceAsync(Ticket ticket, string etag, IReadOnlyList<FeedbackEvent> events, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            var (current, currentETag) = await _tickets.ReadAsync<TicketDocument>(ticket.Number, ticket.Number, ct);
            if (current is null || currentETag != etag) return false;
            var document = TicketDocument.Of(ticket, current.Day, [.. current.Pending, .. events]);
            if (await _tickets.ReplaceAsync(document, ticket.Number, ticket.Number, etag, ct) != HttpStatusCode.OK) return false;
            if (document.Pending.Count > 0) await FlushAsync(ticket.Number, ct);
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<IReadOnlyList<Ticket>> ListAsync(TicketQuery query, DateTimeOffset now, CancellationToken ct)
    {
        var top = query.Limit == int.MaxValue ? "" : $"TOP {query.Limit} ";
        var definition = Filter($"SELECT {top}* FROM c", " ORDER BY c.receivedAt DESC, c.number DESC", query, now);
        var documents = await _tickets.QueryAsync<TicketDocument>(definition, query.Limit, ct);
        return documents.Select(d => d.Ticket).ToList();
    }

    public async Task<int> CountAsync(TicketQuery query, DateTimeOffset now, CancellationToken ct) =>
        // Summed in case partitions answer apart; the SDK normally aggregates across them itself.
        (await _tickets.QueryAsync<int>(Filter("SELECT VALUE COUNT(1) FROM c", "", query, now), int.MaxValue, ct)).Sum();

    /// <summary>One WHERE clause for lists and counts.</summary>
    private static QueryDefinition Filter(string select, string order, TicketQuery query, DateTimeOffset now)
    {
        var where = new List<string>();
        if (query.OpenOnly) where.Add("c.status != 'Closed' AND c.status != 'SetAside'");
        if (query.ExcludeSetAside) where.Add("c.status != 'SetAside'");
        if (query.Status is not null) where.Add("c.status = @status");
        // Ticket.BreachesAt is the rule; the document carries it (Never when there is none).
        if (query.Breached is { } b) where.Add(b ? "c.breachAt < @now" : "c.breachAt >= @now");
        if (query.Department is not null) where.Add("c.ticket.department = @department");
        if (query.Owner is not null) where.Add("c.ticket.owner = @owner");
        if (query.Channel is not null) where.Add("c.channel = @channel");
        if (query.CustomerId is not null) where.Add("c.customerId = @customer");
        if (query.ReceivedFrom is not null) where.Add("c.receivedAt >= @from");
        if (query.ReceivedTo is not null) where.Add("c.receivedAt < @to");
        if (query.Type is not null) where.Add("c.ticket.analysis.classification.type = @type");
        if (query.Nature is not null) where.Add("c.ticket.analysis.classification.nature = @nature");
        if (query.Satisfaction is not null) where.Add("c.ticket.satisfaction = @satisfaction");
        return new QueryDefinition(select + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + order)
            .WithParameter("@now", now.ToUnixTimeMilliseconds())
            .WithParameter("@status", query.Status?.ToString())
            .WithParameter("@department", query.Department)
            .WithParameter("@owner", query.Owner)
            .WithParameter("@channel", query.Channel)
            .WithParameter("@customer", query.CustomerId)
            .WithParameter("@from", query.ReceivedFrom?.ToUnixTimeMilliseconds())
            .WithParameter("@to", query.ReceivedTo?.ToUnixTimeMilliseconds())
            .WithParameter("@type", query.Type is { } t ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(t.ToString()) : null)
            .WithParameter("@nature", query.Nature is { } n ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n.ToString()) : null)
            .WithParameter("@satisfaction", query.Satisfaction);
    }

    public async Task<IReadOnlyList<string>> FindCustomerTicketsAsync(string? customerId, string? contact, CancellationToken ct)
    {
        var definition = new QueryDefinition("SELECT VALUE c.number FROM c WHERE c.customerId = @customer OR c.contactKey = @contact")
            .WithParameter("@customer", customerId?.Trim() ?? "\u0000")
            .WithParameter("@contact", Domain.Privacy.Erasure.ContactKey(contact) ?? "\u0000");
        return (await _tickets.QueryAsync<string>(definition, int.MaxValue, ct)).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> FindRetentionDueAsync(DateTimeOffset closedBefore, bool attachments, int limit, CancellationToken ct)
    {
        var holds = attachments ? "c.holdsFiles" : "c.holdsContact";
        var definition = new QueryDefinition(
                $"SELECT TOP {limit} c.number, c.closedAt FROM c WHERE c.status = 'Closed' AND {holds} = true AND c.closedAt < @before ORDER BY c.closedAt")
            .WithParameter("@before", closedBefore.ToUnixTimeMilliseconds());
        return (await _tickets.QueryAsync<DueDocument>(definition, limit, ct)).Select(d => d.Number).ToList();
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken ct)
    {
        var sequence = await NextAsync("sequence-audit", 1, ct);
        var id = sequence.ToString("D19", CultureInfo.InvariantCulture);
        await _audit.CreateAsync(new AuditDocument(id, sequence, entry with { Sequence = sequence }), id, ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long after, int limit, CancellationToken ct)
    {
        var definition = new QueryDefinition($"SELECT TOP {limit} * FROM c WHERE c.sequence > @after ORDER BY c.sequence").WithParameter("@after", after);
        return (await _audit.QueryAsync<AuditDocument>(definition, limit, ct)).Select(d => d.Entry).ToList();
    }

    /// <summary>Streamed page by page; the facts are made from each document (the store keeps no second copy in Cosmos).</summary>
    public async IAsyncEnumerable<Domain.Reports.TicketFact> ReadFactsAsync(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var definition = new QueryDefinition("SELECT * FROM c WHERE c.receivedAt >= @from AND c.receivedAt < @to ORDER BY c.receivedAt")
            .WithParameter("@from", from.ToUnixTimeMilliseconds()).WithParameter("@to", to.ToUnixTimeMilliseconds());
        using var pages = _tickets.GetItemQueryStreamIterator(definition, requestOptions: new QueryRequestOptions { MaxItemCount = 500 });
        while (pages.HasMoreResults)
        {
            using var response = await pages.ReadNextAsync(ct);
            response.EnsureSuccessStatusCode();
            using var page = await System.Text.Json.JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            foreach (var item in page.RootElement.GetProperty("Documents").EnumerateArray())
                yield return Domain.Reports.TicketFact.Of(System.Text.Json.JsonSerializer.Deserialize<TicketDocument>(item, Feedback.Domain.FeedbackJson.Options)!.Ticket);
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(long after, int limit, CancellationToken ct)
    {
        var definition = new QueryDefinition($"SELECT TOP {limit} * FROM c WHERE c.sequence > @after ORDER BY c.sequence")
            .WithParameter("@after", after);
        var documents = await _events.QueryAsync<EventDocument>(definition, limit, ct);
        return documents.Select(d => new StoredEvent(d.Sequence, d.Event)).ToList();
    }

    public async Task<WorkflowBacklog> ReadBacklogAsync(CancellationToken ct)
    {
        const string untriaged = "c.status = 'Open' AND c.respondBy = @never";
        var counts = await _tickets.QueryAsync<int>(
            new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE {untriaged}").WithParameter("@never", TicketDocument.Never), int.MaxValue, ct);
        var oldest = await _tickets.QueryAsync<long>(
            new QueryDefinition($"SELECT TOP 1 VALUE c.receivedAt FROM c WHERE {untriaged} ORDER BY c.receivedAt").WithParameter("@never", TicketDocument.Never), 1, ct);
        // Summed in case a partition answers alone; the SDK normally aggregates across partitions itself.
        return new WorkflowBacklog(counts.Sum(), oldest.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(oldest.Min()));
    }

    public async Task<long> AddToCounterAsync(string name, long amount, CancellationToken ct) =>
        await NextAsync("counter-" + name, checked((int)amount), ct) + amount - 1;

    public async Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(string prefix, CancellationToken ct)
    {
        var definition = new QueryDefinition("SELECT * FROM c WHERE STARTSWITH(c.id, @prefix)").WithParameter("@prefix", "counter-" + prefix);
        var documents = await _control.QueryAsync<CounterDocument>(definition, int.MaxValue, ct);
        return documents.ToDictionary(d => d.Id["counter-".Length..], d => d.Value, StringComparer.Ordinal);
    }

    public async Task<string?> FindByKeyAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        var (claim, _) = await _control.ReadAsync<DedupeDocument>(DedupeId(key), DedupeId(key), ct);
        var live = claim is not null && (claim.ExpiresAt is null || claim.ExpiresAt > now.ToUnixTimeMilliseconds());
        return live && claim!.Number is { } number && await GetAsync(number, ct) is not null ? number : null;
    }

    public async Task<(string Json, string Version)?> ReadSettingAsync(string name, CancellationToken ct)
    {
        var (setting, _) = await _control.ReadAsync<SettingDocument>("setting-" + name, "setting-" + name, ct);
        return setting is null ? null : (setting.Json, setting.Version);
    }

    public async Task<string> WriteSettingAsync(string name, string json, CancellationToken ct)
    {
        var version = Guid.NewGuid().ToString("N");
        await _control.UpsertAsync(new SettingDocument("setting-" + name, version, json), "setting-" + name, ct);
        return version;
    }

    public async Task<Versioned<StoredRecord>?> GetRecordAsync(string kind, string id, CancellationToken ct)
    {
        var (document, etag) = await _control.ReadAsync<RecordDocument>(RecordKey(kind, id), RecordKey(kind, id), ct);
        return document is null ? null : new Versioned<StoredRecord>(Record(document), etag!);
    }

    public async Task<bool> TryWriteRecordAsync(StoredRecord record, string? etag, CancellationToken ct)
    {
        var key = RecordKey(record.Kind, record.Id);
        var document = new RecordDocument(key, record.Kind, record.Id, record.Status, record.Department, record.UpdatedAt.ToUnixTimeMilliseconds(), record.Json);
        return etag is null
            ? (await _control.CreateAsync(document, key, ct)).Status == HttpStatusCode.Created
            : await _control.ReplaceAsync(document, key, key, etag, ct) == HttpStatusCode.OK;
    }

    public async Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct)
    {
        var sql = $"SELECT TOP {query.Limit} * FROM c WHERE c.kind = @kind"
            + (query.Status is null ? "" : " AND c.status = @status") + (query.Department is null ? "" : " AND c.department = @department")
            + (query.UpdatedBefore is null ? "" : " AND c.updatedAt < @before")
            // One field: ordering by two needs a composite index on the control container.
            + " ORDER BY c.updatedAt DESC";
        var definition = new QueryDefinition(sql).WithParameter("@kind", query.Kind).WithParameter("@status", query.Status).WithParameter("@department", query.Department)
            .WithParameter("@before", query.UpdatedBefore?.ToUnixTimeMilliseconds());
        return [.. (await _control.QueryAsync<RecordDocument>(definition, query.Limit, ct)).Select(Record)];
    }

    public async Task<IReadOnlyList<Domain.Warnings.AggregateBucket>> ReadBucketsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var reads = await Task.WhenAll(ids.Select(async id => (Id: id, Read: await _control.ReadAsync<Domain.Warnings.AggregateBucket>(AggregateKey(id), AggregateKey(id), ct))));
        return [.. reads.Where(r => r.Read.Document is not null).Select(r => r.Read.Document! with { Id = r.Id })];
    }

    /// <summary>
    /// Each bucket is read, merged and replaced under its ETag; then the checkpoint. Not one transaction: a crash
    /// between, or two writers past the checkpoint check at once, may count one batch twice (the timer is the one writer in Azure).
    /// </summary>
    public async Task<bool> ApplyAggregatesAsync(IReadOnlyList<Domain.Warnings.AggregateBucket> deltas, string checkpoint, long sequence, CancellationToken ct, long? expected = null)
    {
        if (expected is { } from && await ReadCheckpointAsync(checkpoint, ct) != from) return false;
        foreach (var delta in deltas)
        {
            var key = AggregateKey(delta.Id);
            for (var attempt = 0; ; attempt++)
            {
                var (stored, etag) = await _control.ReadAsync<Domain.Warnings.AggregateBucket>(key, key, ct);
                var bucket = stored ?? new Domain.Warnings.AggregateBucket(key);
                bucket.Merge(delta);
                bucket = bucket with { Id = key };
                var written = etag is null
                    ? (await _control.CreateAsync(bucket, key, ct)).Status == HttpStatusCode.Created
                    : await _control.ReplaceAsync(bucket, key, key, etag, ct) == HttpStatusCode.OK;
                if (written) break;
                if (attempt == 8) throw new InvalidOperationException($"Aggregate bucket '{delta.Id}' kept changing.");
            }
        }
        await WriteCheckpointAsync(checkpoint, sequence, ct);
        return true;
    }

    public async Task<Domain.Reports.Report?> ReadReportAsync(string kind, string period, CancellationToken ct)
    {
        var (header, _) = await _reports.ReadAsync<ReportHeaderDocument>("report", period, ct);
        if (header is null || header.Kind != kind) return null;
        var rows = await _reports.QueryAsync<ReportRowDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.period = @p AND c.docType = 'row'").WithParameter("@p", period), int.MaxValue, ct);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new Domain.Reports.Report(kind, period, DateOnly.Parse(header.From, culture), DateOnly.Parse(header.To, culture),
            DateTimeOffset.FromUnixTimeMilliseconds(header.BuiltAt),
            [.. rows.Select(r => new Domain.Reports.ReportRow(period, r.Metric, r.Dimension, r.Value) { Drill = r.Drill })]);
    }

    /// <summary>Upserts the rows and the header, then deletes rows the new build no longer has: a rerun leaves the same partition.</summary>
    public async Task WriteReportAsync(Domain.Reports.Report report, CancellationToken ct)
    {
        var existing = await _reports.QueryAsync<ReportRowDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.period = @p AND c.docType = 'row'").WithParameter("@p", report.Period), int.MaxValue, ct);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in report.Rows)
        {
            var id = RowId(row.Metric, row.Dimension);
            ids.Add(id);
            await _reports.UpsertAsync(new ReportRowDocument(id, report.Period, report.Kind, "row", row.Metric, row.Dimension, row.Value, row.Drill), report.Period, ct);
        }
        foreach (var stale in existing.Where(r => !ids.Contains(r.Id))) await _reports.DeleteAsync(stale.Id, report.Period, ct);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        await _reports.UpsertAsync(new ReportHeaderDocument("report", report.Period, report.Kind, "report",
            report.From.ToString("yyyy-MM-dd", culture), report.To.ToString("yyyy-MM-dd", culture), report.BuiltAt.ToUnixTimeMilliseconds()), report.Period, ct);
    }

    /// <summary>One document per ticket in the day's partition (<c>docType</c> "ticket", id its number), the CSV's columns as fields.</summary>
    public async Task WriteTicketFactsAsync(string day, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            var document = new Dictionary<string, string?>(row) { ["id"] = row["number"], ["period"] = day, ["docType"] = "ticket" };
            await _reports.UpsertAsync(document, day, ct);
        }
    }

    /// <summary>Cosmos ids may not hold '/', '\', '?' or '#'; a hash keeps them short and safe.</summary>
    private static string RowId(string metric, string dimension) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{metric}|{dimension}")))[..24];

    private static string AggregateKey(string id) => "agg-" + id.Replace(':', '-');

    private static string RecordKey(string kind, string id) => $"record-{kind}-{id}";

    private static StoredRecord Record(RecordDocument d) =>
        new(d.Kind, d.RecordId, d.Status, d.Department, DateTimeOffset.FromUnixTimeMilliseconds(d.UpdatedAt), d.Json);

    public async Task<long> ReadCheckpointAsync(string name, CancellationToken ct) =>
        (await _control.ReadAsync<CounterDocument>(CheckpointId(name), CheckpointId(name), ct)).Document?.Value ?? 0;

    public Task WriteCheckpointAsync(string name, long sequence, CancellationToken ct) =>
        _control.UpsertAsync(new CounterDocument(CheckpointId(name), sequence), CheckpointId(name), ct);

    public async Task PingAsync(CancellationToken ct)
    {
        using var response = await database.ReadStreamAsync(cancellationToken: ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Copies a ticket's pending events to the events container under new sequence numbers, then
    /// clears them. Repeating it after a crash copies nothing twice: an event id already there is skipped.
    /// </summary>
    /// <summary>Each event is its own document, under its subject; one already there (same id) is not written again.</summary>
    public async Task AppendAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            var first = await NextAsync(EventSequence, events.Count, ct);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                await _events.CreateAsync(new EventDocument(e.Id, e.Subject, first + i, e.Type, e), e.Subject, ct);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task FlushAsync(string number, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (document, etag) = await _tickets.ReadAsync<TicketDocument>(number, number, ct);
            if (document is null || document.Pending.Count == 0) return;
            var first = await NextAsync(EventSequence, document.Pending.Count, ct);
            for (var i = 0; i < document.Pending.Count; i++)
            {
                var e = document.Pending[i];
                await _events.CreateAsync(new EventDocument(e.Id, number, first + i, e.Type, e), number, ct);
            }
            if (await _tickets.ReplaceAsync(document with { Pending = [] }, number, number, etag!, ct) == HttpStatusCode.OK) return;
        }
        throw new InvalidOperationException($"Ticket {number} kept changing while its events were being copied.");
    }

    /// <summary>Claims a dedupe key, or finds the live ticket that already holds it.</summary>
    private async Task<((DedupeDocument, string)? Claim, IntakeOutcome? Existing)> ClaimAsync(DedupeKey key, long now, CancellationToken ct)
    {
        var id = DedupeId(key.Value);
        var expiresAt = key.ExpiresAt?.ToUnixTimeMilliseconds();
        // TTL lets Cosmos drop the key a little after its window; expiresAt is what decides.
        int? ttl = expiresAt is { } e ? (int)Math.Max(60, (e - now) / 1000 + 60) : null;
        var claim = new DedupeDocument(id, null, expiresAt, now, ttl);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (status, etag) = await _control.CreateAsync(claim, id, ct);
            if (status == HttpStatusCode.Created) return ((claim, etag!), null);

            var (existing, existingETag) = await _control.ReadAsync<DedupeDocument>(id, id, ct);
            if (existing is null) continue;
            var live = existing.ExpiresAt is null || existing.ExpiresAt > now;
            if (live && existing.Number is not null && await GetAsync(existing.Number, ct) is { } ticket)
                return (null, new IntakeOutcome(existing.Number, ticket.Value.Status, Created: false) { MatchedKey = key.Value });
            if (live && existing.Number is null && now - existing.ClaimedAt < StaleClaim.TotalMilliseconds)
            {
                // Another instance is writing this very item; its number appears in a moment.
                await Task.Delay(50, ct);
                continue;
            }
            // Expired, or left behind by an intake that died: take it over.
            if (await _control.ReplaceAsync(claim, id, id, existingETag!, ct) == HttpStatusCode.OK)
                return ((claim, (await _control.ReadAsync<DedupeDocument>(id, id, ct)).ETag!), null);
        }
        throw new InvalidOperationException("A dedupe key stayed claimed by another writer for too long.");
    }

    /// <summary>Adds <paramref name="count"/> to a counter and returns the first value of the range taken.</summary>
    private async Task<long> NextAsync(string id, int count, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (counter, etag) = await _control.ReadAsync<CounterDocument>(id, id, ct);
            if (counter is null)
            {
                if ((await _control.CreateAsync(new CounterDocument(id, count), id, ct)).Status == HttpStatusCode.Created) return 1;
                continue;
            }
            if (await _control.ReplaceAsync(counter with { Value = counter.Value + count }, id, id, etag!, ct) == HttpStatusCode.OK)
                return counter.Value + 1;
        }
        throw new InvalidOperationException($"Counter {id} stayed contended through 100 attempts.");
    }

    private static string CheckpointId(string name) => "checkpoint-" + name;

    private static string DedupeId(string key) => "dedupe-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
