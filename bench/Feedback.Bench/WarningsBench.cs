using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Feedback.Application.Common;
using Feedback.Application.Monitoring;
using Feedback.Application.Ports;
using Feedback.Application.Warnings;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Domain.Warnings;
using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Extensions.Options;

/// <summary>
/// Early warnings at scale. First: a SQLite store holding N tickets (1,000,000 by default) received over 7 days,
/// with their triaged events projected into the aggregates; then the timed evaluation of 100 rules, many times.
/// Second: the local host in its own process; the post that tips a failure burst over its threshold, to the
/// moment <c>warning.raised</c> is in the outbox. Usage: <c>-- warnings [tickets] [rules]</c>.
/// </summary>
internal static class WarningsBench
{
    public static async Task<int> RunAsync(int tickets, int ruleCount)
    {
        await EvaluationAsync(tickets, ruleCount);
        return await TipToRaisedAsync();
    }

    private static async Task EvaluationAsync(int count, int ruleCount)
    {
        var data = Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N"));
        using var store = new SqliteStore(Path.Combine(data, "feedback.db"));
        try
        {
            var now = DateTimeOffset.UtcNow;
            var start = now.AddDays(-7);
            var random = new Random(7);
            string[] phrases = [.. Enumerable.Range(0, 300).Select(i => $"话题{i}")];
            string[] terms = ["系统故障", "支付失败", "快递", "退款", "发票", "崩溃", "客服", "价格", "质量", "登录"];
            var natures = Enum.GetValues<Nature>();
            var types = Enum.GetValues<FeedbackType>();
            var watch = Stopwatch.StartNew();
            const int batch = 2000;
            for (var done = 0; done < count; done += batch)
            {
                var n = Math.Min(batch, count - done);
                var created = new List<Task<IntakeOutcome>>(n);
                var events = new List<FeedbackEvent>(n);
                for (var i = 0; i < n; i++)
                {
                    var at = start + TimeSpan.FromTicks((long)((now - start).Ticks * ((done + i) / (double)count)));
                    var ticket = new Ticket
                    {
                        Number = "", Channel = "webform", ReceivedAt = at,
                        Feedback = new FeedbackItem($"第 {done + i} 条反馈", null, null, null, null, at), Contact = new ProtectedContact(null, null),
                    };
                    created.Add(store.CreateAsync(new TicketDraft(ticket, DateOnly.FromDateTime(at.UtcDateTime), [],
                        FeedbackEvent.For(ticket, TicketEventTypes.Created, at)), default));
                    var facts = new TriageFacts(types[random.Next(types.Length)], natures[random.Next(natures.Length)], (SentimentLabel)random.Next(3),
                        [phrases[random.Next(phrases.Length)], phrases[random.Next(phrases.Length)]], [terms[random.Next(terms.Length)]], 0, random.Next(10) == 0);
                    events.Add(new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Triaged, $"T{done + i}", at, "webform") { Facts = facts, ReceivedAt = at });
                }
                await Task.WhenAll(created);
                await store.AppendAsync(events, default);
            }
            Console.WriteLine($"stored {count:N0} tickets and their triaged events over 7 days in {watch.Elapsed.TotalSeconds:0.0} s");

            var business = Options.Create(new BusinessOptions());
            watch.Restart();
            var projected = await new AggregateProjector(store, store, business).CatchUpAsync(default);
            Console.WriteLine($"projected {projected:N0} events into the aggregates in {watch.Elapsed.TotalSeconds:0.0} s ({projected / watch.Elapsed.TotalSeconds:N0} events/s)");

            var rules = Rules(ruleCount);
            var evaluator = new WarningEvaluator(store, new ChannelHealth(store, TimeProvider.System, business),
                new CustomerWatch(store, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CustomerWatch>.Instance), business);
            var times = new List<double>();
            var findings = 0;
            for (var i = 0; i < 30; i++)
            {
                watch.Restart();
                findings = (await evaluator.EvaluateAsync(rules, now, default)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(Percentiles.Line($"evaluation of {rules.Count} rules over {count:N0} stored tickets ({findings} findings)", times.Skip(5)));
        }
        finally
        {
            store.Dispose();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The shipped rules, then variants of them (other terms, factors, windows) up to the count.</summary>
    private static List<WarningRule> Rules(int count)
    {
        var rules = WarningRules.Default.ToList();
        for (var i = 0; rules.Count < count; i++)
        {
            var basis = WarningRules.Default[i % WarningRules.Default.Count];
            rules.Add(basis with
            {
                Id = $"{basis.Id}-{i}",
                Threshold = basis.Threshold * (1 + i % 5),
                BaselineFactor = basis.BaselineFactor + i % 3,
                Window = basis.Window <= TimeSpan.FromHours(2) ? TimeSpan.FromMinutes(10 + i % 50) : basis.Window,
                Terms = basis.Terms is null ? null : [.. basis.Terms, $"词{i}"],
            });
        }
        return rules;
    }

    private static async Task<int> TipToRaisedAsync()
    {
        using var server = ServerProcess.InTemp();
        await server.StartAsync();
        var latencies = new List<double>();
        var round = 0;
        foreach (var term in WarningRules.FailureTerms)
        {
            for (var i = 0; i < 4; i++) await PostAsync(server.Http, $"{term}了，第 {round}-{i} 次", $"138{round:00}{i:000000}");
            await Task.Delay(1500);
            var tipped = Stopwatch.StartNew();
            await PostAsync(server.Http, $"又{term}了，急！第 {round} 轮", $"139{round:00}000000");
            while (tipped.Elapsed < TimeSpan.FromSeconds(90))
            {
                var events = (await server.Http.GetFromJsonAsync<JsonNode>("api/events?after=0&limit=1000"))!["events"]!.AsArray();
                if (events.Any(e => e!["type"]!.GetValue<string>() == "warning.raised" && (e["detail"]?.GetValue<string>() ?? "").EndsWith($"系统故障集中反馈预警：{term}", StringComparison.Ordinal)))
                {
                    latencies.Add(tipped.Elapsed.TotalMilliseconds);
                    break;
                }
                await Task.Delay(20);
            }
            round++;
        }
        Console.WriteLine(Percentiles.Line("202 of the post that tips a failure burst → warning.raised", latencies));
        return latencies.Count == WarningRules.FailureTerms.Count ? 0 : 1;
    }

    private static async Task PostAsync(HttpClient http, string content, string contact)
    {
        using var response = await http.PostAsJsonAsync("api/channels/webform", new { content, contact });
        response.EnsureSuccessStatusCode();
    }
}
