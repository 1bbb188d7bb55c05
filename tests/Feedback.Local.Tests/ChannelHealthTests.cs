using System.Net;
using Feedback.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>Junk is kept, set aside with its reason and counted; every channel's arrivals and refusals show at channels/health.</summary>
public sealed class ChannelHealthTests : IAsyncLifetime
{
    private const string Secret = "hotline-test-secret";
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:hotline"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("？？？！！！。。。", "punctuation-only")]
    [InlineData("啊啊啊啊啊啊啊", "repeated-character")]
    [InlineData("https://spam.example/win  www.spam.example", "link-only")]
    [InlineData("专业代开发票，价格优惠，联系我", "spam-phrase")]
    public async Task Junk_is_set_aside_with_its_reason_and_never_worked_on(string content, string reason)
    {
        using var response = await _host.PostJsonAsync("api/channels/webform", new { content, contact = "13800001111" });
        var body = await RunningHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("setAside", reason), (RunningHost.Text(body["status"]), RunningHost.Text(body["setAsideReason"])));
        var number = RunningHost.Text(body["ticketNumber"]);
        var listed = (await _host.GetJsonAsync("api/tickets?status=setAside"))["tickets"]!.AsArray();
        Assert.Equal(number, RunningHost.Text(listed.Single()!["number"]));
        await Task.Delay(300);
        var ticket = await _host.TicketAsync(number);
        Assert.Null(ticket["analysis"]);
        Assert.Equal(["ticket.set-aside"], (await _host.EventsAsync(number)).Select(e => RunningHost.Text(e["type"])));
        using var respond = await _host.PostJsonAsync($"api/tickets/{number}/respond", new { agent = "a", message = "m" });
        Assert.Equal(HttpStatusCode.Conflict, respond.StatusCode);
    }

    [Theory]
    [InlineData("😡😡😡")]
    [InlineData("好")]
    [InlineData("客服让我加微信处理退款，结果加了也没人回")]
    public async Task Short_emoji_and_plain_complaints_are_feedback(string content)
    {
        using var response = await _host.PostJsonAsync("api/channels/webform", new { content });
        Assert.Equal("open", RunningHost.Text((await RunningHost.ReadJsonAsync(response))["status"]));
    }

    [Fact]
    public async Task Channel_health_counts_arrivals_outcomes_refusals_and_missing_fields()
    {
        await _host.SubmitAsync(new { content = "页面打不开", contact = "a@example.com" });
        await _host.SubmitAsync(new { content = "页面打不开", contact = "a@example.com" });
        await _host.SubmitAsync(new { content = "!!!" });
        (await _host.PostJsonAsync("api/channels/webform", new { name = "张三" })).Dispose();
        (await _host.PostRawAsync("api/channels/webform", "{", "application/json")).Dispose();
        (await _host.PostRawAsync("api/channels/webform", "x", "text/plain")).Dispose();
        (await _host.PostSignedAsync("api/channels/hotline", """{"callId":"c1","agentNotes":"查询订单"}""", "wrong-secret")).Dispose();
        (await _host.PostSignedAsync("api/channels/hotline", """{"callId":"c2","agentNotes":"查询订单"}""", Secret, DateTimeOffset.UtcNow.AddMinutes(-6))).Dispose();
        (await _host.PostSignedAsync("api/channels/hotline", """{"callId":"c3"}""", Secret)).Dispose();

        var channels = (await _host.GetJsonAsync("api/channels/health"))["channels"]!.AsArray();
        var webform = channels.Single(c => RunningHost.Text(c!["channel"]) == "webform")!["today"]!;
        var hotline = channels.Single(c => RunningHost.Text(c!["channel"]) == "hotline")!;

        Assert.Equal((6L, 1L, 1L), (Long(webform["arrivals"]), Long(webform["accepted"]), Long(webform["duplicates"])));
        Assert.Equal(1, Long(webform["setAside"]!["punctuation-only"]));
        Assert.Equal((1L, 1L, 1L), (Long(webform["rejected"]!["invalid"]), Long(webform["rejected"]!["malformed"]), Long(webform["rejected"]!["media-type"])));
        Assert.Equal(1, Long(webform["missingFields"]!["content"]));
        var today = hotline["today"]!;
        Assert.Equal((3L, 1L, 1L, 1L), (Long(today["arrivals"]), Long(today["rejected"]!["signature"]), Long(today["rejected"]!["stale"]), Long(today["missingFields"]!["agentNotes"])));
        Assert.Equal(7, hotline["arrivalsByDay"]!.AsObject().Count);
        Assert.Equal(3, hotline["arrivalsByDay"]!.AsObject().Last().Value!.GetValue<long>());
    }

    [Fact]
    public async Task Counts_are_written_to_the_store_and_survive_a_restart()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            await using (var first = await RunningHost.StartAsync(dataDirectory: data))
                await first.SubmitAsync(new { content = "物流太慢了" });
            await using var second = await RunningHost.StartAsync(dataDirectory: data);

            var webform = (await second.ChannelHealthAsync("webform"))["today"]!;

            Assert.Equal((1L, 1L), (Long(webform["arrivals"]), Long(webform["accepted"])));
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }

    [Fact]
    public async Task Every_channel_shows_even_before_it_is_heard_from()
    {
        var channels = (await _host.GetJsonAsync("api/channels/health"))["channels"]!.AsArray();

        Assert.Equal(["email", "hotline", "reviews", "social", "survey", "webform", "wechat"], channels.Select(c => RunningHost.Text(c!["channel"])));
        Assert.All(channels, c => Assert.Equal(("ok", 0L), (RunningHost.Text(c!["status"]), Long(c["today"]!["arrivals"]))));
    }

    [Fact]
    public async Task A_channel_whose_requests_are_mostly_refused_is_failing_and_says_why()
    {
        for (var i = 0; i < 19; i++)
            (await _host.PostSignedAsync("api/channels/hotline", $$"""{"callId":"c{{i}}","agentNotes":"查询订单"}""", "rotated-secret")).Dispose();
        Assert.Equal("ok", RunningHost.Text((await _host.ChannelHealthAsync("hotline"))["status"])); // 19 is too few to judge

        (await _host.PostSignedAsync("api/channels/hotline", """{"callId":"c19","agentNotes":"查询订单"}""", "rotated-secret")).Dispose();
        var hotline = await _host.ChannelHealthAsync("hotline");

        Assert.Equal("failing", RunningHost.Text(hotline["status"]));
        Assert.Equal("20 of today's 20 arrivals were refused (signature 20).", RunningHost.Text(hotline["why"]));
        Assert.Equal("ok", RunningHost.Text((await _host.ChannelHealthAsync("webform"))["status"]));
    }

    private static long Long(System.Text.Json.Nodes.JsonNode? node) => node?.GetValue<long>() ?? 0;
}

