using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Xunit;

namespace Feedback.Testing;

/// <summary>
/// What every store contract shares. The contracts are written once, one per store port; each adapter
/// subclasses each of them and answers <see cref="CreateStoreAsync"/>, and every test then runs on it.
/// </summary>
/// <summary>Makes a fresh store for one test and cleans up after it: one per adapter.</summary>
public interface IStoreFactory
{
    Task<IFeedbackStore> CreateAsync();
    Task DisposeAsync(IFeedbackStore store);
}

public abstract class StoreContractBase(IStoreFactory factory) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Noon = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Day = new(2026, 11, 24);
    protected IFeedbackStore Store { get; private set; } = null!;

    protected IStoreFactory Factory => factory;

    public async Task InitializeAsync() => Store = await factory.CreateAsync();
    public Task DisposeAsync() => factory.DisposeAsync(Store);

    protected async Task<string> CreateWithAsync(TicketDraft draft, Func<Ticket, Ticket> change)
    {
        var number = (await Store.CreateAsync(draft, default)).Number;
        var read = (await Store.GetAsync(number, default))!;
        Assert.True(await Store.TryReplaceAsync(change(read.Value), read.ETag, [], default));
        return number;
    }

    protected static string[] Numbers(IReadOnlyList<Ticket> tickets) => tickets.Select(t => t.Number).ToArray();

    protected static FeedbackEvent Event(string number, string type) =>
        new(Guid.NewGuid().ToString("N"), type, number, Noon, "webform", Urgency.Medium);

    protected static TicketDraft Draft(string content, DateTimeOffset? at = null, DateOnly? day = null, IReadOnlyList<DedupeKey>? keys = null)
    {
        var receivedAt = at ?? Noon;
        var ticket = new Ticket
        {
            Number = "",
            Channel = "webform",
            ReceivedAt = receivedAt,
            Feedback = new FeedbackItem(content, "张*", "****5678", null, null, null),
            Contact = new ProtectedContact("张三", "13812345678"),
        };
        return new TicketDraft(ticket, day ?? Day, keys ?? [],
            new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Created, "", receivedAt, "webform"));
    }
}

