using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Feedback.Testing;
using Xunit.Abstractions;

namespace Feedback.Local.Tests;

/// <summary>
/// The SLA engine with hundreds of tickets at once, across a restart: a recompute re-plans them all, the new
/// deadlines fire at their due time after the host comes back, paused tickets stay quiet, and resuming them works.
/// </summary>
public sealed class SlaLoadTests(ITestOutputHelper output)
{
    private const int Tickets = 300;
    private const int Paused = 100;

    [Fact]
    public async Task Recompute_of_hundreds_of_open_tickets_then_a_restart_fires_every_new_deadline_on_time_and_none_while_paused()
    {
        var data = RunningHost.NewDataDirectory();
        var sla = RunningHost.Sla(TimeSpan.FromHours(1), TimeSpan.FromHours(48));
        var numbers = new List<string>();
        try
        {
            await using (var first = await RunningHost.StartAsync(sla, data))
            {
                for (var i = 0; i < Tickets; i += 50)
                    numbers.AddRange(await Task.WhenAll(Enumerable.Range(i, 50).Select(n =>
                        first.SubmitAsync(new { content = $"第 {n} 号订单的退款还没到账", contact = $"1380000{n:0000}" }))));
                await Task.WhenAll(numbers.Select(n => first.WaitForTicketAsync(n, t => t["deadlines"] is not null, "triage", 30)));
                await Task.WhenAll(numbers.Take(Paused).Select(async n =>
                {
                    using var r = await first.PostJsonAsync($"api/tickets/{n}/wait", new { agent = "王", reason = "third-party", message = "等待银行" });
                    Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                }));

                var watch = Stopwatch.StartNew();
                using var put = await first.Http.PutAsJsonAsync("api/sla/policy?recompute=true", new
                {
                    name = "fast",
                    rules = new[] { new { order = 1, name = "fast", respond = "00:00:12", resolve = "00:00:14" } },
                });
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                Assert.Equal(Tickets, (await RunningHost.ReadJsonAsync(put))["recomputed"]!.GetValue<int>());
                output.WriteLine($"recompute of {Tickets} open tickets answered in {watch.ElapsedMilliseconds} ms");
            }

            await using var second = await RunningHost.StartAsync(sla, data);
            var running = numbers.Skip(Paused).ToList();
            var escalated = await Task.WhenAll(running.Select(n =>
                second.WaitForTicketAsync(n, t => t["escalations"]!.AsArray().Count >= 2, "both targets escalated", 40)));

            // Every escalation at or after its new due time, and soon after it.
            var lateness = escalated.SelectMany(t => t["escalations"]!.AsArray())
                .Select(e => TimeSpan.Parse(RunningHost.Text(e!["overdueBy"]), System.Globalization.CultureInfo.InvariantCulture).TotalMilliseconds)
                .Order().ToList();
            Assert.All(lateness, ms => Assert.True(ms >= 0, "escalated before its due time"));
            var p99 = lateness[(int)(lateness.Count * 0.99) - 1];
            output.WriteLine($"after the restart: {lateness.Count} escalations, lateness p50 {lateness[lateness.Count / 2]:0} ms, p99 {p99:0} ms, max {lateness[^1]:0} ms");
            Assert.True(p99 <= 1000, $"p99 lateness {p99} ms");
            Assert.All(escalated, t => Assert.Equal("fast", RunningHost.Text(t["deadlines"]!["rule"])));

            // The paused ones: past their new resolution deadline, yet neither breached nor escalated.
            var paused = await Task.WhenAll(numbers.Take(Paused).Select(n => second.TicketAsync(n)));
            Assert.All(paused, t => Assert.Equal((0, false, "waiting"), (t["escalationLevel"]!.GetValue<int>(), t["breached"]!.GetValue<bool>(), RunningHost.Text(t["status"]))));

            // Resuming them moves each deadline by its paused time, and the clock runs again.
            var resumed = await Task.WhenAll(numbers.Take(Paused).Select(async n =>
            {
                using var r = await second.PostJsonAsync($"api/tickets/{n}/resume", new { agent = "王" });
                return await RunningHost.ReadJsonAsync(r);
            }));
            Assert.All(resumed, t => Assert.True(t["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow, "the moved deadline lies ahead"));
            await Task.WhenAll(numbers.Take(Paused).Select(n =>
                second.WaitForTicketAsync(n, t => t["escalationLevel"]!.GetValue<int>() == 1, "escalation at the moved deadline", 40)));
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }
}
