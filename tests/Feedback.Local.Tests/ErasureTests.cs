using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Feedback.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Tests;

/// <summary>
/// Erasure (删除个人信息) over HTTP on the local host: a customer's name, contact and files go from every ticket,
/// the masked record and the figures stay, asking again changes nothing; and no list, event, report, log line or
/// page of the database file holds a raw contact.
/// </summary>
public sealed class ErasureTests
{
    private const string Phone = "13812345678";
    private const string Email = "zhang.sanfeng@example.com";
    private const string Name = "张三丰";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 7, 7, 7, 7];

    [Fact]
    public async Task Erasing_by_contact_removes_the_name_contact_and_files_from_every_ticket_keeps_the_masked_record_and_is_idempotent()
    {
        await using var host = await RunningHost.StartAsync();
        var withFile = await host.SubmitWithScreenshotAsync("付款失败，截图在这里", Name, Phone, Png);
        var second = await host.SubmitAsync(new { content = $"还是没人回我，我的电话 {Phone}，我叫{Name}", name = Name, contact = Phone });
        var other = await host.SubmitAsync(new { content = "发票开错了", name = "李四", contact = "13900001111" });
        await host.WaitForTicketAsync(second, t => t["analysis"] is not null, "triage");
        var attachment = RunningHost.Text((await host.TicketAsync(withFile))["feedback"]!["attachments"]![0]!["id"]);
        using (var file = await host.Http.GetAsync($"api/attachments/{attachment}")) Assert.Equal(HttpStatusCode.OK, file.StatusCode);

        using var erase = await host.PostJsonAsync("api/customers/erase", new { contact = " 13812345678 ", reason = "客户要求删除 (PIPL 47)" });
        var receipt = await RunningHost.ReadJsonAsync(erase);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(new[] { withFile, second }.Order(), receipt["tickets"]!.AsArray().Select(RunningHost.Text));
        Assert.Equal(1, receipt["attachments"]!.GetValue<int>());
        Assert.False(receipt["alreadyErased"]!.GetValue<bool>());

        foreach (var number in new[] { withFile, second })
        {
            var ticket = await host.TicketAsync(number);
            var text = ticket.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.DoesNotContain(Phone, text);
            Assert.DoesNotContain(Name, text);
            Assert.Null(ticket["contact"]);
            Assert.Equal("****5678", RunningHost.Text(ticket["feedback"]!["contact"]));
            Assert.Equal("张**", RunningHost.Text(ticket["feedback"]!["customerName"]));
            Assert.Equal("erased", RunningHost.Text(ticket["history"]!.AsArray().Last()!["kind"]));
            Assert.NotNull(ticket["contactErasedAt"]);
        }
        Assert.Contains("我叫张**", RunningHost.Text((await host.TicketAsync(second))["feedback"]!["content"]));
        Assert.NotNull((await host.TicketAsync(second))["analysis"]);
        Assert.Null((await host.TicketAsync(withFile))["feedback"]!["attachments"]);
        using (var gone = await host.Http.GetAsync($"api/attachments/{attachment}")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("13900001111", RunningHost.Text((await host.TicketAsync(other))["contact"]!["value"]));

        using var again = await host.PostJsonAsync("api/customers/erase", new { contact = Phone });
        var repeat = await RunningHost.ReadJsonAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(repeat["alreadyErased"]!.GetValue<bool>());
        Assert.Equal(receipt["subject"]!.GetValue<string>(), repeat["subject"]!.GetValue<string>());
        Assert.Equal(receipt["tickets"]!.ToJsonString(), repeat["tickets"]!.ToJsonString());
        var erasedEvents = (await host.EventsAsync()).Where(e => RunningHost.Text(e["type"]) == "ticket.erased").ToList();
        Assert.Equal(2, erasedEvents.Count);

        var audit = (await host.GetJsonAsync("api/audit?after=0"))["entries"]!.AsArray();
        var erasures = audit.Where(e => RunningHost.Text(e!["action"]) == "customer.erase").ToList();
        Assert.Equal(2, erasures.Count);
        Assert.All(erasures, e => Assert.Equal("customer:" + receipt["subject"]!.GetValue<string>(), RunningHost.Text(e!["target"])));
        Assert.DoesNotContain(Phone, audit.ToJsonString());

        using var nobody = await host.PostJsonAsync("api/customers/erase", new { reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("contact", (await RunningHost.ReadJsonAsync(nobody))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Erasing_by_customer_id_removes_the_id_so_nothing_matches_the_customer_again()
    {
        await using var host = await RunningHost.StartAsync();
        var first = await host.SubmitAsync(new { content = "会员积分没到账", customerId = "member-88231", contact = Email });
        var second = await host.SubmitAsync(new { content = "积分还是没到", customerId = "member-88231" });

        using var erase = await host.Http.PostAsync("api/customers/member-88231/erase", null);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(new[] { first, second }.Order(), (await RunningHost.ReadJsonAsync(erase))["tickets"]!.AsArray().Select(RunningHost.Text));
        foreach (var number in new[] { first, second })
        {
            var text = (await host.TicketAsync(number)).ToJsonString();
            Assert.DoesNotContain("member-88231", text);
            Assert.DoesNotContain(Email, text);
        }

        // The customer writes again: a new ticket, which an erasure asked again finds alone.
        var later = await host.SubmitAsync(new { content = "我又来了，积分呢", customerId = "member-88231" });
        using var again = await host.Http.PostAsync("api/customers/member-88231/erase", null);
        Assert.Equal(new[] { first, second, later }.Order(), (await RunningHost.ReadJsonAsync(again))["tickets"]!.AsArray().Select(RunningHost.Text));
        Assert.Equal(3, (await host.EventsAsync()).Count(e => RunningHost.Text(e["type"]) == "ticket.erased"));
    }

    [Fact]
    public async Task No_list_event_report_export_log_line_or_database_page_carries_a_raw_contact()
    {
        var logs = new LogCollector();
        var data = RunningHost.NewDataDirectory();
        await using (var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), data,
            services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var byPhone = await host.SubmitAsync(new { content = $"快递丢了，找不到人，电话{Phone}", name = Name, contact = Phone });
            var byMail = await host.SubmitAsync(new { content = $"退款还没到，请发邮件到 {Email}", name = Name, contact = Email });
            await host.SubmitWithScreenshotAsync("支付失败截图", Name, Phone, Png);
            // Triage, the missed response deadline (escalation), a resolution and its satisfaction request: every event kind there is.
            await host.WaitForTicketAsync(byPhone, t => t["escalationLevel"]!.GetValue<int>() >= 1, "escalated", 20);
            using (var resolved = await host.PostJsonAsync($"api/tickets/{byMail}/resolve", Resolutions.Body("王", "已退款"))) Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            await Eventually.GetAsync(() => host.EventsAsync(byMail), e => e.Any(x => RunningHost.Text(x["type"]) == "customer.contact-requested"), TimeSpan.FromSeconds(15), "contact task");
            using (var evaluate = await host.Http.PostAsync("api/warnings/evaluate", null)) Assert.Equal(HttpStatusCode.OK, evaluate.StatusCode);
            var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
            var tomorrow = DateTime.UtcNow.AddHours(32).ToString("yyyy-MM-dd");

            string[] reads =
            [
                "api/tickets?limit=1000", "api/events?after=0&limit=1000", "api/sla/events?after=0", "api/warnings", "api/channels/health",
                $"api/reports/daily/{today}", $"api/reports/daily/{today}?format=csv", $"api/reports/daily/{today}?format=md",
                $"api/reports/tickets.csv?from={today}&to={tomorrow}", "api/improvements", "api/audit?after=0",
            ];
            foreach (var path in reads)
            {
                using var response = await host.Http.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
                AssertNoRaw(path, text);
            }
            Assert.NotEmpty(logs.Lines);
            AssertNoRaw("the logs", string.Join("\n", logs.Lines));
            // The ticket view does show it to an agent: the scan above would have seen it there.
            Assert.Contains(Phone, (await host.TicketAsync(byPhone)).ToJsonString());

            using var erase = await host.PostJsonAsync("api/customers/erase", new { contact = Phone });
            using var eraseMail = await host.PostJsonAsync("api/customers/erase", new { contact = Email });
            Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
            Assert.Equal(HttpStatusCode.OK, eraseMail.StatusCode);
            // While the host runs: an erasure folds the write-ahead log into the file, so no old frame keeps the text.
            // A background read may hold the fold off; it is tried again each second.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            string? held;
            while ((held = await RawInFilesAsync(data)) is not null && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(held is null, $"{held} after the erasure");
        }

        // The file itself, once the write-ahead log is folded in: no page of it holds what was erased.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "feedback.db")};Pooling=false"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        var bytes = await File.ReadAllBytesAsync(Path.Combine(data, "feedback.db"));
        foreach (var raw in new[] { Phone, Email, Name })
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(raw)) < 0, $"the database file still holds {raw}");
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(data, "attachments")), f => !Path.GetFileName(f).StartsWith('.'));
        RunningHost.TryDelete(data);
    }

    /// <summary>Which raw value which database file still holds, or null if none does.</summary>
    private static async Task<string?> RawInFilesAsync(string data)
    {
        foreach (var file in new[] { "feedback.db", "feedback.db-wal" }.Select(f => Path.Combine(data, f)).Where(File.Exists))
        {
            var live = await File.ReadAllBytesAsync(file);
            foreach (var raw in new[] { Phone, Email, Name })
                if (IndexOf(live, Encoding.UTF8.GetBytes(raw)) >= 0) return $"{Path.GetFileName(file)} still holds {raw}";
        }
        return null;
    }

    private static void AssertNoRaw(string where, string text)
    {
        var decoded = System.Text.RegularExpressions.Regex.Unescape(text);
        foreach (var raw in new[] { Phone, Email, Name })
            Assert.False(decoded.Contains(raw, StringComparison.OrdinalIgnoreCase), $"{where} carries {raw}: {Excerpt(decoded, raw)}");
    }

    private static string Excerpt(string text, string raw)
    {
        var at = text.IndexOf(raw, StringComparison.OrdinalIgnoreCase);
        return text.Substring(Math.Max(0, at - 120), Math.Min(240, text.Length - Math.Max(0, at - 120)));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