/// <summary>ITicketStore: numbering, dedupe, reads and ETag-checked replaces.</summary>
public abstract class TicketStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Creates_number_tickets_from_one_each_day()
    {
        var first = await Store.CreateAsync(Draft("a"), default);
        var second = await Store.CreateAsync(Draft("b"), default);
        var nextDay = await Store.CreateAsync(Draft("c", day: Day.AddDays(1)), default);

        Assert.Equal(("FB-20261124-000001", true), (first.Number, first.Created));
        Assert.Equal("FB-20261124-000002", second.Number);
        Assert.Equal("FB-20261125-000001", nextDay.Number);
        Assert.Equal(TicketStatus.Open, first.Status);
    }

    [Fact]
    public async Task Create_with_a_live_dedupe_key_returns_the_existing_ticket_and_writes_nothing()
    {
        var key = new DedupeKey("ext:webform:42", null);
        var first = await Store.CreateAsync(Draft("a", keys: [key]), default);
        var eventsBefore = await Store.ReadEventsAsync(0, 100, default);

        var again = await Store.CreateAsync(Draft("a again", keys: [new DedupeKey("other", null), key]), default);

        Assert.Equal((first.Number, false, "ext:webform:42"), (again.Number, again.Created, again.MatchedKey));
        Assert.Equal(eventsBefore.Count, (await Store.ReadEventsAsync(0, 100, default)).Count);
        Assert.Null(await Store.GetAsync("FB-20261124-000002", default));
    }

    [Fact]
    public async Task An_expired_dedupe_key_no_longer_matches()
    {
        var key = new DedupeKey("content:webform:abc", Noon.AddMinutes(10));
        var first = await Store.CreateAsync(Draft("a", keys: [key]), default);
        var within = await Store.CreateAsync(Draft("a", at: Noon.AddMinutes(9), keys: [key with { ExpiresAt = Noon.AddMinutes(19) }]), default);
        var after = await Store.CreateAsync(Draft("a", at: Noon.AddMinutes(11), keys: [key with { ExpiresAt = Noon.AddMinutes(21) }]), default);

        Assert.Equal(first.Number, within.Number);
        Assert.False(within.Created);
        Assert.True(after.Created);
        Assert.NotEqual(first.Number, after.Number);
    }

    [Fact]
    public async Task Reading_a_missing_ticket_returns_null()
    {
        Assert.Null(await Store.GetAsync("FB-20990101-000001", default));
    }

    [Fact]
    public async Task Replace_with_the_current_etag_wins_and_a_stale_etag_loses_without_writing()
    {
        var number = (await Store.CreateAsync(Draft("a"), default)).Number;
        var read = (await Store.GetAsync(number, default))!;

        var responded = read.Value with { Status = TicketStatus.Responded, RespondedAt = Noon.AddMinutes(5) };
        Assert.True(await Store.TryReplaceAsync(responded, read.ETag, [Event(number, TicketEventTypes.Responded)], default));
        var stale = read.Value with { Status = TicketStatus.Resolved };
        Assert.False(await Store.TryReplaceAsync(stale, read.ETag, [Event(number, TicketEventTypes.Resolved)], default));

        var now = (await Store.GetAsync(number, default))!;
        Assert.Equal(TicketStatus.Responded, now.Value.Status);
        Assert.NotEqual(read.ETag, now.ETag);
        Assert.Equal([TicketEventTypes.Created, TicketEventTypes.Responded],
            (await Store.ReadEventsAsync(0, 100, default)).Select(e => e.Event.Type));
    }

    /// <summary>Replaces made at once from the same read may meet in one commit: one wins, the rest find the etag gone.</summary>
    [Fact]
    public async Task Of_concurrent_replaces_from_one_read_exactly_one_wins()
    {
        var number = (await Store.CreateAsync(Draft("a"), default)).Number;
        var read = (await Store.GetAsync(number, default))!;

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => Task.Run(() =>
            Store.TryReplaceAsync(read.Value with { Owner = $"agent-{n}" }, read.ETag, [Event(number, TicketEventTypes.Responded)], default))));

        var winner = Assert.Single(Enumerable.Range(1, 20), n => outcomes[n - 1]);
        Assert.Equal($"agent-{winner}", (await Store.GetAsync(number, default))!.Value.Owner);
        Assert.Equal([TicketEventTypes.Created, TicketEventTypes.Responded],
            (await Store.ReadEventsAsync(0, 100, default)).Select(e => e.Event.Type));
    }

    [Fact]
    public async Task Concurrent_creates_get_unique_gap_free_numbers()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => Store.CreateAsync(Draft($"c{i}"), default))));

        var sequences = outcomes.Select(o => int.Parse(o.Number[^6..])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 100), sequences);
    }

    [Fact]
    public async Task A_live_dedupe_key_finds_its_ticket_and_an_expired_or_unknown_one_nothing()
    {
        var created = await Store.CreateAsync(Draft("a", keys: [new DedupeKey("ext:email:<m1@x>", null), new DedupeKey("content:email:h", Noon.AddMinutes(10))]), default);

        Assert.Equal(created.Number, await Store.FindByKeyAsync("ext:email:<m1@x>", Noon.AddDays(30), default));
        Assert.Equal(created.Number, await Store.FindByKeyAsync("content:email:h", Noon.AddMinutes(9), default));
        Assert.Null(await Store.FindByKeyAsync("content:email:h", Noon.AddMinutes(11), default));
        Assert.Null(await Store.FindByKeyAsync("ext:email:<other@x>", Noon, default));
    }
}

