using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>The SLA policy, routing and agent actions over HTTP on the local host: validation, every 409, and the SLA log.</summary>
public sealed class SlaApiTests
{
    private static async Task<JsonNode> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await RunningHost.ReadJsonAsync(response))["errors"]!;
    }

    [Fact]
    public async Task A_policy_is_validated_field_by_field_and_errors_name_the_rule()
    {
        await using var host = await RunningHost.StartAsync();

        using var noCatchAll = await host.Http.PutAsJsonAsync("api/sla/policy", new
        {
            name = "broken",
            rules = new object[]
            {
                new { order = 10, name = "complaints", match = new { types = new[] { "投诉" } }, respond = "soon" },
                new { order = 10, name = "complaints", match = new { urgencies = new[] { "urgent" }, channels = new[] { "fax" } }, respond = "1h", calendar = "lunar", startLevel = 9 },
                new { name = "x", respond = "1h" },
            },
            ladder = new object[] { new { level = 1, role = "主管", after = "1h" }, new { level = 3, role = "" } },
            warnAt = 1.5,
        });
        var errors = await ErrorsAsync(noCatchAll);
        foreach (var field in new[] { "rules[0].respond", "rules[1].match.urgencies", "rules[1].match.channels", "rules[1].calendar", "rules[2].order",
                     "ladder[0].after", "ladder[1].level", "ladder[1].role", "ladder[1].after", "warnAt" })
            Assert.True(errors[field] is not null, $"no error for {field}: {errors.ToJsonString()}");

        using var unreachable = await host.Http.PutAsJsonAsync("api/sla/policy", new
        {
            name = "unreachable",
            rules = new object[] { new { order = 100, name = "all", respond = "4h" }, new { order = 200, name = "late", match = new { types = new[] { "praise" } }, respond = "1h" } },
        });
        Assert.Contains("could never match", (await ErrorsAsync(unreachable))["rules[1].order"]![0]!.GetValue<string>());

        using var noRules = await host.Http.PutAsJsonAsync("api/sla/policy", new { name = "empty", rules = Array.Empty<object>() });
        Assert.NotNull((await ErrorsAsync(noRules))["rules"]);
        using var unknownPreset = await host.Http.PutAsJsonAsync("api/sla/policy", new { preset = "lunar" });
        Assert.Contains("analysis-template", (await ErrorsAsync(unknownPreset))["preset"]![0]!.GetValue<string>());

        var unchanged = await host.GetJsonAsync("api/sla/policy");
        Assert.Equal("default", RunningHost.Text(unchanged["policy"]!["name"]));
        Assert.Equal(5, unchanged["presets"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_preset_applies_to_new_tickets_at_once_and_recompute_replans_the_open_ones_from_their_receipt()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromHours(4), TimeSpan.FromHours(48)));
        var before = await host.SubmitAsync(new { content = "请问发票怎么开？", contact = "a@example.com" });
        var planned = await host.WaitForTicketAsync(before, t => t["deadlines"] is not null, "triage");
        Assert.Equal("rule-1", RunningHost.Text(planned["deadlines"]!["rule"]));

        using var put = await host.Http.PutAsJsonAsync("api/sla/policy?recompute=true", new { preset = "collection-plan" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, (await RunningHost.ReadJsonAsync(put))["recomputed"]!.GetValue<int>());

        var replanned = await host.GetJsonAsync($"api/tickets/{before}");
        var received = replanned["receivedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(received.AddHours(24), replanned["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal("replanned", RunningHost.Text(replanned["history"]!.AsArray().Last()!["kind"]));
        Assert.Contains(replanned["slaLog"]!.AsArray(), r => RunningHost.Text(r!["detail"]).Contains("recomputed under collection-plan"));

        var after = await host.SubmitAsync(new { content = "你们的客服电话是多少？", contact = "b@example.com" });
        var fresh = await host.WaitForTicketAsync(after, t => t["deadlines"] is not null, "triage");
        Assert.Equal(fresh["receivedAt"]!.GetValue<DateTimeOffset>().AddHours(48), fresh["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal("collection-plan", RunningHost.Text((await host.GetJsonAsync("api/sla/policy"))["policy"]!["name"]));
    }

    [Fact]
    public async Task Agent_actions_follow_the_flow_and_each_refusal_says_why()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromHours(1), TimeSpan.FromHours(48)));
        var number = await host.SubmitAsync(new { content = "快递三天了还没发货，怎么回事？", contact = "13812345678" });
        var triaged = await host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        Assert.Equal("供应链部", RunningHost.Text(triaged["department"]));

        async Task<(HttpStatusCode Status, JsonNode Body)> Post(string action, object body)
        {
            using var response = await host.PostJsonAsync($"api/tickets/{number}/{action}", body);
            return (response.StatusCode, await RunningHost.ReadJsonAsync(response));
        }
        var agent = new { agent = "王", message = "好的" };

        Assert.Equal(HttpStatusCode.Conflict, (await Post("resume", agent)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Post("reopen", agent)).Status);
        var badWait = await Post("wait", new { agent = "王", reason = "weather", message = "?" });
        Assert.Equal(HttpStatusCode.BadRequest, badWait.Status);
        Assert.NotNull(badWait.Body["errors"]!["reason"]);
        Assert.NotNull((await Post("assign", new { agent = "王" })).Body["errors"]!["owner"]);

        Assert.Equal(HttpStatusCode.OK, (await Post("wait", new { agent = "王", reason = "customer", message = "请提供订单号" })).Status);
        var waiting = await Post("respond", agent);
        Assert.Equal(HttpStatusCode.Conflict, waiting.Status);
        Assert.Contains("waiting for the customer", RunningHost.Text(waiting.Body["detail"]));
        Assert.Equal(HttpStatusCode.Conflict, (await Post("wait", new { agent = "王", reason = "third-party", message = "再等等" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Post("resume", new { agent = "王" })).Status);

        var assigned = await Post("assign", new { agent = "组长", owner = "李娜", department = "客服部" });
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Equal(("客服部", "李娜"), (RunningHost.Text(assigned.Body["department"]), RunningHost.Text(assigned.Body["owner"])));
        var mine = await host.GetJsonAsync("api/tickets?department=客服部&owner=李娜");
        Assert.Equal([number], mine["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        Assert.Empty((await host.GetJsonAsync("api/tickets?department=产品部"))["tickets"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await Post("resolve", Resolutions.Body("王", "好的"))).Status);
        await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(HttpStatusCode.Conflict, (await Post("resolve", Resolutions.Body("王", "好的"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Post("assign", new { agent = "组长", owner = "张" })).Status);

        var reopened = await Post("reopen", new { agent = "组长", message = "客户仍未收到货" });
        Assert.Equal(HttpStatusCode.OK, reopened.Status);
        Assert.Equal("responded", RunningHost.Text(reopened.Body["status"]));
        var view = await host.GetJsonAsync($"api/tickets/{number}");
        var resolution = view["sla"]!.AsArray().Single(t => RunningHost.Text(t!["target"]) == "resolution")!;
        Assert.True(resolution["metAt"] is null);
        Assert.True(TimeSpan.Parse(RunningHost.Text(resolution["remaining"]), System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.FromHours(47));

        var kinds = view["history"]!.AsArray().Select(h => (RunningHost.Text(h!["kind"]), RunningHost.Text(h["actor"]))).ToList();
        Assert.Equal([("waiting", "王"), ("resumed", "王"), ("assigned", "组长"), ("resolved", "王"), ("closed", "system"), ("reopened", "组长")],
            kinds.Where(k => k.Item1 is "waiting" or "resumed" or "assigned" or "resolved" or "closed" or "reopened"));

        // The reopened ticket's workflow runs again: resolving it closes it once more.
        Assert.Equal(HttpStatusCode.OK, (await Post("resolve", Resolutions.Body("王", "已补发"))).Status);
        await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing again");
    }

    [Fact]
    public async Task The_SLA_event_feed_carries_every_sla_entry_with_target_rule_and_due_time()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromSeconds(1), TimeSpan.FromHours(48)));
        var number = await host.SubmitAsync(new { content = "App 一直闪退，没法用", contact = "13900001111" });
        await host.WaitForTicketAsync(number, t => t["escalationLevel"]!.GetValue<int>() == 1, "escalation", 10);
        using var wait = await host.PostJsonAsync($"api/tickets/{number}/wait", new { agent = "李", reason = "third-party", message = "等待厂商回复" });
        using var resume = await host.PostJsonAsync($"api/tickets/{number}/resume", new { agent = "李" });

        var feed = await host.GetJsonAsync("api/sla/events?after=0&limit=1000");
        var mine = feed["events"]!.AsArray().Where(e => RunningHost.Text(e!["ticketNumber"]) == number).ToList();
        Assert.Equal(["sla.applied", "sla.applied", "sla.warning", "ticket.escalated", "sla.breached", "sla.met", "sla.paused", "sla.resumed"],
            mine.Select(e => RunningHost.Text(e!["type"])));
        Assert.All(mine, e => Assert.Equal("rule-1", RunningHost.Text(e!["sla"]!["rule"])));
        Assert.All(mine, e => Assert.NotNull(e!["sla"]!["dueAt"]));
        Assert.Equal("技术部", RunningHost.Text(mine[0]!["department"]));
        Assert.True(feed["next"]!.GetValue<long>() > 0);
        using var bad = await host.Http.GetAsync("api/sla/events?after=-1");
        Assert.NotNull((await ErrorsAsync(bad))["after"]);
    }

    [Fact]
    public async Task Routing_rules_are_data_validated_and_used_for_the_next_triage()
    {
        await using var host = await RunningHost.StartAsync();
        using var bad = await host.Http.PutAsJsonAsync("api/routing", new { rules = new object[] { new { order = 1, department = "", keywords = new[] { "" } } } });
        var errors = await ErrorsAsync(bad);
        Assert.NotNull(errors["rules[0].department"]);
        Assert.NotNull(errors["rules[0].keywords"]);

        using var good = await host.Http.PutAsJsonAsync("api/routing", new
        {
            rules = new object[]
            {
                new { order = 10, department = "物流部", owner = "赵六", keywords = new[] { "发货" } },
                new { order = 100, department = "客服部" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var number = await host.SubmitAsync(new { content = "快递三天了还没发货，怎么回事？", contact = "13812345678" });
        var routed = await host.WaitForTicketAsync(number, t => t["department"] is not null, "routing");
        Assert.Equal(("物流部", "赵六"), (RunningHost.Text(routed["department"]), RunningHost.Text(routed["owner"])));
        Assert.Equal(2, (await host.GetJsonAsync("api/routing"))["rules"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_paused_ticket_does_not_escalate_and_resuming_moves_its_deadline_by_the_paused_time()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromHours(1), TimeSpan.FromSeconds(3)));
        var number = await host.SubmitAsync(new { content = "账户被冻结了，无法提现", contact = "13700001111" });
        var triaged = await host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        var resolveBy = triaged["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>();

        using var wait = await host.PostJsonAsync($"api/tickets/{number}/wait", new { agent = "王", reason = "third-party", message = "等待银行回复" });
        Assert.Equal(HttpStatusCode.OK, wait.StatusCode);
        // Past the resolution deadline while paused: not breached, no escalation.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var paused = await host.GetJsonAsync($"api/tickets/{number}");
        Assert.Equal((0, false), (paused["escalationLevel"]!.GetValue<int>(), paused["breached"]!.GetValue<bool>()));
        Assert.True(paused["sla"]!.AsArray().Single(t => RunningHost.Text(t!["target"]) == "resolution")!["paused"]!.GetValue<bool>());
        Assert.Empty((await host.GetJsonAsync("api/tickets?breached=true"))["tickets"]!.AsArray());

        using var resume = await host.PostJsonAsync($"api/tickets/{number}/resume", new { agent = "王", message = "银行已回复" });
        var resumed = await RunningHost.ReadJsonAsync(resume);
        var pausedFor = resumed["deadlines"]!["paused"]!.GetValue<string>();
        var moved = resumed["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>();
        Assert.Equal(resolveBy + TimeSpan.Parse(pausedFor, System.Globalization.CultureInfo.InvariantCulture), moved);
        Assert.InRange(moved - resolveBy, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        // The moved deadline is what the clock now keeps: the breach comes at it, not before.
        var escalated = await host.WaitForTicketAsync(number, t => t["escalationLevel"]!.GetValue<int>() == 1, "escalation after resume", 10);
        var at = escalated["escalations"]!.AsArray().Single()!["at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(at, moved, moved.AddSeconds(2));
    }

    [Fact]
    public async Task A_rule_on_the_customer_tier_matches_the_tier_the_web_form_sends()
    {
        await using var host = await RunningHost.StartAsync();
        using var put = await host.Http.PutAsJsonAsync("api/sla/policy", new
        {
            name = "tiers",
            rules = new object[]
            {
                new { order = 10, name = "vip", match = new { tiers = new[] { "vip" } }, respond = "30m", resolve = "8h" },
                new { order = 100, name = "everyone", respond = "4h", resolve = "48h" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var vip = await host.SubmitAsync(new { content = "会员积分没有到账", contact = "vip@example.com", customerTier = "VIP" });
        var plain = await host.SubmitAsync(new { content = "会员积分没有到账了", contact = "plain@example.com" });
        using var tooLong = await host.PostJsonAsync("api/channels/webform", new { content = "x", contact = "a@example.com", customerTier = new string('v', 51) });

        Assert.Equal("vip", RunningHost.Text((await host.WaitForTicketAsync(vip, t => t["deadlines"] is not null, "triage"))["deadlines"]!["rule"]));
        Assert.Equal("everyone", RunningHost.Text((await host.WaitForTicketAsync(plain, t => t["deadlines"] is not null, "triage"))["deadlines"]!["rule"]));
        Assert.NotNull((await ErrorsAsync(tooLong))["customerTier"]);
    }
}
