using System.Diagnostics;
using System.Text.Json;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Local.Storage;

/// <summary>
/// The embedded store's two writes per ticket, without HTTP or analysis: a web form's create (dedupe key, number,
/// created event) and its triage (analysis, plan, department, triaged event), from many callers at once, as the host
/// makes them. Prints tickets/s; the store's single writer bounds what intake can accept. Usage: <c>-- store [seconds] [callers]</c>.
/// </summary>
internal static class StoreBench
{
    public static async Task<int> RunAsync(double seconds, int callers)
    {
        var data = Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N"));
        var triaged = JsonSerializer.Deserialize<Ticket>(Template, FeedbackJson.Options)!;
        try
        {
            using var store = new SqliteStore(Path.Combine(data, "feedback.db"));
            await RunForAsync(store, triaged, 2, callers);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var written = WrittenBytes();
            var (count, elapsed, latencies) = await RunForAsync(store, triaged, seconds, callers);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            written = WrittenBytes() - written;
            Console.WriteLine($"store: {count / elapsed:N0} tickets/s (create + triage), {cpu.TotalMicroseconds / count:N0} µs CPU and {written / 1024.0 / count:N1} KiB written per ticket, {callers} callers, {seconds} s; " +
                $"create p50 {latencies[latencies.Length / 2]:0.00} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.00} ms");
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(int Count, double Seconds, double[] Latencies)> RunForAsync(SqliteStore store, Ticket triaged, double seconds, int callers)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var count = 0;
        var latencies = new List<double>[callers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var i = Interlocked.Increment(ref count);
                var now = DateTimeOffset.UtcNow;
                var feedback = triaged.Feedback with { Content = $"第{i}条：订单支付失败，钱扣了但订单没生成，请尽快处理", Contact = "****" + (i % 10000).ToString("D4") };
                var draft = new Ticket
                {
                    Number = "", Channel = "webform", ReceivedAt = now, Feedback = feedback, Contact = new ProtectedContact("张三", $"138{i:D8}"),
                }.With(new HistoryEntry(now, "created", "webform", null));
                var t = Stopwatch.GetTimestamp();
                var outcome = await store.CreateAsync(new TicketDraft(draft, DateOnly.FromDateTime(now.UtcDateTime),
                    [new DedupeKey($"content:webform:{Guid.NewGuid():N}", now.AddMinutes(10))],
                    new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Created, "", now, "webform")), default);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                var stored = await store.GetAsync(outcome.Number, default);
                var done = triaged with { Number = outcome.Number, ReceivedAt = now, Feedback = feedback, Contact = draft.Contact };
                if (!await store.TryReplaceAsync(done, stored!.ETag, [FeedbackEvent.For(done, TicketEventTypes.Triaged, now)], default))
                    throw new InvalidOperationException("triage lost its ETag race");
            }
        })));
        return (count, Stopwatch.GetElapsedTime(started).TotalSeconds, latencies.SelectMany(l => l).Order().ToArray());
    }

    // What this process handed the kernel to write (/proc/self/io), WAL and checkpoints alike; 0 where there is no /proc.
    private static long WrittenBytes()
    {
        if (!File.Exists("/proc/self/io")) return 0;
        var line = File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["wchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // A triaged web-form ticket as the host stores it (its analysis, plan, SLA log and history).
    private const string Template = """
{"number":"FB-20261203-000001","channel":"webform","receivedAt":"2026-12-02T20:18:46.0337738+00:00","feedback":{"content":"第220474-0-5条：订单支付失败，钱扣了但订单没生成，请尽快处理","customerName":"张*","contact":"****0005"},"contact":{"name":"张三","value":"13824000005"},"status":"open","analysis":{"sentiment":{"label":"negative","score":-0.834,"confidence":0.943,"analyzer":"local-rules-v2","reanalyze":false,"evidence":["支付失败","尽快处理"]},"classification":{"type":"complaint","typeConfidence":0.95,"nature":"accountPayment","natureConfidence":0.7,"evidence":["支付"],"analyzer":"local-rules-v2"},"keywords":[{"term":"支付失败","weight":-1,"category":"accountPayment"}],"urgency":"high","urgencyReasons":["keyword:支付失败"],"keyPhrases":["订单","钱扣","生成","尽快","失败"],"urgencyConfidence":0.9},"plan":{"respondBy":"2026-12-02T21:18:46.0337738+00:00","resolveBy":"2026-12-04T20:18:46.0337738+00:00","rule":"urgent","clock":"business","respond":"1h","resolve":"48h","respondWarnAt":"2026-12-02T21:06:46.0337738+00:00","resolveWarnAt":"2026-12-04T10:42:46.0337738+00:00","startLevel":1,"ladder":[{"level":1,"role":"supervisor 主管"},{"level":2,"role":"manager 经理","after":"2h"},{"level":3,"role":"director 总监","after":"4h"}],"paused":"00:00:00","topLevel":3},"escalationLevel":0,"department":"财务部","sla":[{"type":"sla.applied","target":"response","rule":"urgent","dueAt":"2026-12-02T21:18:46.0337738+00:00","at":"2026-12-02T20:18:46.3963489+00:00","detail":"1h"},{"type":"sla.applied","target":"resolution","rule":"urgent","dueAt":"2026-12-04T20:18:46.0337738+00:00","at":"2026-12-02T20:18:46.3963489+00:00","detail":"48h"}],"escalations":[],"messages":[],"warnings":[],"reopens":0,"history":[{"at":"2026-12-02T20:18:46.0337738+00:00","kind":"created","actor":"webform"},{"at":"2026-12-02T20:18:46.3963489+00:00","kind":"triaged","actor":"system","message":"投诉 · urgency High · rule urgent · respond by 2026-12-02 21:18:46Z · resolve by 2026-12-04 20:18:46Z · 财务部"}],"followUps":[],"breachesAt":"2026-12-02T21:18:46.0337738+00:00"}
""";
}