/// <summary>ITicketQueries: the read side over many tickets.</summary>
public abstract class TicketQueriesContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Lists_by_status_open_and_breached()
    {
        var plan = new SlaPlan(Noon.AddHours(1), Noon.AddHours(48));
        var onTime = await CreateWithAsync(Draft("on time"), t => t with { Plan = plan });
        var late = await CreateWithAsync(Draft("late"), t => t with { Plan = plan with { RespondBy = Noon.AddMinutes(1) } });
        var closed = await CreateWithAsync(Draft("closed"), t => t with { Plan = plan, Status = TicketStatus.Closed, RespondedAt = Noon, ResolvedAt = Noon, ClosedAt = Noon });
        var untriaged = (await Store.CreateAsync(Draft("new"), default)).Number;
        var now = Noon.AddMinutes(30);

        Assert.Equal([untriaged, late, onTime], Numbers(await Store.ListAsync(new TicketQuery(OpenOnly: true), now, default)));
        Assert.Equal([closed], Numbers(await Store.ListAsync(new TicketQuery(TicketStatus.Closed), now, default)));
        Assert.Equal([late], Numbers(await Store.ListAsync(new TicketQuery(Breached: true), now, default)));
        Assert.Equal([untriaged, closed, onTime], Numbers(await Store.ListAsync(new TicketQuery(Breached: false), now, default)));
        Assert.Single(await Store.ListAsync(new TicketQuery(Limit: 1), now, default));
    }

    [Fact]
    public async Task Lists_by_department_owner_channel_and_a_waiting_customer()
    {
        var product = await CreateWithAsync(Draft("a"), t => t with { Department = "产品部", Owner = "李娜" });
        var productOther = await CreateWithAsync(Draft("b"), t => t with { Department = "产品部", Owner = "王五" });
        var waiting = await CreateWithAsync(Draft("c"), t => t with
        {
            Department = "客服部", Status = TicketStatus.Waiting, WaitingFor = WaitReasons.Customer, PausedAt = Noon,
            Feedback = t.Feedback with { CustomerId = "oOpenId-1" },
        });
        var now = Noon.AddMinutes(30);

        Assert.Equal([productOther, product], Numbers(await Store.ListAsync(new TicketQuery { Department = "产品部" }, now, default)));
        Assert.Equal([product], Numbers(await Store.ListAsync(new TicketQuery { Department = "产品部", Owner = "李娜" }, now, default)));
        Assert.Equal([waiting], Numbers(await Store.ListAsync(new TicketQuery(TicketStatus.Waiting) { CustomerId = "oOpenId-1", Channel = "webform" }, now, default)));
        Assert.Empty(await Store.ListAsync(new TicketQuery(TicketStatus.Waiting) { CustomerId = "oOpenId-2" }, now, default));

        // A reassignment is what later queries see.
        var stored = (await Store.GetAsync(product, default))!;
        Assert.True(await Store.TryReplaceAsync(stored.Value with { Department = "技术部" }, stored.ETag, [], default));
        Assert.Equal([productOther], Numbers(await Store.ListAsync(new TicketQuery { Department = "产品部" }, now, default)));
    }

    private static TicketAnalysis Analysis(FeedbackType type, Nature nature) => new(
        new SentimentResult(SentimentLabel.Negative, -0.6, 0.9, "test"), new Classification(type, 0.9, nature, 0.9, [], "test"),
        [], Urgency.Medium, [], ["物流"]);

    [Fact]
    public async Task Lists_drill_down_by_received_range_type_nature_and_satisfaction_and_streams_facts_oldest_first()
    {
        var early = await CreateWithAsync(Draft("a", Noon.AddDays(-2)), t => t with { Analysis = Analysis(FeedbackType.Complaint, Nature.Logistics), Satisfaction = "不满意", Reopens = 1 });
        var middle = await CreateWithAsync(Draft("b", Noon.AddDays(-1)), t => t with { Analysis = Analysis(FeedbackType.Complaint, Nature.Product) });
        var late = await CreateWithAsync(Draft("c", Noon), t => t with { Analysis = Analysis(FeedbackType.Consultation, Nature.Logistics), Satisfaction = "no-answer" });
        var now = Noon.AddHours(1);

        Assert.Equal([middle, early], Numbers(await Store.ListAsync(new TicketQuery { ReceivedFrom = Noon.AddDays(-3), ReceivedTo = Noon }, now, default)));
        Assert.Equal([middle, early], Numbers(await Store.ListAsync(new TicketQuery { Type = FeedbackType.Complaint }, now, default)));
        Assert.Equal([late, early], Numbers(await Store.ListAsync(new TicketQuery { Nature = Nature.Logistics }, now, default)));
        Assert.Equal([early], Numbers(await Store.ListAsync(new TicketQuery { Satisfaction = "不满意" }, now, default)));
        Assert.Equal([late], Numbers(await Store.ListAsync(new TicketQuery { Satisfaction = "no-answer", Type = FeedbackType.Consultation }, now, default)));

        var facts = new List<Feedback.Domain.Reports.TicketFact>();
        await foreach (var f in Store.ReadFactsAsync(Noon.AddDays(-2), Noon.AddDays(1), default)) facts.Add(f);
        Assert.Equal([early, middle, late], facts.Select(f => f.Number));
        Assert.Equal(("Complaint", "Logistics", "Negative", "不满意", 1, "物流"), (facts[0].Type, facts[0].Nature, facts[0].Sentiment, facts[0].Satisfaction, facts[0].Reopens, facts[0].Topic));

        // Counted without being read, junk left out on request.
        Assert.Equal(2, await Store.CountAsync(new TicketQuery { ReceivedFrom = Noon.AddDays(-3), ReceivedTo = Noon }, now, default));
        Assert.Equal(3, await Store.CountAsync(new TicketQuery(), now, default));
        var junk = await CreateWithAsync(Draft("d", Noon.AddDays(-1)), t => t with { Status = TicketStatus.SetAside, SetAsideReason = "spam" });
        Assert.Equal(2, await Store.CountAsync(new TicketQuery { ReceivedFrom = Noon.AddDays(-3), ReceivedTo = Noon, ExcludeSetAside = true }, now, default));
        Assert.Equal(3, await Store.CountAsync(new TicketQuery { ReceivedFrom = Noon.AddDays(-3), ReceivedTo = Noon }, now, default));
        Assert.NotNull(junk);
    }

    [Fact]
    public async Task The_workflow_backlog_is_the_open_untriaged_tickets_and_the_oldest_receipt()
    {
        Assert.Equal(new WorkflowBacklog(0, null), await Store.ReadBacklogAsync(default));
        await CreateWithAsync(Draft("triaged", at: Noon.AddMinutes(-5)), t => t with { Plan = new SlaPlan(Noon.AddHours(1), Noon.AddHours(48)) });
        await CreateWithAsync(Draft("http://spam.example", at: Noon.AddMinutes(-4)), t => t with { Status = TicketStatus.SetAside, SetAsideReason = "link-only" });
        await Store.CreateAsync(Draft("waiting, older", at: Noon.AddMinutes(-3)), default);
        await Store.CreateAsync(Draft("waiting, newer", at: Noon.AddMinutes(-1)), default);

        Assert.Equal(new WorkflowBacklog(2, Noon.AddMinutes(-3)), await Store.ReadBacklogAsync(default));
    }

    [Fact]
    public async Task Set_aside_tickets_are_not_open_work()
    {
        var junk = await Store.CreateAsync(Draft("http://spam.example"), default);
        var real = await Store.CreateAsync(Draft("real"), default);
        var stored = (await Store.GetAsync(junk.Number, default))!;
        Assert.True(await Store.TryReplaceAsync(stored.Value with { Status = TicketStatus.SetAside, SetAsideReason = "link-only" }, stored.ETag, [], default));

        var open = await Store.ListAsync(new TicketQuery(OpenOnly: true), Noon, default);
        var setAside = await Store.ListAsync(new TicketQuery(Status: TicketStatus.SetAside), Noon, default);

        Assert.Equal([real.Number], open.Select(t => t.Number));
        Assert.Equal(("link-only", junk.Number), (setAside.Single().SetAsideReason, setAside.Single().Number));
    }
}

