using System.Net;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>The whole pipeline over HTTP on the real local host, with deadlines of seconds.</summary>
public sealed class TicketLifecycleTests
{
    [Fact]
    public async Task Chinese_complaint_is_analysed_escalated_when_late_then_responded_resolved_and_closed()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)));

        using var posted = await host.PostJsonAsync("api/channels/webform", new
        {
            content = "我的订单支付失败了，钱已经扣了但是订单一直没有生成，太差了！请尽快处理",
            name = "张三",
            contact = "13812345678",
        });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = await RunningHost.ReadJsonAsync(posted);
        var number = RunningHost.Text(accepted["ticketNumber"]);
        Assert.Matches(@"^FB-\d{8}-000001$", number);
        Assert.Equal($"/api/tickets/{number}", posted.Headers.Location?.ToString());

        var triaged = await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        Assert.Equal("complaint", RunningHost.Text(triaged["analysis"]!["classification"]!["type"]));
        Assert.Equal("投诉", RunningHost.Text(triaged["typeLabel"]));
        Assert.Equal("negative", RunningHost.Text(triaged["analysis"]!["sentiment"]!["label"]));
        Assert.Equal("high", RunningHost.Text(triaged["urgency"]));
        Assert.Contains("订单", triaged["analysis"]!["keyPhrases"]!.AsArray().Select(p => RunningHost.Text(p)));
        Assert.NotEmpty(triaged["analysis"]!["sentiment"]!["evidence"]!.AsArray());
        Assert.Equal(0.9, triaged["analysis"]!["urgencyConfidence"]!.GetValue<double>());
        Assert.Equal("张*", RunningHost.Text(triaged["feedback"]!["customerName"]));
        Assert.Equal("****5678", RunningHost.Text(triaged["feedback"]!["contact"]));
        Assert.Equal("13812345678", RunningHost.Text(triaged["contact"]!["value"]));
        var respondBy = triaged["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
        var receivedAt = triaged["receivedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromSeconds(2), respondBy - receivedAt);

        var escalated = await host.WaitForTicketAsync(number, t => t["escalationLevel"]!.GetValue<int>() == 1, "escalation", 10);
        Assert.Equal("supervisor 主管", RunningHost.Text(escalated["escalatedTo"]));
        Assert.True(escalated["breached"]!.GetValue<bool>());
        var escalatedAt = escalated["history"]!.AsArray().Single(h => RunningHost.Text(h!["kind"]) == "escalated")!["at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(escalatedAt, respondBy, respondBy.AddSeconds(2));
        var breached = await host.GetJsonAsync("api/tickets?breached=true");
        var onTime = await host.GetJsonAsync("api/tickets?breached=false");
        Assert.Equal([number], breached["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        Assert.Empty(onTime["tickets"]!.AsArray());

        using var respond = await host.PostJsonAsync($"api/tickets/{number}/respond", new { agent = "李客服", message = "您好，已为您核查，正在处理退款。" });
        Assert.Equal(HttpStatusCode.OK, respond.StatusCode);
        using var resolve = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("李客服", "已退款。"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        var closed = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        // Nobody rates it (the web form left a phone number: a contact task), so it closes as no-answer.
        Assert.Equal(["created", "triaged", "sla-warning", "escalated", "responded", "resolved", "satisfaction-requested", "contact-requested", "closed"],
            closed["history"]!.AsArray().Select(h => RunningHost.Text(h!["kind"])));

        var events = await host.EventsAsync(number);
        Assert.Equal(["ticket.created", "ticket.triaged", "sla.applied", "sla.applied", "sla.warning", "ticket.escalated", "sla.breached",
                "ticket.responded", "sla.met", "ticket.resolved", "sla.met", "customer.contact-requested", "ticket.closed"],
            events.Select(e => RunningHost.Text(e["type"])));
        Assert.Equal(1, events.Single(e => RunningHost.Text(e["type"]) == "ticket.escalated")["level"]!.GetValue<int>());
        var everything = string.Join("\n", (await host.EventsAsync()).Select(e => e.ToJsonString()));
        Assert.DoesNotContain("13812345678", everything);
        Assert.DoesNotContain("张三", everything);
    }

    [Fact]
    public async Task Ticket_answered_in_time_is_not_escalated()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)));
        var number = await host.SubmitAsync(new { content = "请问你们的发票怎么开？", contact = "a@example.com" });
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");

        using var resolve = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "已发送开票指引。"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        var closed = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(0, closed["escalationLevel"]!.GetValue<int>());
        Assert.False(closed["breached"]!.GetValue<bool>());
        Assert.NotNull(closed["respondedAt"]);
    }

    [Fact]
    public async Task Each_missed_target_climbs_its_own_ladder_level_by_level_at_the_configured_intervals()
    {
        var settings = RunningHost.Sla(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        settings["Sla:EscalationAfter:0"] = "00:00:01";
        settings["Sla:EscalationAfter:1"] = "00:00:01";
        await using var host = await RunningHost.StartAsync(settings);
        var number = await host.SubmitAsync(new { content = "App 一直闪退，没法用", contact = "13900001111" });

        var top = await host.WaitForTicketAsync(number, t => t["escalations"]!.AsArray().Count == 6, "both ladders to the top", 15);

        var steps = top["escalations"]!.AsArray().Select(e => (Stage: RunningHost.Text(e!["stage"]), Level: e["level"]!.GetValue<int>(),
            Overdue: TimeSpan.Parse(RunningHost.Text(e["overdueBy"]), System.Globalization.CultureInfo.InvariantCulture))).ToList();
        // Level 1 at the deadline, each level after one more second; the timers are never early and seldom late.
        Assert.All(steps, s => Assert.InRange(s.Overdue, TimeSpan.FromSeconds(s.Level - 1), TimeSpan.FromSeconds(s.Level - 1 + 1.5)));
        Assert.Equal([("response", 1), ("response", 2), ("response", 3), ("resolution", 1), ("resolution", 2), ("resolution", 3)],
            steps.Select(s => (s.Stage, s.Level)).OrderBy(s => s.Stage == "resolution").ThenBy(s => s.Level));
        Assert.Equal(("director 总监", 3), (RunningHost.Text(top["escalatedTo"]), top["escalationLevel"]!.GetValue<int>()));
        Assert.Equal("技术部", RunningHost.Text(top["department"]));
        var escalated = (await host.EventsAsync(number)).Where(e => RunningHost.Text(e["type"]) == "ticket.escalated").ToList();
        Assert.Equal(6, escalated.Count);
        Assert.All(escalated, e => Assert.Equal("技术部", RunningHost.Text(e["department"])));
        Assert.Equal(["supervisor 主管", "manager 经理", "director 总监"], escalated.Take(3).Select(e => RunningHost.Text(e["sla"]!["role"])));
    }
}
