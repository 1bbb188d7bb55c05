using Feedback.Application.Ports;
using Feedback.Local.Storage;
using Feedback.Testing;

namespace Feedback.Local.Tests;

// Every store contract, on the SQLite adapter: each test gets a database file of its own.

public sealed class SqliteTicketStoreContract() : TicketStoreContract(new SqliteFiles())
{
    /// <summary>The store's memory of recent tickets never answers with less than what is committed.</summary>
    [Fact]
    public async Task After_racing_updates_a_read_from_the_same_store_equals_a_read_from_the_file()
    {
        var store = (SqliteStore)Store;
        var numbers = new List<string>();
        for (var i = 0; i < 20; i++) numbers.Add((await store.CreateAsync(Draft($"第{i}条 页面很慢"), default)).Number);
        var updater = new Feedback.Application.Tickets.TicketUpdater(store);
        // Eight writers per ticket, each appending one entry: ETag conflicts on every ticket, commits batched together.
        var writes = numbers.SelectMany(n => Enumerable.Range(0, 8).Select(k => Task.Run(() => updater.UpdateAsync(n, t =>
            Feedback.Application.Tickets.TicketChange.To(t.With(new Feedback.Domain.Tickets.HistoryEntry(DateTimeOffset.UtcNow, "note", $"w{k}", null))),
            default))));
        await Task.WhenAll(writes);

        using var fresh = new SqliteStore(store.FilePath);
        foreach (var number in numbers)
        {
            var remembered = (await store.GetAsync(number, default))!;
            var onDisk = (await fresh.GetAsync(number, default))!;
            Assert.Equal(onDisk.ETag, remembered.ETag);
            Assert.Equal(onDisk.Value.History.Count, remembered.Value.History.Count);
            Assert.Equal(8, remembered.Value.History.Count(h => h.Kind == "note"));
        }
    }

    /// <summary>An expired dedupe key's row is reclaimed by a later create, once a second of the tickets' clock at most.</summary>
    [Fact]
    public async Task Expired_dedupe_keys_are_swept_by_a_later_create()
    {
        var store = (SqliteStore)Store;
        await store.CreateAsync(Draft("a", at: Noon, keys: [new DedupeKey("content:webform:a", Noon.AddMinutes(1))]), default);
        await store.CreateAsync(Draft("b", at: Noon.AddMilliseconds(10), keys: [new DedupeKey("content:webform:b", Noon.AddMinutes(1))]), default);
        Assert.Equal(2L, DedupeRows(store));

        await store.CreateAsync(Draft("c", at: Noon.AddMinutes(2), keys: [new DedupeKey("ext:webform:c", null)]), default);

        Assert.Equal(1L, DedupeRows(store));
    }