/// <summary>IEventLog: the outbox written with each change, read in order, and readers' checkpoints.</summary>
public abstract class EventLogContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Create_stores_the_ticket_and_its_created_event_together()
    {
        var outcome = await Store.CreateAsync(Draft("我的订单没有到"), default);

        var stored = await Store.GetAsync(outcome.Number, default);
        var events = await Store.ReadEventsAsync(0, 100, default);

        Assert.NotNull(stored);
        Assert.Equal("我的订单没有到", stored.Value.Feedback.Content);
        Assert.Equal(outcome.Number, stored.Value.Number);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        var created = Assert.Single(events);
        Assert.Equal((TicketEventTypes.Created, outcome.Number), (created.Event.Type, created.Event.TicketNumber));
    }

    [Fact]
    public async Task Reads_events_in_order_after_a_sequence()
    {
        for (var i = 0; i < 5; i++) await Store.CreateAsync(Draft($"item {i}"), default);

        var all = await Store.ReadEventsAsync(0, 100, default);
        var page = await Store.ReadEventsAsync(all[1].Sequence, 2, default);

        Assert.Equal(5, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(all.Skip(2).Take(2).Select(e => e.Event.Id), page.Select(e => e.Event.Id));
    }

    [Fact]
    public async Task Events_about_no_ticket_join_the_feed_in_order_and_one_appended_twice_is_kept_once()
    {
        var ticket = (await Store.CreateAsync(Draft("a"), default)).Number;
        var warning = FeedbackEvent.Concerning("warning:W-1", "warning.raised", Noon, "严重") ;
        var report = FeedbackEvent.Concerning("report:daily:2026-11-23", "report.ready", Noon);

        await Store.AppendAsync([warning, report], default);
        await Store.AppendAsync([warning], default);   // a retry after a timeout

        var feed = await Store.ReadEventsAsync(0, 10, default);
        Assert.Equal([ticket, null, null], feed.Select(e => e.Event.TicketNumber));
        Assert.Equal([warning.Id, report.Id], feed.Skip(1).Select(e => e.Event.Id));
        Assert.Equal(("warning:W-1", "严重"), (feed[1].Event.About, feed[1].Event.Detail));
        Assert.True(feed[1].Sequence > feed[0].Sequence && feed[2].Sequence > feed[1].Sequence);
    }

    [Fact]
    public async Task Checkpoints_start_at_zero_and_keep_what_was_written()
    {
        Assert.Equal(0, await Store.ReadCheckpointAsync("relay", default));
        await Store.WriteCheckpointAsync("relay", 7, default);
        await Store.WriteCheckpointAsync("relay", 9, default);
        await Store.WriteCheckpointAsync("other", 1, default);

        Assert.Equal(9, await Store.ReadCheckpointAsync("relay", default));
        Assert.Equal(1, await Store.ReadCheckpointAsync("other", default));
    }
}

