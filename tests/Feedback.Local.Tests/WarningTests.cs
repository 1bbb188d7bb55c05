using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Feedback.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>
/// Early warnings over HTTP on the local host, with the clock injected: each default rule fires on traffic built for
/// it, continues as one warning, upgrades when its figure doubles, and goes through its states.
/// </summary>
public sealed class WarningTests
{
    private const string SocialSecret = "social-warning-secret";

    private static Dictionary<string, string?> Settings() => new()
    {
        // The tests evaluate when they choose; the host's own timer stays out of the way.
        ["Warnings:Interval"] = "1.00:00:00",
        ["Channels:Secrets:social"] = SocialSecret,
    };

    [Fact]
    public async Task A_failure_burst_is_one_severe_warning_that_marks_its_tickets_and_its_customers_hear_the_progress()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(Settings(), time: time);
        var numbers = new List<string>();
        for (var i = 0; i < 4; i++) numbers.Add(await TriagedAsync(host, $"APP 系统故障，打不开了，第 {i} 次", $"1381234{i:0000}"));
        Assert.DoesNotContain(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "failure-burst");

        numbers.Add(await TriagedAsync(host, "系统故障！！付不了款", "13812349999"));
        var burst = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "failure-burst");
        Assert.Equal(("严重", "raised", "failure-burst:系统故障"), (RunningHost.Text(burst["levelLabel"]), RunningHost.Text(burst["state"]), RunningHost.Text(burst["key"])));
        Assert.Equal(5, burst["figures"]!["count"]!.GetValue<double>());
        Assert.Equal(numbers.Order(), burst["tickets"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        var id = RunningHost.Text(burst["id"]);
        // The urgent keyword rule, decided at triage, is its own warning.
        Assert.Single((await host.GetJsonAsync("api/warnings?level=重要"))["warnings"]!.AsArray(), w => RunningHost.Text(w!["key"]) == "urgent-keyword:系统故障");

        // The burst continues over the next minutes: the same warning, seen again.
        time.Advance(TimeSpan.FromMinutes(3));
        await TriagedAsync(host, "系统故障，还是进不去", "13812348888");
        var again = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "failure-burst");
        // Seen again (the pass that ran as the ticket was triaged may have seen it too).
        Assert.Equal(id, RunningHost.Text(again["id"]));
        Assert.InRange(again["count"]!.GetValue<int>(), 2, 4);
        Assert.Single((await host.GetJsonAsync("api/warnings?level=严重"))["warnings"]!.AsArray());

        var ticket = await host.TicketAsync(numbers[0]);
        Assert.Equal([id], ticket["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Single((await host.EventsAsync()).Where(e => RunningHost.Text(e["about"]) == $"warning:{id}"), e => RunningHost.Text(e["type"]) == "warning.raised");

        // The flow: verify, assign (严重: due in 2 h), resolve telling the customers, review (复盘).
        Assert.Equal(HttpStatusCode.Conflict, (await MoveAsync(host, id, "resolve", new { actor = "值班经理" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(host, id, "verify", new { actor = "值班经理", note = "已确认为支付网关故障" })).Status);
        var assigned = await MoveAsync(host, id, "assign", new { actor = "值班经理", owner = "赵工", department = "技术部" });
        Assert.True(assigned.Status == HttpStatusCode.OK, assigned.Body.ToJsonString());
        Assert.Equal(time.GetUtcNow().AddHours(2), assigned.Body["dueAt"]!.GetValue<DateTimeOffset>());
        var resolved = await MoveAsync(host, id, "resolve", new { actor = "赵工", note = "支付网关已恢复", informCustomers = true });
        Assert.Equal("resolved", RunningHost.Text(resolved.Body["state"]));
        Assert.Contains((await host.TicketAsync(numbers[0]))["closedLoop"]!["messages"]!.AsArray(), m => RunningHost.Text(m!["template"]) == "incident-update");
        var missing = await MoveAsync(host, id, "review", new { actor = "技术总监" });
        Assert.NotNull(missing.Body["errors"]!["cause"]);
        var reviewed = await MoveAsync(host, id, "review", new { actor = "技术总监", cause = "证书过期", actions = "更换证书并加监控", lessons = "证书到期提醒", improvements = new[] { "IA-20261202-0001" } });
        Assert.Equal(("reviewed", "证书过期"), (RunningHost.Text(reviewed.Body["state"]), RunningHost.Text(reviewed.Body["review"]!["cause"])));
        Assert.Equal(["warning.raised", "warning.resolved"], (await host.EventsAsync()).Where(e => RunningHost.Text(e["about"]) == $"warning:{id}").Select(e => RunningHost.Text(e["type"])));

        // Once resolved, the same condition raises a new warning.
        for (var i = 0; i < 5; i++) await TriagedAsync(host, $"系统故障又来了 {i}", $"1391234{i:0000}");
        var next = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "failure-burst");
        Assert.NotEqual(id, RunningHost.Text(next["id"]));
    }

    [Fact]
    public async Task Waiting_mentions_continue_as_one_warning_for_an_hour_and_upgrade_when_they_double()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(Settings(), time: time);
        for (var i = 0; i < 5; i++) await TriagedAsync(host, $"订单 {i} 等了一周还没发货", $"1371234{i:0000}");
        var first = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "waiting-mentions");
        Assert.Equal("一般", RunningHost.Text(first["levelLabel"]));

        for (var minute = 10; minute <= 60; minute += 10)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            await TriagedAsync(host, $"还没到货，催了好几次了 {minute}", $"1361234{minute:0000}");
            await EvaluateAsync(host);
        }
        var warnings = (await host.GetJsonAsync("api/warnings"))["warnings"]!.AsArray().Where(w => RunningHost.Text(w!["ruleId"]) == "waiting-mentions").ToList();
        var only = Assert.Single(warnings)!;
        Assert.Equal(("重要", 7), (RunningHost.Text(only["levelLabel"]), only["count"]!.GetValue<int>()));
        Assert.Contains(only["history"]!.AsArray(), h => RunningHost.Text(h!["kind"]) == "upgraded");
        Assert.Single((await host.EventsAsync()).Where(e => RunningHost.Text(e["about"]) == $"warning:{RunningHost.Text(only["id"])}"), e => RunningHost.Text(e["type"]) == "warning.upgraded");
    }

    [Fact]
    public async Task Seven_days_of_ordinary_traffic_raise_nothing_severe_then_a_complaint_surge_over_the_same_hour_is_raised()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(Settings(), time: time);
        var random = new Random(20261202);
        string[] ordinary =
        [
            "请问发票怎么开？", "快递什么时候到？", "产品质量很好，点赞", "建议增加夜间模式", "退款多久到账？",
            "客服态度很好", "怎么修改收货地址", "会员积分怎么用", "包装有点破损", "价格能不能便宜点",
        ];
        for (var day = 0; day < 7; day++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var count = random.Next(0, 3);
                for (var i = 0; i < count; i++)
                {
                    // Ordinary days: almost everything is answered and resolved within the hour.
                    var number = await TriagedAsync(host, $"{ordinary[random.Next(ordinary.Length)]}（{day}-{hour}-{i}）", $"150{day}{hour:00}{i:0000}");
                    if (random.NextDouble() < 0.95) using (await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("客服", "已处理"))) { }
                }
                time.Advance(TimeSpan.FromHours(1));
                if (hour % 6 == 5)
                {
                    var severe = (await EvaluateAsync(host)).Where(w => RunningHost.Text(w["levelLabel"]) == "严重").ToList();
                    Assert.True(severe.Count == 0, string.Join("\n", severe.Select(w => w.ToJsonString())));
                }
            }
        }
        Assert.Empty((await host.GetJsonAsync("api/warnings?level=严重"))["warnings"]!.AsArray());

        // Day 8: logistics complaints pour in within the hour; the same hour averaged well under one a day before.
        var surge = new List<string>();
        for (var i = 0; i < 12; i++) surge.Add(await TriagedAsync(host, $"快递太慢了，物流一直不更新，太差了 {i}", $"1891234{i:0000}"));
        var raised = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "complaint-surge");
        Assert.Equal("complaint-surge:Logistics", RunningHost.Text(raised["key"]));
        Assert.Equal(12, raised["figures"]!["count"]!.GetValue<double>());
        Assert.True(raised["figures"]!["baseline"]!.GetValue<double>() < 1);
        Assert.Contains("same hour", RunningHost.Text(raised["baseline"]));
    }

    [Fact]
    public async Task A_negative_social_wave_weighted_by_reach_is_severe_with_a_statement_due_in_24_hours()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(Settings(), time: time);
        for (var i = 0; i < 8; i++)
        {
            var mention = System.Text.Json.JsonSerializer.Serialize(new
            {
                platform = "微博", postId = $"wb-{i}", text = $"这家公司太坑了，产品质量差，大家别买！{i}",
                reach = new { followers = 30000, reposts = 2, comments = 3, likes = 10 },
            });
            using var r = await host.PostSignedAsync("api/channels/social", mention, SocialSecret, time.GetUtcNow());
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            await host.WaitForTicketAsync(RunningHost.Text((await RunningHost.ReadJsonAsync(r))["ticketNumber"]), t => t["analysis"] is not null, "triage");
        }
        var wave = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "social-wave");
        Assert.Equal("严重", RunningHost.Text(wave["levelLabel"]));
        Assert.Equal(8 * 36, wave["figures"]!["count"]!.GetValue<double>());
        Assert.Equal(time.GetUtcNow().AddHours(24), wave["statementDueBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal(8, wave["tickets"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_second_complaint_while_one_is_open_and_a_repeat_are_raised_at_once_and_rules_change_without_a_restart()
    {
        await using var host = await RunningHost.StartAsync(Settings());
        await TriagedAsync(host, "收到的商品是坏的，太差了", "13700001111", "cust-42");
        await TriagedAsync(host, "退款申请被拒绝了，很不满意", "13700001111", "cust-42");
        var escalating = await Eventually.GetAsync(async () => (await host.GetJsonAsync("api/warnings"))["warnings"]!.AsArray()
            .FirstOrDefault(w => RunningHost.Text(w!["ruleId"]) == "customer-escalating"), w => w is not null, TimeSpan.FromSeconds(10), "escalating customer");
        Assert.Equal(2, escalating!["tickets"]!.AsArray().Count);
        Assert.DoesNotContain("cust-42", escalating.ToJsonString());

        var number = await host.SubmitAsync(new { content = "我的快递到底什么时候到", contact = "13700002222" });
        await host.SubmitAsync(new { content = "我的快递到底什么时候到", contact = "13700002222" });
        await Eventually.GetAsync(async () => (await host.GetJsonAsync("api/warnings"))["warnings"]!.AsArray()
            .FirstOrDefault(w => RunningHost.Text(w!["ruleId"]) == "repeat-customer"), w => w is not null && w["tickets"]![0]!.GetValue<string>() == number, TimeSpan.FromSeconds(10), "repeat");

        // Rules are data: a bad one is refused naming its field; a good one is used at the next pass.
        using var bad = await host.Http.PutAsJsonAsync("api/warnings/rules", new { rules = new[] { new { id = "x", kind = "weather", level = "很严重", title = "t" } } });
        var problem = await RunningHost.ReadJsonAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(problem["errors"]!["rules[0].kind"]);
        Assert.NotNull(problem["errors"]!["rules[0].level"]);
        using var good = await host.Http.PutAsJsonAsync("api/warnings/rules", new
        {
            rules = new object[] { new { id = "one-wait", kind = "waiting-mentions", level = "重要", title = "有人在催", window = "30m", threshold = 1 } },
        });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(["one-wait"], (await host.GetJsonAsync("api/warnings/rules"))["rules"]!.AsArray().Select(r => RunningHost.Text(r!["id"])));
        await TriagedAsync(host, "等了很久还没回复", "13700003333");
        Assert.Equal(["one-wait"], (await EvaluateAsync(host)).Select(w => RunningHost.Text(w["ruleId"])));
        var dismissed = await MoveAsync(host, RunningHost.Text((await host.GetJsonAsync("api/warnings?state=raised&level=重要"))["warnings"]!.AsArray().First(w => RunningHost.Text(w!["ruleId"]) == "one-wait")!["id"]), "dismiss", new { actor = "主管" });
        Assert.NotNull(dismissed.Body["errors"]!["reason"]);
    }

    [Fact]
    public async Task A_customer_unsatisfied_and_then_silent_for_30_days_is_a_churn_warning_but_one_who_wrote_again_is_not()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(Settings(), time: time);
        var silent = await UnsatisfiedAsync(host, "cust-silent", "13800000001");
        var back = await UnsatisfiedAsync(host, "cust-back", "13800000002");

        time.Advance(TimeSpan.FromDays(20));
        await TriagedAsync(host, "请问新品什么时候上市？", "13800000002", "cust-back");
        Assert.DoesNotContain(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "churn-risk");

        time.Advance(TimeSpan.FromDays(11));
        var churn = Assert.Single(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "churn-risk");
        Assert.Equal(("重要", silent), (RunningHost.Text(churn["levelLabel"]), churn["tickets"]![0]!.GetValue<string>()));
        Assert.DoesNotContain("cust-silent", churn.ToJsonString());
        Assert.DoesNotContain(back, churn["tickets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain(await EvaluateAsync(host), w => RunningHost.Text(w["ruleId"]) == "churn-risk");
    }

    private static async Task<string> UnsatisfiedAsync(RunningHost host, string customerId, string contact)
    {
        var number = await TriagedAsync(host, "请问会员积分怎么兑换？", contact, customerId);
        using (await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("客服", "已说明"))) { }
        var task = await Eventually.GetAsync(async () => (await host.EventsAsync(number)).FirstOrDefault(e => RunningHost.Text(e["type"]) == "customer.contact-requested"),
            e => e is not null, TimeSpan.FromSeconds(10), "the contact task");
        var token = RunningHost.Text(task!["detail"]).Split("/s/")[1];
        using var rated = await host.PostJsonAsync($"api/tickets/{number}/satisfaction", new { token, verdict = "不满意" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        return number;
    }

    private static async Task<string> TriagedAsync(RunningHost host, string content, string contact, string? customerId = null)
    {
        var number = await host.SubmitAsync(customerId is null ? new { content, contact } : new { content, contact, customerId });
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        return number;
    }

    private static async Task<List<JsonNode>> EvaluateAsync(RunningHost host)
    {
        using var response = await host.Http.PostAsync("api/warnings/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await RunningHost.ReadJsonAsync(response))["warnings"]!.AsArray().Select(w => w!)];
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> MoveAsync(RunningHost host, string id, string action, object body)
    {
        using var response = await host.PostJsonAsync($"api/warnings/{id}/{action}", body);
        return (response.StatusCode, await RunningHost.ReadJsonAsync(response));
    }
}
