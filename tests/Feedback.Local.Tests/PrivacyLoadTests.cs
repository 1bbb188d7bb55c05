using System.Net;
using System.Text.Json.Nodes;
using Feedback.Testing;
using Xunit.Abstractions;

namespace Feedback.Local.Tests;

/// <summary>
/// Erasure and retention at volume, across a restart, over HTTP: 300 customers, 50 of them erased on request at
/// once, every ticket closed, the host restarted before their retention is due; the second host's timer erases the
/// other 250 contacts and then the files, each exactly once, and the database file keeps none of the 300 numbers.
/// </summary>
public sealed class PrivacyLoadTests(ITestOutputHelper output)
{
    private const int Customers = 300;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 5, 5, 5, 5];

    [Fact]
    public async Task Three_hundred_customers_fifty_erased_at_once_the_rest_by_retention_after_a_restart_each_once()
    {
        var data = RunningHost.NewDataDirectory();
        var settings = RunningHost.Sla(TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        settings["Reports:Schedule"] = "off";
        settings["Retention:Contacts"] = "00:00:06";
        settings["Retention:Attachments"] = "00:00:09";
        settings["Retention:Interval"] = "00:00:00.500";
        static string Phone(int i) => $"1390000{i:D4}";
        var numbers = new string[Customers];
        var requested = Enumerable.Range(0, Customers).Where(i => i % 6 == 0).ToList();
        try
        {
            await using (var first = await RunningHost.StartAsync(settings, data))
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                    numbers[i] = i % 10 == 0
                        ? await first.SubmitWithScreenshotAsync($"第{i}号订单付款失败，截图如下", $"客户{i}", Phone(i), [.. Png, (byte)i, (byte)(i >> 8)])
                        : await first.SubmitAsync(new { content = $"请问第{i}号订单的发票怎么开？", name = $"客户{i}", contact = Phone(i) }));

                var started = DateTimeOffset.UtcNow;
                var receipts = new System.Collections.Concurrent.ConcurrentBag<JsonNode>();
                await Parallel.ForEachAsync(requested, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                {
                    using var erase = await first.PostJsonAsync("api/customers/erase", new { contact = Phone(i) });
                    Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
                    receipts.Add(await RunningHost.ReadJsonAsync(erase));
                });
                output.WriteLine($"{requested.Count} customers erased on request, 16 at a time, in {(DateTimeOffset.UtcNow - started).TotalMilliseconds:0} ms");
                Assert.All(receipts, r => Assert.Single(r["tickets"]!.AsArray()));

                await Eventually.GetAsync(() => first.GetJsonAsync("api/health"), h => h["parts"]?["workflows"]?["backlog"]?["untriaged"]?.GetValue<int>() == 0, TimeSpan.FromSeconds(60), "triage");
                await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
                {
                    using var r = await first.PostJsonAsync($"api/tickets/{n}/resolve", Resolutions.Body("王", "已处理"));
                    Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                });
                // No one answers within the second's window: every ticket closes as no-answer.
                await Eventually.GetAsync(async () => (await first.GetJsonAsync("api/tickets?status=closed&limit=1000"))["tickets"]!.AsArray().Count,
                    c => c == Customers, TimeSpan.FromSeconds(60), "every ticket closed");
            }

            // The second host finds every contact still due (the first stopped before any was) and erases them on its timer.
            await using var second = await RunningHost.StartAsync(settings, data);
            var tickets = await Eventually.GetAsync(async () => await Task.WhenAll(numbers.Select(n => second.TicketAsync(n))),
                all => all.All(t => t["contactErasedAt"] is not null && (t["feedback"]!["attachments"] is null)), TimeSpan.FromSeconds(60), "contacts and files erased");
            var late = tickets.Where((_, i) => !requested.Contains(i))
                .Select(t => (t["contactErasedAt"]!.GetValue<DateTimeOffset>() - t["closedAt"]!.GetValue<DateTimeOffset>() - TimeSpan.FromSeconds(6)).TotalMilliseconds)
                .Order().ToList();
            output.WriteLine($"retention erased {late.Count} contacts after the restart; past their due time by p50 {late[late.Count / 2]:0} ms, max {late[^1]:0} ms");
            Assert.All(late, l => Assert.True(l >= 0, "a contact was erased before its time"));
            Assert.All(tickets, t => Assert.Null(t["contact"]));

            // The files too, while the host runs: the erasures folded the log, so no page or old log frame keeps a number.
            var phones = Enumerable.Range(0, Customers).Select(i => System.Text.Encoding.UTF8.GetBytes(Phone(i))).ToList();
            var folded = await Eventually.GetAsync(async () =>
            {
                var held = 0;
                foreach (var file in new[] { "feedback.db", "feedback.db-wal" }.Select(f => Path.Combine(data, f)).Where(File.Exists))
                {
                    var bytes = await File.ReadAllBytesAsync(file);
                    held += phones.Count(p => bytes.AsSpan().IndexOf(p) >= 0);
                }
                return held;
            }, held => held == 0, TimeSpan.FromSeconds(10), "no raw number in the database files");
            output.WriteLine($"database files: {folded} of {Customers} raw numbers left after the erasures");

            var erasures = (await second.EventsAsync()).Where(e => RunningHost.Text(e["type"]) == "ticket.erased").ToList();
            var byTicket = erasures.GroupBy(e => RunningHost.Text(e["ticketNumber"])).ToDictionary(g => g.Key, g => g.Select(e => RunningHost.Text(e["detail"])).ToList());
            Assert.Equal(Customers, byTicket.Count);
            for (var i = 0; i < Customers; i++)
            {
                // Erased on request: contact and files in one go. Otherwise: the contact, then (with a file) the files.
                string[] expected = requested.Contains(i) || i % 10 != 0 ? ["contact"] : ["contact", "attachments"];
                Assert.Equal(expected, byTicket[numbers[i]]);
            }
            output.WriteLine($"ticket.erased events: {erasures.Count} for {Customers} tickets, none twice");

            // Every page of the trail: the polling above read each ticket view many times, and each read of a contact is in it.
            var audit = new List<JsonNode>();
            for (long after = 0; ;)
            {
                var page = await second.GetJsonAsync($"api/audit?after={after}&limit=1000");
                var entries = page["entries"]!.AsArray();
                if (entries.Count == 0) break;
                audit.AddRange(entries.Select(e => e!));
                after = page["next"]!.GetValue<long>();
            }
            Assert.Equal(requested.Count, audit.Count(e => RunningHost.Text(e["action"]) == "customer.erase"));
            Assert.Contains(audit, e => RunningHost.Text(e["action"]) == "retention.erase");
            Assert.Equal(audit.Count, audit.Select(e => e["sequence"]!.GetValue<long>()).Distinct().Count());
            output.WriteLine($"audit trail: {audit.Count} entries, {audit.Count(e => RunningHost.Text(e["action"]) == "contact.read")} contact reads, sequences unique");
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }
}