    private static long DedupeRows(SqliteStore store)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.FilePath}");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dedupe";
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>An update sets only the columns that change: each indexed column must still follow the ticket,
    /// to a value, to another, and back to null, as a fresh store sees it.</summary>
    [Fact]
    public async Task Indexed_columns_follow_a_ticket_through_updates_that_change_one_column_at_a_time()
    {
        var store = (SqliteStore)Store;
        var number = (await store.CreateAsync(Draft("页面很慢"), default)).Number;
        var closedAt = DateTimeOffset.UtcNow.AddDays(-200);
        async Task Update(Func<Feedback.Domain.Tickets.Ticket, Feedback.Domain.Tickets.Ticket> change)
        {
            var read = (await store.GetAsync(number, default))!;
            Assert.True(await store.TryReplaceAsync(change(read.Value), read.ETag, [], default));
        }
        async Task<(bool ByOwner, bool ByStatus, bool Due)> Seen(string owner, Feedback.Domain.Tickets.TicketStatus status)
        {
            using var fresh = new SqliteStore(store.FilePath);
            var now = DateTimeOffset.UtcNow;
            return ((await fresh.ListAsync(new TicketQuery { Owner = owner }, now, default)).Any(t => t.Number == number),
                (await fresh.ListAsync(new TicketQuery(status), now, default)).Any(t => t.Number == number),
                (await fresh.FindRetentionDueAsync(now.AddDays(-180), attachments: false, 10, default)).Contains(number));
        }

        await Update(t => t with { Owner = "李娜" });
        Assert.Equal((true, true, false), await Seen("李娜", Feedback.Domain.Tickets.TicketStatus.Open));
        await Update(t => t with { Owner = "王五" });
        Assert.Equal((false, true, false), await Seen("李娜", Feedback.Domain.Tickets.TicketStatus.Open));
        await Update(t => t with { Status = Feedback.Domain.Tickets.TicketStatus.Closed, ClosedAt = closedAt });
        Assert.Equal((true, true, true), await Seen("王五", Feedback.Domain.Tickets.TicketStatus.Closed));
        await Update(t => t with { Status = Feedback.Domain.Tickets.TicketStatus.Open, ClosedAt = null, Owner = null });
        Assert.Equal((false, true, false), await Seen("王五", Feedback.Domain.Tickets.TicketStatus.Open));
        // An update that changes no column still replaces the document and its ETag.
        var before = (await store.GetAsync(number, default))!;
        await Update(t => t.With(new Feedback.Domain.Tickets.HistoryEntry(DateTimeOffset.UtcNow, "note", "test", null)));
        using var reopened = new SqliteStore(store.FilePath);
        var after = (await reopened.GetAsync(number, default))!;
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(before.Value.History.Count + 1, after.Value.History.Count);
    }

    /// <summary>Events read back at once come from the store's memory of recent commits: page by page they must
    /// equal what a fresh store reads from the file, sequence for sequence and document for document, with an
    /// event appended twice stored once and a write that rolled back nowhere.</summary>
    [Fact]
    public async Task Events_read_from_the_same_store_equal_the_events_read_from_the_file()
    {
        var store = (SqliteStore)Store;
        var numbers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => store.CreateAsync(Draft($"第{i}条 页面很慢"), default)));
        var again = Event(numbers[0].Number, Feedback.Domain.Events.TicketEventTypes.Responded);
        await Task.WhenAll(numbers.Select(n => store.AppendAsync([Event(n.Number, Feedback.Domain.Events.TicketEventTypes.Responded), again], default)));
        // A stale ETag: the write is refused and its event must not be seen.
        Assert.False(await store.TryReplaceAsync((await store.GetAsync(numbers[1].Number, default))!.Value, "stale",
            [Event(numbers[1].Number, Feedback.Domain.Events.TicketEventTypes.Resolved)], default));

        using var fresh = new SqliteStore(store.FilePath);
        var remembered = await PagesAsync(store);
        var onDisk = await PagesAsync(fresh);
        Assert.Equal(30 + 30 + 1, onDisk.Count);
        Assert.Equal(onDisk.Select(e => e.Sequence), remembered.Select(e => e.Sequence));
        Assert.Equal(onDisk.Select(e => System.Text.Json.JsonSerializer.Serialize(e.Event)), remembered.Select(e => System.Text.Json.JsonSerializer.Serialize(e.Event)));
        Assert.DoesNotContain(remembered, e => e.Event.Type == Feedback.Domain.Events.TicketEventTypes.Resolved);
        Assert.Empty(await store.ReadEventsAsync(remembered[^1].Sequence, 7, default));
    }

    private static async Task<List<Feedback.Domain.Events.StoredEvent>> PagesAsync(SqliteStore store)
    {
        var all = new List<Feedback.Domain.Events.StoredEvent>();
        IReadOnlyList<Feedback.Domain.Events.StoredEvent> page;
        while ((page = await store.ReadEventsAsync(all.Count > 0 ? all[^1].Sequence : 0, 7, default)).Count > 0) all.AddRange(page);
        return all;
    }

    /// <summary>The number is given in the writer and spliced into documents serialized before it: the file must hold it everywhere.</summary>
    [Fact]
    public async Task A_created_ticket_carries_its_number_in_its_document_its_facts_and_its_event_on_disk()
    {
        var store = (SqliteStore)Store;
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => store.CreateAsync(Draft($"第{i}条 \"number\":\"\" 页面很慢"), default)));

        using var fresh = new SqliteStore(store.FilePath);
        foreach (var outcome in numbers)
        {
            var onDisk = (await fresh.GetAsync(outcome.Number, default))!.Value;
            Assert.Equal(outcome.Number, onDisk.Number);
            Assert.Contains("\"number\":\"\"", onDisk.Feedback.Content);
        }
        var facts = new List<Feedback.Domain.Reports.TicketFact>();
        await foreach (var fact in fresh.ReadFactsAsync(Noon.AddDays(-1), Noon.AddDays(1), default)) facts.Add(fact);
        Assert.Equal(numbers.Select(n => n.Number).Order(), facts.Select(f => f.Number).Order());
        var events = await fresh.ReadEventsAsync(0, 100, default);
        Assert.Equal(numbers.Select(n => n.Number).Order(), events.Select(e => e.Event.TicketNumber!).Order());
    }
}

