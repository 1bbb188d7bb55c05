using System.Diagnostics;
using System.Net.Http.Json;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Local.Storage;
using Feedback.Testing;

/// <summary>
/// Erasure and retention at scale. A SQLite store holds N closed tickets (20,000 by default) closed 200 days ago,
/// each with a contact, every tenth with a file reference; 1,000 more belong to one customer. Then, on the local host
/// over HTTP: that customer's erasure, and one retention pass (every other contact past 180 days), timed, while a
/// client posts web forms at 50/s so the cost to intake shows. Usage: <c>-- privacy [tickets]</c>.
/// </summary>
internal static class PrivacyBench
{
    public static async Task<int> RunAsync(int count)
    {
        var data = Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N"));
        var closedAt = DateTimeOffset.UtcNow.AddDays(-200);
        var watch = Stopwatch.StartNew();
        using (var store = new SqliteStore(Path.Combine(data, "feedback.db")))
        {
            for (var done = 0; done < count + 1000; done += 2000)
            {
                var created = new List<Task<IntakeOutcome>>();
                for (var i = done; i < Math.Min(done + 2000, count + 1000); i++)
                {
                    var contact = i < 1000 ? "13800009999" : $"139{i:D8}";
                    var ticket = new Ticket
                    {
                        Number = "", Channel = "webform", ReceivedAt = closedAt.AddDays(-1), Status = TicketStatus.Closed, ClosedAt = closedAt,
                        Feedback = new FeedbackItem($"第 {i} 条：退款还没到，我叫测试{i}", "测**", Feedback.Domain.Masking.Mask.Contact(contact), null, null, null)
                        {
                            Attachments = i % 10 == 0 ? [new AttachmentRef(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), "s.png", "image/png", 10)] : null,
                        },
                        Contact = new ProtectedContact($"测试{i}", contact),
                    };
                    created.Add(store.CreateAsync(new TicketDraft(ticket, DateOnly.FromDateTime(ticket.ReceivedAt.UtcDateTime), [],
                        FeedbackEvent.For(ticket, TicketEventTypes.Created, ticket.ReceivedAt)), default));
                }
                await Task.WhenAll(created);
            }
        }
        Console.WriteLine($"stored {count + 1000:N0} closed tickets in {watch.Elapsed.TotalSeconds:0.0} s");

        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Reports:Schedule"] = "off", ["Retention:Interval"] = "1.00:00:00",
        }, data);
        using var load = new CancellationTokenSource();
        var latencies = new List<double>();
        var posting = Task.Run(async () =>
        {
            var n = 0;
            while (!load.IsCancellationRequested)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await host.PostJsonAsync("api/channels/webform", new { content = $"第{n++}条：页面打不开", contact = $"137{n:D8}" });
                if (response.IsSuccessStatusCode) lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                await Task.Delay(20);
            }
        });

        watch.Restart();
        using var erase = await host.PostJsonAsync("api/customers/erase", new { contact = "13800009999" });
        var receipt = await RunningHost.ReadJsonAsync(erase);
        Console.WriteLine($"erased one customer's {receipt["tickets"]!.AsArray().Count:N0} tickets ({receipt["attachments"]} files) in {watch.Elapsed.TotalSeconds:0.00} s");

        watch.Restart();
        using var pass = await host.Http.PostAsync("api/retention/run", null);
        var result = await RunningHost.ReadJsonAsync(pass);
        var seconds = watch.Elapsed.TotalSeconds;
        var contacts = result["contacts"]!.GetValue<int>();
        Console.WriteLine($"retention pass: {contacts:N0} contacts erased in {seconds:0.0} s ({contacts / seconds:N0}/s); files: {result["attachments"]} tickets");
        await load.CancelAsync();
        await posting;
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"web-form posts meanwhile: {sorted.Length:N0}, p50 {sorted[sorted.Length / 2]:0.0} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:0.0} ms, max {sorted[^1]:0.0} ms");
        var again = await RunningHost.ReadJsonAsync(await host.Http.PostAsync("api/retention/run", null));
        Console.WriteLine($"a second pass: {again["contacts"]} contacts (nothing left)");
        return contacts == count && again["contacts"]!.GetValue<int>() == 0 ? 0 : 1;
    }
}
