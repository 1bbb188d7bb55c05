using System.Net;
using System.Text;
using Feedback.Application.Channels.WeChat;
using Feedback.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Local.Tests;

/// <summary>The closed loop on WeChat: the request through the customer-service API (HTTPS fake), a "3" reply reopens.</summary>
public sealed class ClosedLoopWeChatTests
{
    private const string Token = "wechat-loop-token";
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    [Fact]
    public async Task The_request_goes_through_the_api_a_3_reply_reopens_and_a_stale_token_and_45015_end_as_recorded_results()
    {
        await using var api = await FakeWeChatApi.StartAsync();
        var settings = new Dictionary<string, string?>(api.Settings()) { ["Channels:WeChat:Token"] = Token };
        await using var host = await RunningHost.StartAsync(settings,
            services: s => s.AddHttpClient("wechat").ConfigurePrimaryHttpMessageHandler(api.TrustingHandler));

        var number = NumberIn(await (await PushAsync(host, "你们的快递三天了还没发货，太慢了！", "41000000000000001")).Content.ReadAsStringAsync());
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        using var resolved = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "已联系快递加急"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var sent = await Eventually.GetAsync(() => Task.FromResult(api.Sent.FirstOrDefault()), s => s is not null, TimeSpan.FromSeconds(15), "the request through the API");
        Assert.Equal((OpenId, "text"), (RunningHost.Text(sent!["touser"]), RunningHost.Text(sent["msgtype"])));
        var content = RunningHost.Text(sent["text"]!["content"]);
        Assert.Contains("/s/", content);
        Assert.Contains("1 满意，2 基本满意，3 不满意", content);
        var asked = await host.WaitForTicketAsync(number, t => t["closedLoop"]!["messages"]!.AsArray().Count == 1, "the request recorded");
        Assert.Equal(("wechat", "sent"), (RunningHost.Text(asked["closedLoop"]!["messages"]![0]!["channel"]), RunningHost.Text(asked["closedLoop"]!["messages"]![0]!["result"])));

        // The customer answers "3" in the chat: no new ticket, the ticket reopens.
        using var reply = await PushAsync(host, "3", "41000000000000002");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var reopened = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "responded", "reopened by the reply");
        Assert.Equal(("不满意", "wechat"), (RunningHost.Text(reopened["satisfaction"]), RunningHost.Text(reopened["closedLoop"]!["survey"]!["answeredBy"])));
        Assert.Single((await host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());

        // The second request: the token went stale (42001, fetched again), then the 48-hour window has closed (45015).
        api.ExpireTokens();
        api.Fail(OpenId, 45015);
        using var again = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "已补发"));
        var failed = await host.WaitForTicketAsync(number, t => t["closedLoop"]!["messages"]!.AsArray().Count == 2, "the second request recorded");
        var result = failed["closedLoop"]!["messages"]![1]!;
        Assert.Equal("delivery-failed", RunningHost.Text(result["result"]));
        Assert.StartsWith("45015", RunningHost.Text(result["detail"]));
        Assert.Equal(2, api.TokensIssued);
        var events = (await host.EventsAsync(number)).Select(e => RunningHost.Text(e["type"])).ToList();
        Assert.Equal(["customer.delivery-failed", "customer.contact-requested"], events.TakeLast(2));
        Assert.Contains(failed["history"]!.AsArray(), h => RunningHost.Text(h!["kind"]) == "delivery-failed");
    }

    private static string NumberIn(string reply) => System.Text.RegularExpressions.Regex.Match(reply, @"FB-\d{8}-\d{6}").Value;

    private static Task<HttpResponseMessage> PushAsync(RunningHost host, string content, string msgId)
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>
            <Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>
            """;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string nonce = "2139054623";
        return host.Http.PostAsync($"api/channels/wechat?signature={WeChatSignature.Compute(Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&openid={OpenId}",
            new StringContent(xml, Encoding.UTF8, "text/xml"));
    }
}