/// <summary>ICounterStore: named counters.</summary>
public abstract class CounterStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Counters_add_up_atomically_and_separately()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.AddToCounterAsync("budget-2026-11", 3, default))));
        var other = await Store.AddToCounterAsync("budget-2026-12", 5, default);

        Assert.Equal(63, await Store.AddToCounterAsync("budget-2026-11", 3, default));
        Assert.Equal(5, other);
    }

    [Fact]
    public async Task Counters_are_read_back_by_prefix_and_nothing_else()
    {
        await Store.AddToCounterAsync("health:wechat:2026-11-24:arrivals", 4, default);
        await Store.AddToCounterAsync("health:wechat:2026-11-24:rejected:signature", 1, default);
        await Store.AddToCounterAsync("health:email:2026-11-24:arrivals", 2, default);
        await Store.AddToCounterAsync("budget-2026-11", 9, default);

        var wechat = await Store.ReadCountersAsync("health:wechat:", default);

        Assert.Equal(new Dictionary<string, long>
        {
            ["health:wechat:2026-11-24:arrivals"] = 4,
            ["health:wechat:2026-11-24:rejected:signature"] = 1,
        }, wechat.OrderBy(c => c.Key).ToDictionary());
        Assert.Empty(await Store.ReadCountersAsync("health:social:", default));
    }
}