public sealed class QuietChannelTests
{
    [Fact]
    public async Task A_channel_far_below_its_usual_arrivals_by_this_hour_is_quiet_until_it_picks_up()
    {
        // 00:30 in Shanghai on 2 November 2026; six days of 30 web-form arrivals each, then a silent seventh day.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 0, 30, 0, TimeSpan.FromHours(8)));
        await using var host = await RunningHost.StartAsync(time: time);
        for (var day = 0; day < 6; day++)
        {
            for (var i = 0; i < 30; i++)
                (await host.PostJsonAsync("api/channels/webform", new { content = "！！！" })).Dispose(); // set aside: arrivals without work
            time.Advance(TimeSpan.FromDays(1));
        }

        time.Advance(TimeSpan.FromHours(5.5)); // 06:00: about 7 expected, too few to call silence
        Assert.Equal("ok", RunningHost.Text((await host.ChannelHealthAsync("webform"))["status"]));

        time.Advance(TimeSpan.FromHours(12)); // 18:00: about 23 expected, none came
        var webform = await host.ChannelHealthAsync("webform");
        Assert.Equal("quiet", RunningHost.Text(webform["status"]));
        Assert.Equal("0 arrivals so far today, against about 23 expected by now (a day's average of 30 over the last 6 days).", RunningHost.Text(webform["why"]));
        Assert.Equal([30L, 30L, 30L, 30L, 30L, 30L, 0L], webform["arrivalsByDay"]!.AsObject().Select(d => d.Value!.GetValue<long>()));

        for (var i = 0; i < 3; i++) (await host.PostJsonAsync("api/channels/webform", new { content = "！！！" })).Dispose();
        Assert.Equal("ok", RunningHost.Text((await host.ChannelHealthAsync("webform"))["status"]));
    }
}