public sealed class SqliteTicketQueriesContract() : TicketQueriesContract(new SqliteFiles());

public sealed class SqliteEventLogContract() : EventLogContract(new SqliteFiles());

public sealed class SqliteCounterStoreContract() : CounterStoreContract(new SqliteFiles());

public sealed class SqliteSettingsStoreContract() : SettingsStoreContract(new SqliteFiles());

internal sealed class SqliteFiles : IStoreFactory
{
    private readonly string _directory = RunningHost.NewDataDirectory();

    public Task<IFeedbackStore> CreateAsync() =>
        Task.FromResult<IFeedbackStore>(new SqliteStore(System.IO.Path.Combine(_directory, "feedback.db")));

    public Task DisposeAsync(IFeedbackStore store)
    {
        ((SqliteStore)store).Dispose();
        RunningHost.TryDelete(_directory);
        return Task.CompletedTask;
    }
}

public sealed class SqliteBreachColumnTests
{
    [Fact]
    public async Task A_file_from_before_the_breach_column_gets_it_filled_in_from_each_ticket()
    {
        var files = new SqliteFiles();
        var store = (SqliteStore)await files.CreateAsync();
        var path = store.FilePath;
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        var plan = new Feedback.Domain.Sla.SlaPlan(at.AddHours(1), at.AddHours(48));
        var outcome = await store.CreateAsync(new TicketDraft(
            new Feedback.Domain.Tickets.Ticket
            {
                Number = "", Channel = "webform", ReceivedAt = at,
                Feedback = new Feedback.Domain.Tickets.FeedbackItem("x", null, null, null, null, null), Contact = new Feedback.Domain.Tickets.ProtectedContact(null, null),
            },
            DateOnly.FromDateTime(at.UtcDateTime), [],
            new Feedback.Domain.Events.FeedbackEvent(Guid.NewGuid().ToString("N"), Feedback.Domain.Events.TicketEventTypes.Created, "", at, "webform")), default);
        var read = (await store.GetAsync(outcome.Number, default))!;
        Assert.True(await store.TryReplaceAsync(read.Value with { Plan = plan }, read.ETag, [], default));
        store.Dispose();
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var drop = old.CreateCommand();
            drop.CommandText = "ALTER TABLE tickets DROP COLUMN breach_at";
            drop.ExecuteNonQuery();
        }

        var reopened = new SqliteStore(path);
        try
        {
            var breached = await reopened.ListAsync(new TicketQuery(Breached: true), DateTimeOffset.UtcNow, default);
            Assert.Equal(outcome.Number, Assert.Single(breached).Number);
        }
        finally
        {
            await files.DisposeAsync(reopened);
        }
    }
}
public sealed class SqliteRecordStoreContract() : RecordStoreContract(new SqliteFiles());
public sealed class SqliteAggregateStoreContract() : AggregateStoreContract(new SqliteFiles());
public sealed class SqliteReportStoreContract() : ReportStoreContract(new SqliteFiles());
public sealed class SqlitePrivacyStoreContract() : PrivacyStoreContract(new SqliteFiles());