/// <summary>ISettingsStore and IStoreProbe: named settings documents, and the health probe.</summary>
public abstract class SettingsStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Settings_are_kept_by_name_with_a_new_version_on_each_write()
    {
        Assert.Null(await Store.ReadSettingAsync("keywords", default));
        var first = await Store.WriteSettingAsync("keywords", "{\"entries\":[]}", default);
        var second = await Store.WriteSettingAsync("keywords", "{\"entries\":[1]}", default);

        var read = await Store.ReadSettingAsync("keywords", default);
        Assert.Equal(("{\"entries\":[1]}", second), read);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Ping_answers()
    {
        await Store.PingAsync(default);
    }
}

public abstract class RecordStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    private static StoredRecord Record(string id, string status, string? department, int minute) =>
        new("improvement", id, status, department, new DateTimeOffset(2026, 12, 2, 8, minute, 0, TimeSpan.Zero), $"{{\"id\":\"{id}\",\"v\":{minute}}}");

    [Fact]
    public async Task A_record_is_created_once_and_replaced_only_with_its_current_etag()
    {
        Assert.Null(await Store.GetRecordAsync("improvement", "IA-1", default));
        Assert.True(await Store.TryWriteRecordAsync(Record("IA-1", "proposed", "技术部", 1), null, default));
        Assert.False(await Store.TryWriteRecordAsync(Record("IA-1", "proposed", "技术部", 2), null, default));

        var stored = (await Store.GetRecordAsync("improvement", "IA-1", default))!;
        Assert.Equal(Record("IA-1", "proposed", "技术部", 1), stored.Value);
        Assert.True(await Store.TryWriteRecordAsync(Record("IA-1", "in-progress", "技术部", 3), stored.ETag, default));
        Assert.False(await Store.TryWriteRecordAsync(Record("IA-1", "done", "技术部", 4), stored.ETag, default));
        Assert.Equal("in-progress", (await Store.GetRecordAsync("improvement", "IA-1", default))!.Value.Status);
        Assert.Null(await Store.GetRecordAsync("warning", "IA-1", default));
    }

    [Fact]
    public async Task Records_are_listed_by_kind_status_and_department_newest_first()
    {
        await Store.TryWriteRecordAsync(Record("IA-1", "proposed", "技术部", 1), null, default);
        await Store.TryWriteRecordAsync(Record("IA-2", "done", "技术部", 2), null, default);
        await Store.TryWriteRecordAsync(Record("IA-3", "proposed", "产品部", 3), null, default);
        await Store.TryWriteRecordAsync(new StoredRecord("warning", "W-1", "proposed", "技术部", DateTimeOffset.UnixEpoch, "{}"), null, default);

        Assert.Equal(["IA-3", "IA-2", "IA-1"], (await Store.ListRecordsAsync(new RecordQuery("improvement"), default)).Select(r => r.Id));
        Assert.Equal(["IA-3", "IA-1"], (await Store.ListRecordsAsync(new RecordQuery("improvement", Status: "proposed"), default)).Select(r => r.Id));
        Assert.Equal(["IA-2", "IA-1"], (await Store.ListRecordsAsync(new RecordQuery("improvement", Department: "技术部"), default)).Select(r => r.Id));
        Assert.Equal(["IA-3"], (await Store.ListRecordsAsync(new RecordQuery("improvement", Limit: 1), default)).Select(r => r.Id));
        var beforeThird = new DateTimeOffset(2026, 12, 2, 8, 3, 0, TimeSpan.Zero);
        Assert.Equal(["IA-2", "IA-1"], (await Store.ListRecordsAsync(new RecordQuery("improvement") { UpdatedBefore = beforeThird }, default)).Select(r => r.Id));
    }
}

