using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Feedback.Local.Security;
using Feedback.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>
/// The audit trail records who read a contact, exported, changed a policy or erased, when and from where, and
/// cannot be changed; the retention policy's timer erases contacts 180 days after closure and files after 365,
/// by the host's (fake) clock.
/// </summary>
public sealed class AuditAndRetentionTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 9, 9, 9, 9];

    [Fact]
    public async Task Contact_reads_exports_policy_changes_and_erasures_are_recorded_with_who_and_where_in_an_append_only_trail()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" });
        var keys = host.App.Services.GetRequiredService<ApiKeys>();
        var agent = (await keys.CreateAsync("李客服", "agent", null, TestCallers.Admin, default)).Value.Secret;
        var analyst = (await keys.CreateAsync("赵分析", "analyst", null, TestCallers.Admin, default)).Value.Secret;
        var admin = (await keys.CreateAsync("王管理", "admin", null, TestCallers.Admin, default)).Value.Secret;
        var number = await host.SubmitAsync(new { content = "发票抬头错了", name = "钱七", contact = "13700001234" });

        Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Get, $"api/tickets/{number}", agent));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Get, $"api/tickets/{number}", analyst)); // sees no contact: nothing to audit
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Get, $"api/reports/tickets.csv?from={today}&to={DateTime.UtcNow.AddHours(32):yyyy-MM-dd}", analyst));
        using var read = new HttpRequestMessage(HttpMethod.Get, "api/routing") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", analyst) } };
        using var current = await host.Http.SendAsync(read);
        var routing = await current.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Put, "api/routing", admin, routing));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Post, "api/customers/erase", admin, """{"contact":"13700001234"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(host, HttpMethod.Get, "api/audit?after=0", analyst));

        var all = await AuditAsync(host, admin, 0);
        // The three keys were made first, each recorded by the key service itself.
        Assert.Equal(["key.create", "key.create", "key.create"], all.Take(3).Select(e => Text(e, "action")));
        var entries = all.Skip(3).ToList();
        var rows = entries.Select(e => (Text(e, "actor"), Text(e, "role"), Text(e, "action"), Text(e, "address"))).ToList();
        Assert.Equal(
        [
            ("李客服", "agent", "contact.read", "127.0.0.1"),
            ("赵分析", "analyst", "export", "127.0.0.1"),
            ("王管理", "admin", "policy.change", "127.0.0.1"),
            ("王管理", "admin", "customer.erase", "127.0.0.1"),
        ], rows);
        Assert.Equal($"ticket:{number}", Text(entries[0], "target"));
        Assert.Equal("routing", Text(entries[2], "target"));
        Assert.All(entries, e => Assert.True(DateTimeOffset.Parse(Text(e, "at")) > DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.DoesNotContain("13700001234", string.Join("", entries.Select(e => e.ToJsonString())));

        // Paging: after the second entry come the other two, in order.
        var after = entries[1]["sequence"]!.GetValue<long>();
        Assert.Equal(["policy.change", "customer.erase"], (await AuditAsync(host, admin, after)).Select(e => Text(e, "action")));

        // Not even the program's own connection may change or cut the trail.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "feedback.db")};Pooling=false");
        connection.Open();
        foreach (var sql in new[] { "UPDATE audit SET doc = '{}'", "DELETE FROM audit" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", refused.Message);
        }
        Assert.Equal(7, (await AuditAsync(host, admin, 0)).Count);
    }

    [Fact]
    public async Task Every_settings_change_is_one_policy_change_entry_and_a_refused_one_is_none()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" });
        var admin = (await host.App.Services.GetRequiredService<ApiKeys>().CreateAsync("王管理", "admin", null, TestCallers.Admin, default)).Value.Secret;
        async Task<string> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", admin) } };
            using var response = await host.Http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }
        var puts = new (string Path, string Body)[]
        {
            ("api/sla/policy", """{"preset":"default"}"""),
            ("api/routing", await GetAsync("api/routing")),
            ("api/sla/calendar", """{"days":[{"date":"2026-12-24","name":"年会","isOffDay":true}]}"""),
            ("api/keywords", await GetAsync("api/keywords")),
            ("api/closed-loop/causes", await GetAsync("api/closed-loop/causes")),
            ("api/warnings/rules", await GetAsync("api/warnings/rules")),
        };
        foreach (var (path, body) in puts)
            Assert.Equal(HttpStatusCode.OK, await SendAsync(host, HttpMethod.Put, path, admin, body));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(host, HttpMethod.Put, "api/routing", admin, """{"rules":[]}"""));

        var changes = (await AuditAsync(host, admin, 0)).Where(e => Text(e, "action") == "policy.change").ToList();
        Assert.Equal(["sla/policy", "routing", "sla/calendar", "keywords", "closed-loop/causes", "warnings/rules"], changes.Select(e => Text(e, "target")));
        Assert.All(changes, e => Assert.Equal("王管理", Text(e, "actor")));
    }

    [Fact]
    public async Task The_retention_timer_erases_the_contact_180_days_after_closure_and_the_files_after_365()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Reports:Schedule"] = "off", ["Warnings:Interval"] = "1.00:00:00", ["Retention:Interval"] = "00:00:00.200",
        }, time: time);
        var closed = await host.SubmitWithScreenshotAsync("请问怎么修改收货地址？", "孙八", "13600005678", Png);
        var open = await host.SubmitAsync(new { content = "还没人联系我", name = "周九", contact = "13600009999" });
        await host.WaitForTicketAsync(closed, t => t["analysis"] is not null, "triage");
        using (var resolved = await host.PostJsonAsync($"api/tickets/{closed}/resolve", Resolutions.Body("王", "已修改"))) Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await RateAsync(host, closed, "满意");
        await host.WaitForTicketAsync(closed, t => RunningHost.Text(t["status"]) == "closed", "closed");
        var file = RunningHost.Text((await host.TicketAsync(closed))["feedback"]!["attachments"]![0]!["id"]);

        time.Advance(TimeSpan.FromDays(179));
        await Task.Delay(1000);
        Assert.Equal("13600005678", RunningHost.Text((await host.TicketAsync(closed))["contact"]!["value"]));

        time.Advance(TimeSpan.FromDays(2));
        var erased = await host.WaitForTicketAsync(closed, t => t["contactErasedAt"] is not null, "contact erased by retention", 10);
        Assert.Null(erased["contact"]);
        Assert.Equal("****5678", RunningHost.Text(erased["feedback"]!["contact"]));
        using (var kept = await host.Http.GetAsync($"api/attachments/{file}")) Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("13600009999", RunningHost.Text((await host.TicketAsync(open))["contact"]!["value"]));

        time.Advance(TimeSpan.FromDays(185));
        await host.WaitForTicketAsync(closed, t => t["attachmentsErasedAt"] is not null, "files erased by retention", 10);
        // The ticket says so once its write commits; the pass deletes the files once the write is acknowledged,
        // and audits itself last. Once the pass is in the audit trail, the file is gone.
        var passes = await RetentionPassesAsync(host, 2);
        using (var gone = await host.Http.GetAsync($"api/attachments/{file}")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("13600009999", RunningHost.Text((await host.TicketAsync(open))["contact"]!["value"]));

        Assert.Equal(2, passes.Count);
        Assert.All(passes, e => Assert.Equal("system:retention", Text(e!, "actor")));
        Assert.Equal(2, (await host.EventsAsync(closed)).Count(e => RunningHost.Text(e["type"]) == "ticket.erased"));
    }

    private static string Text(JsonNode node, string name) => RunningHost.Text(node[name]);

    private static async Task<List<JsonNode?>> RetentionPassesAsync(RunningHost host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var audit = (await host.GetJsonAsync("api/audit?after=0"))["entries"]!.AsArray();
            var passes = audit.Where(e => Text(e!, "action") == "retention.erase").ToList();
            if (passes.Count >= count || DateTime.UtcNow > deadline) return passes;
            await Task.Delay(50);
        }
    }

    private static async Task<List<JsonNode>> AuditAsync(RunningHost host, string key, long after)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/audit?after={after}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await host.Http.SendAsync(request);
        return (await RunningHost.ReadJsonAsync(response))["entries"]!.AsArray().Select(e => e!).ToList();
    }

    private static async Task<HttpStatusCode> SendAsync(RunningHost host, HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task RateAsync(RunningHost host, string number, string verdict)
    {
        var task = await Eventually.GetAsync(async () => (await host.EventsAsync(number)).FirstOrDefault(e => RunningHost.Text(e["type"]) == "customer.contact-requested"),
            e => e is not null, TimeSpan.FromSeconds(15), "the contact task");
        var token = RunningHost.Text(task!["detail"]).Split("/s/")[1];
        using var rated = await host.PostJsonAsync($"api/tickets/{number}/satisfaction", new { token, verdict });
        Assert.True(rated.StatusCode == HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
    }
}
