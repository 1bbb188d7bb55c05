using System.Net;
using Feedback.Testing;
using Xunit.Abstractions;

namespace Feedback.Local.Tests;

/// <summary>
/// The closed loop at volume, across a restart: 300 resolved tickets each get one request by real SMTP; the host
/// restarts while they are open; after it, each gets exactly one reminder and closes as no-answer on time, and a
/// third of them answered meanwhile close on their verdict instead.
/// </summary>
public sealed class ClosedLoopLoadTests(ITestOutputHelper output)
{
    private const int Tickets = 300;

    [Fact]
    public async Task Three_hundred_requests_survive_a_restart_with_one_reminder_each_and_no_answer_on_time()
    {
        using var smtp = SmtpTestServer.Start();
        var data = RunningHost.NewDataDirectory();
        var settings = new Dictionary<string, string?>(smtp.Settings())
        {
            ["ClosedLoop:RemindAfter"] = "00:00:08", ["ClosedLoop:Window"] = "00:00:14",
            ["Sla:Rules:0:Respond"] = "01:00:00", ["Sla:Rules:0:Resolve"] = "1.00:00:00",
        };
        var numbers = new List<string>();
        var links = new Dictionary<string, string>();
        try
        {
            await using (var first = await RunningHost.StartAsync(settings, data))
            {
                for (var i = 0; i < Tickets; i++)
                    numbers.Add(await first.SubmitAsync(new { content = $"请问第 {i} 号订单的发票怎么开？", contact = $"c{i}@example.cn", externalId = $"load-{i}" }));
                await Eventually.GetAsync(() => first.GetJsonAsync("api/health"), h => h["parts"]?["workflows"]?["backlog"]?["untriaged"]?.GetValue<int>() == 0, TimeSpan.FromSeconds(60), "triage");
                var started = DateTimeOffset.UtcNow;
                await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
                {
                    using var r = await first.PostJsonAsync($"api/tickets/{n}/resolve", Resolutions.Body("王", "已发送开票指引"));
                    Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                });
                var mails = await Eventually.GetAsync(() => smtp.MessagesAsync(), m => m.Count >= Tickets, TimeSpan.FromSeconds(60), "every request mailed");
                output.WriteLine($"{Tickets} resolved and asked by SMTP in {(DateTimeOffset.UtcNow - started).TotalMilliseconds:0} ms");
                foreach (var m in mails) links[System.Text.RegularExpressions.Regex.Match(RunningHost.Text(m["subject"]), @"FB-\d{8}-\d{6}").Value] = System.Text.RegularExpressions.Regex.Match(RunningHost.Text(m["text"]), @"/s/[A-Za-z0-9_\-\.]+").Value;
                // Every request is on its ticket before the restart.
                await Eventually.GetAsync(async () => (await first.GetJsonAsync("api/tickets?status=resolved&limit=1000"))["tickets"]!.AsArray()
                    .Count(t => t!["closedLoop"]!["messages"]!.AsArray().Count == 1), c => c == Tickets, TimeSpan.FromSeconds(30), "requests recorded");
            }

            await using var second = await RunningHost.StartAsync(settings, data);
            var answered = numbers.Where((_, i) => i % 3 == 0).ToList();
            await Parallel.ForEachAsync(answered, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
            {
                using var r = await second.Http.PostAsync(links[n], new FormUrlEncodedContent(new Dictionary<string, string> { ["verdict"] = "1" }));
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            });

            var closed = await Eventually.GetAsync(async () => (await second.GetJsonAsync("api/tickets?status=closed&limit=1000"))["tickets"]!.AsArray(),
                c => c.Count == Tickets, TimeSpan.FromSeconds(60), "every ticket closed");
            var late = new List<double>();
            foreach (var t in closed)
            {
                var loop = t!["closedLoop"]!;
                var number = RunningHost.Text(t["number"]);
                if (answered.Contains(number))
                {
                    Assert.Equal("satisfied", RunningHost.Text(loop["closeReason"]));
                    continue;
                }
                Assert.Equal("no-answer", RunningHost.Text(loop["closeReason"]));
                Assert.Equal(["satisfaction-request", "satisfaction-reminder"], loop["messages"]!.AsArray().Select(m => RunningHost.Text(m!["template"])));
                late.Add((t["closedAt"]!.GetValue<DateTimeOffset>() - loop["survey"]!["expiresAt"]!.GetValue<DateTimeOffset>()).TotalMilliseconds);
            }
            var reminders = (await smtp.MessagesAsync()).Count(m => RunningHost.Text(m["subject"]).Contains("提醒", StringComparison.Ordinal));
            late.Sort();
            output.WriteLine($"after the restart: {answered.Count} closed on their verdict, {late.Count} as no-answer; {reminders} reminders; " +
                $"no-answer lateness p50 {late[late.Count / 2]:0} ms, p99 {late[(int)(late.Count * 0.99)]:0} ms, max {late[^1]:0} ms");
            Assert.InRange(reminders, late.Count, Tickets);
            Assert.InRange(late[^1], 0, 2000);
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }
}