public abstract class AggregateStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    [Fact]
    public async Task Deltas_add_up_per_bucket_keep_twenty_recent_tickets_and_move_the_checkpoint()
    {
        var first = new Feedback.Domain.Warnings.AggregateBucket("m:202612020810");
        first.Add("kw:系统故障", 2, "FB-20261202-000001");
        var other = new Feedback.Domain.Warnings.AggregateBucket("h:2026120208");
        other.Add("triaged", 1);
        await Store.ApplyAggregatesAsync([first, other], "aggregates", 10, default);
        var second = new Feedback.Domain.Warnings.AggregateBucket("m:202612020810");
        for (var i = 2; i <= 25; i++) second.Add("kw:系统故障", 1, $"FB-20261202-{i:000000}");
        await Store.ApplyAggregatesAsync([second], "aggregates", 20, default);

        var read = (await Store.ReadBucketsAsync(["m:202612020810", "h:2026120208", "d:20261202"], default)).ToDictionary(b => b.Id);
        Assert.Equal(["h:2026120208", "m:202612020810"], read.Keys.Order());
        Assert.Equal(26, read["m:202612020810"]["kw:系统故障"]);
        Assert.Equal(1, read["h:2026120208"]["triaged"]);
        var tickets = read["m:202612020810"].Tickets["kw:系统故障"];
        Assert.Equal(20, tickets.Count);
        Assert.Equal("FB-20261202-000025", tickets[^1]);
        Assert.Equal(20, await Store.ReadCheckpointAsync("aggregates", default));
    }
}

public abstract class ReportStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    private static Feedback.Domain.Reports.Report Report(string period, params (string Metric, string Dimension, double Value)[] rows) =>
        new("daily", period, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero),
            [.. rows.Select(r => new Feedback.Domain.Reports.ReportRow(period, r.Metric, r.Dimension, r.Value) { Drill = r.Metric == "volume" ? "/api/tickets?from=2026-12-01&to=2026-12-02" : null })]);

    [Fact]
    public async Task A_period_is_written_as_flat_rows_and_a_rerun_replaces_them()
    {
        Assert.Null(await Store.ReadReportAsync("daily", "2026-12-01", default));
        await Store.WriteReportAsync(Report("2026-12-01", ("volume", "all", 12), ("volume", "channel:webform", 7), ("share", "channel:webform/app?#", 0.5833)), default);
        await Store.WriteReportAsync(Report("2026-11-30", ("volume", "all", 3)), default);

        var read = (await Store.ReadReportAsync("daily", "2026-12-01", default))!;
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2)), (read.From, read.To));
        Assert.Equal([("share", "channel:webform/app?#", 0.5833), ("volume", "all", 12.0), ("volume", "channel:webform", 7.0)],
            read.Rows.Select(r => (r.Metric, r.Dimension, r.Value)).Order());
        Assert.Equal("/api/tickets?from=2026-12-01&to=2026-12-02", read.Rows.Single(r => r.Dimension == "all").Drill);
        Assert.Null(await Store.ReadReportAsync("weekly", "2026-12-01", default));

        // Ticket rows share the period's partition and are no report rows.
        await Store.WriteTicketFactsAsync("2026-12-01", [new Dictionary<string, string?> { ["number"] = "FB-20261201-000001", ["channel"] = "webform" }], default);
        await Store.WriteReportAsync(Report("2026-12-01", ("volume", "all", 13)), default);
        Assert.Equal([("volume", "all", 13.0)], (await Store.ReadReportAsync("daily", "2026-12-01", default))!.Rows.Select(r => (r.Metric, r.Dimension, r.Value)));
        Assert.Single((await Store.ReadReportAsync("daily", "2026-11-30", default))!.Rows);
    }
}
