using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>The closed loop's other paths: no answer, the link's refusals, delivery failures, praise, the hotline, improvements.</summary>
public sealed class ClosedLoopTests
{
    private const string HotlineSecret = "hotline-loop-secret";

    [Fact]
    public async Task An_unanswered_request_gets_one_reminder_then_closes_as_no_answer_and_its_link_has_expired()
    {
        using var smtp = SmtpTestServer.Start();
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["ClosedLoop:RemindAfter"] = "00:00:01", ["ClosedLoop:Window"] = "00:00:03" };
        await using var host = await RunningHost.StartAsync(settings);
        var number = await host.SubmitAsync(new { content = "请问发票怎么开？", name = "王五", contact = "wangwu@example.cn" });
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        using var _ = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("李", "已发送开票指引"));

        var closed = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing without an answer", 15);
        Assert.Equal(("no-answer", "no-answer"), (RunningHost.Text(closed["satisfaction"]), RunningHost.Text(closed["closedLoop"]!["closeReason"])));
        Assert.Equal(["satisfaction-request", "satisfaction-reminder"], closed["closedLoop"]!["messages"]!.AsArray().Select(m => RunningHost.Text(m!["template"])));
        var mails = await smtp.MessagesAsync();
        Assert.Equal(2, mails.Count);
        Assert.Contains("提醒", RunningHost.Text(mails[1]["subject"]));
        Assert.DoesNotContain((await host.EventsAsync(number)), e => RunningHost.Text(e["type"]) == "ticket.rated");

        var link = System.Text.RegularExpressions.Regex.Match(RunningHost.Text(mails[0]["text"]), @"http://\S+/s/[A-Za-z0-9_\-\.]+").Value;
        using var expired = await host.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("过期", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forged_another_tickets_and_reused_tokens_are_refused_and_record_nothing()
    {
        await using var host = await RunningHost.StartAsync();
        var a = await ResolvedAsync(host, "请问会员积分怎么用？");
        var b = await ResolvedAsync(host, "请问怎么修改收货地址？");
        var tokenA = await TokenAsync(host, a);
        var before = (await host.TicketAsync(a))["history"]!.AsArray().Count;

        var forged = tokenA[..^2] + (tokenA[^2] == 'A' ? "BB" : "AA");
        Assert.Equal(HttpStatusCode.NotFound, (await RateAsync(host, a, forged, "满意")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/s/{forged}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/s/not-a-token")).StatusCode);
        var other = await RateAsync(host, b, tokenA, "不满意");
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.NotNull(other.Body["errors"]!["token"]);
        var badVerdict = await RateAsync(host, a, tokenA, "还行");
        Assert.NotNull(badVerdict.Body["errors"]!["verdict"]);
        Assert.Equal(before, (await host.TicketAsync(a))["history"]!.AsArray().Count);
        Assert.Equal("resolved", RunningHost.Text((await host.TicketAsync(b))["status"]));

        var rated = await RateAsync(host, a, tokenA, "基本满意");
        Assert.Equal(HttpStatusCode.OK, rated.Status);
        Assert.Equal(HttpStatusCode.Gone, (await RateAsync(host, a, tokenA, "不满意")).Status);
        var closed = await host.WaitForTicketAsync(a, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(("基本满意", "basically-satisfied", "基本满意"), (RunningHost.Text(closed["satisfaction"]), RunningHost.Text(closed["closedLoop"]!["closeReason"]), RunningHost.Text(closed["closedLoop"]!["reviewReason"])));
        Assert.Single(await host.EventsAsync(a), e => RunningHost.Text(e["type"]) == "ticket.rated");
    }

    [Fact]
    public async Task A_refusing_smtp_server_ends_at_once_and_an_unreachable_one_after_its_retries_each_as_delivery_failed()
    {
        using var smtp = SmtpTestServer.Start();
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["ClosedLoop:Attempts"] = "3", ["ClosedLoop:FirstRetryDelay"] = "00:00:00.2" };
        await using var refusing = await RunningHost.StartAsync(settings);
        var number = await ResolvedAsync(refusing, "请问发票怎么开？", "refuse-me@example.cn");
        var failed = await refusing.WaitForTicketAsync(number, t => t["closedLoop"]!["messages"]!.AsArray().Count == 1, "the refusal recorded");
        var message = failed["closedLoop"]!["messages"]![0]!;
        Assert.Equal(("delivery-failed", 1), (RunningHost.Text(message["result"]), message["attempts"]!.GetValue<int>()));
        Assert.Contains("550", RunningHost.Text(message["detail"]));
        Assert.Contains(await refusing.EventsAsync(number), e => RunningHost.Text(e["type"]) == "customer.contact-requested");

        settings["Messaging:Smtp:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var down = await RunningHost.StartAsync(settings);
        var other = await ResolvedAsync(down, "请问发票怎么开？", "zhao@example.cn");
        var unreachable = await down.WaitForTicketAsync(other, t => t["closedLoop"]!["messages"]!.AsArray().Count == 1, "the failure recorded", 20);
        Assert.Equal(("delivery-failed", 3), (RunningHost.Text(unreachable["closedLoop"]!["messages"]![0]!["result"]), unreachable["closedLoop"]!["messages"]![0]!["attempts"]!.GetValue<int>()));
        Assert.Contains(await down.EventsAsync(other), e => RunningHost.Text(e["type"]) == "customer.delivery-failed");
    }

    [Fact]
    public async Task Praise_is_thanked_and_archived_and_a_suggestion_needs_its_feasibility()
    {
        await using var host = await RunningHost.StartAsync();
        var praise = await host.SubmitAsync(new { content = "客服小王处理问题非常高效，点赞！", contact = "13912345678" });
        await host.WaitForTicketAsync(praise, t => t["analysis"] is not null, "triage");
        using var _ = await host.PostJsonAsync($"api/tickets/{praise}/resolve", new { agent = "王", message = "已转达团队" });
        var archived = await host.WaitForTicketAsync(praise, t => RunningHost.Text(t["status"]) == "closed", "archiving");
        Assert.Equal("archived", RunningHost.Text(archived["closedLoop"]!["closeReason"]));
        Assert.Equal(["praise-thanks"], archived["closedLoop"]!["messages"]!.AsArray().Select(m => RunningHost.Text(m!["template"])));
        Assert.Null(archived["closedLoop"]!["survey"]);

        var suggestion = await host.SubmitAsync(new { content = "建议增加夜间模式，晚上看着太刺眼了" });
        var triaged = await host.WaitForTicketAsync(suggestion, t => t["analysis"] is not null, "triage");
        Assert.Equal("建议", RunningHost.Text(triaged["typeLabel"]));
        using var bare = await host.PostJsonAsync($"api/tickets/{suggestion}/resolve", new { agent = "王", message = "已提交产品部" });
        var problem = await RunningHost.ReadJsonAsync(bare);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.NotNull(problem["errors"]!["suggestion.feasibility"]);
        Assert.NotNull(problem["errors"]!["suggestion.decision"]);
        using var done = await host.PostJsonAsync($"api/tickets/{suggestion}/resolve", new
        {
            agent = "王", message = "已纳入需求池",
            suggestion = new { feasibility = "可行", decision = "纳入下版本迭代", plannedRelease = "2027-06" },
        });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("2027-06", RunningHost.Text((await RunningHost.ReadJsonAsync(done))["closedLoop"]!["suggestionOutcome"]!["plannedRelease"]));
    }

    [Fact]
    public async Task A_hotline_callback_key_press_rates_the_ticket_once()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:hotline"] = HotlineSecret });
        var number = await ResolvedAsync(host, "请问会员积分怎么用？");
        var callback = System.Text.Json.JsonSerializer.Serialize(new { callId = "cb-20261202-0001", ticketNumber = number, satisfactionKey = 1 });
        using var first = await host.PostSignedAsync("api/channels/hotline", callback, HotlineSecret);
        using var again = await host.PostSignedAsync("api/channels/hotline", callback, HotlineSecret);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True((await RunningHost.ReadJsonAsync(again))["duplicate"]!.GetValue<bool>());
        var closed = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(("满意", "hotline"), (RunningHost.Text(closed["satisfaction"]), RunningHost.Text(closed["closedLoop"]!["survey"]!["answeredBy"])));
        using var bad = await host.PostSignedAsync("api/channels/hotline", System.Text.Json.JsonSerializer.Serialize(new { callId = "cb-2", ticketNumber = number }), HotlineSecret);
        Assert.NotNull((await RunningHost.ReadJsonAsync(bad))["errors"]!["satisfactionKey"]);
    }

    [Fact]
    public async Task Improvement_actions_move_in_order_and_when_done_tell_the_customers_of_their_tickets()
    {
        await using var host = await RunningHost.StartAsync();
        var first = await host.SubmitAsync(new { content = "支付失败了，钱扣了订单没生成", contact = "13812345678" });
        var second = await host.SubmitAsync(new { content = "付款时系统故障，扣款两次", contact = "13912345678" });

        using var invalid = await host.PostJsonAsync("api/improvements", new { title = "修复支付回调", tickets = new[] { "FB-20990101-000001" } });
        var problem = await RunningHost.ReadJsonAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var field in new[] { "owner", "department", "dueDate", "successMeasure", "actor" }) Assert.NotNull(problem["errors"]![field]);

        using var created = await host.PostJsonAsync("api/improvements", new
        {
            title = "修复支付回调超时", owner = "赵工", department = "技术部", dueDate = "2026-12-20",
            successMeasure = "支付失败投诉周环比下降 80%", tickets = new[] { first, second }, actor = "客服主管",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = RunningHost.Text((await RunningHost.ReadJsonAsync(created))["id"]);
        Assert.Matches(@"^IA-\d{8}-0001$", id);

        using var early = await host.PostJsonAsync($"api/improvements/{id}/complete", new { actor = "赵工" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using var started = await host.PostJsonAsync($"api/improvements/{id}/start", new { actor = "赵工" });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Single((await host.GetJsonAsync("api/improvements?status=in-progress&department=技术部"))["improvements"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("api/improvements?status=proposed"))["improvements"]!.AsArray());

        using var done = await host.PostJsonAsync($"api/improvements/{id}/complete", new { actor = "赵工", note = "回调重试已上线", informCustomers = true });
        var action = await RunningHost.ReadJsonAsync(done);
        Assert.Equal(("done", true), (RunningHost.Text(action["status"]), action["informedAt"] is not null));
        Assert.Equal(["proposed", "in-progress", "done", "informed"], action["history"]!.AsArray().Select(h => RunningHost.Text(h!["kind"])));
        foreach (var number in new[] { first, second })
        {
            var ticket = await host.TicketAsync(number);
            Assert.Contains(ticket["closedLoop"]!["messages"]!.AsArray(), m => RunningHost.Text(m!["template"]) == "improvement-done");
            Assert.Single(await host.EventsAsync(number), e => RunningHost.Text(e["type"]) == "customer.informed");
        }
        using var informAgain = await host.PostJsonAsync($"api/improvements/{id}/inform", new { actor = "赵工" });
        Assert.Equal(HttpStatusCode.OK, informAgain.StatusCode);
        Assert.Single(await host.EventsAsync(first), e => RunningHost.Text(e["type"]) == "customer.informed");
        using var verified = await host.PostJsonAsync($"api/improvements/{id}/verify", new { actor = "客服主管", note = "两周无同类投诉" });
        Assert.Equal("verified", RunningHost.Text((await RunningHost.ReadJsonAsync(verified))["status"]));
        Assert.Equal(HttpStatusCode.Conflict, (await host.PostJsonAsync($"api/improvements/{id}/start", new { actor = "赵工" })).StatusCode);
        var feed = (await host.EventsAsync()).Where(e => RunningHost.Text(e["about"]) == $"improvement:{id}").Select(e => RunningHost.Text(e["type"]));
        Assert.Equal(["improvement.proposed", "improvement.in-progress", "improvement.done", "improvement.verified"], feed);
        Assert.Equal(id, RunningHost.Text((await host.GetJsonAsync($"api/improvements/{id}"))["id"]));
    }

    [Fact]
    public async Task The_root_cause_lists_are_editable_and_a_bad_list_names_its_field()
    {
        await using var host = await RunningHost.StartAsync();
        Assert.Contains("物流配送", (await host.GetJsonAsync("api/closed-loop/causes"))["stages"]!.AsArray().Select(v => v!.GetValue<string>()));
        using var bad = await host.Http.PutAsJsonAsync("api/closed-loop/causes", new { stages = new[] { "" }, directCauses = Array.Empty<string>(), rootCauses = Array.Empty<string>() });
        var problem = await RunningHost.ReadJsonAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(problem["errors"]!["stages"]);
        Assert.NotNull(problem["errors"]!["correctiveActions"]);
        using var good = await host.Http.PutAsJsonAsync("api/closed-loop/causes", new { stages = new[] { " 仓储 " }, directCauses = new[] { "漏发" }, rootCauses = new[] { "拣货流程" }, correctiveActions = new[] { "双人复核" } });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(["仓储"], (await host.GetJsonAsync("api/closed-loop/causes"))["stages"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    private static async Task<string> ResolvedAsync(RunningHost host, string content, string contact = "13812345678")
    {
        var number = await host.SubmitAsync(new { content, contact });
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        using var resolved = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "已处理"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        return number;
    }

    /// <summary>The link in the contact task the web form's phone number gets.</summary>
    private static async Task<string> TokenAsync(RunningHost host, string number)
    {
        var task = await Eventually.GetAsync(async () => (await host.EventsAsync(number)).FirstOrDefault(e => RunningHost.Text(e["type"]) == "customer.contact-requested"),
            e => e is not null, TimeSpan.FromSeconds(15), "the contact task");
        return RunningHost.Text(task!["detail"]).Split("/s/")[1];
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> RateAsync(RunningHost host, string number, string token, string verdict)
    {
        using var response = await host.PostJsonAsync($"api/tickets/{number}/satisfaction", new { token, verdict });
        return (response.StatusCode, await RunningHost.ReadJsonAsync(response));
    }
}
