using Feedback.Application.Channels.WeChat;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Feedback.Application.Channels;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>The official account's server URL, driven with the platform's documented handshake and XML pushes.</summary>
public sealed class WeChatChannelTests : IAsyncLifetime
{
    private const string Token = "wechat-test-token";
    private const string Path = "api/channels/wechat";
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(new Dictionary<string, string?>
    {
        ["Channels:WeChat:Token"] = Token,
        ["Channels:WeChat:ReplyTemplate"] = "已收到，工单号 {ticketNumber}，预计 {replyBy} 前回复。",
        // The reply promises the latest response deadline of the policy: 2 h here.
        ["Sla:Rules:0:Urgency"] = "High", ["Sla:Rules:0:Respond"] = "01:00:00", ["Sla:Rules:0:Resolve"] = "2.00:00:00",
        ["Sla:Rules:1:Respond"] = "02:00:00", ["Sla:Rules:1:Resolve"] = "2.00:00:00",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_server_verification_handshake_echoes_echostr_only_when_signed_with_the_token()
    {
        var (timestamp, nonce) = ("1732428000", "1514711492");
        using var good = await _host.Http.GetAsync($"{Path}?signature={WeChatSignature.Compute(Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&echostr=7054823398261718391");
        using var bad = await _host.Http.GetAsync($"{Path}?signature={WeChatSignature.Compute("other", timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&echostr=7054823398261718391");
        using var bare = await _host.Http.GetAsync($"{Path}?echostr=1");

        Assert.Equal((HttpStatusCode.OK, "7054823398261718391"), (good.StatusCode, await good.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (bad.StatusCode, bare.StatusCode));
    }

    [Fact]
    public void The_signature_is_the_sha1_of_the_sorted_token_timestamp_and_nonce()
    {
        // echo -n "1409304348abc123token" | sha1sum  (sorted: "1409304348" < "abc123" < "token")
        Assert.Equal("867fe6990508ea1aca709cc477379e92f3ff5fcc", WeChatSignature.Compute("token", "1409304348", "abc123"));
    }

    [Fact]
    public async Task A_text_message_is_answered_at_once_with_the_ticket_number_and_the_expected_reply_time()
    {
        var watch = Stopwatch.StartNew();
        using var response = await PushAsync(Text("你们的快递三天了还没发货，订单号 20261124001，什么情况？", "23456789012345678"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"answered in {watch.Elapsed}");
        var reply = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal((OpenId, "gh_0a1b2c3d4e5f", "text"), (reply.Element("ToUserName")!.Value, reply.Element("FromUserName")!.Value, reply.Element("MsgType")!.Value));
        var text = reply.Element("Content")!.Value;
        var number = System.Text.RegularExpressions.Regex.Match(text, @"FB-\d{8}-\d{6}").Value;
        var expected = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Contains(expected.ToString("M月d日 ", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.StartsWith($"已收到，工单号 {number}，预计 ", text);

        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        Assert.Equal(("wechat", OpenId, "msg:23456789012345678"), (RunningHost.Text(ticket["channel"]), RunningHost.Text(ticket["feedback"]!["customerId"]), RunningHost.Text(ticket["feedback"]!["externalId"])));
        Assert.Contains("订单号 20261124001", RunningHost.Text(ticket["feedback"]!["content"]));
    }

    [Fact]
    public async Task A_retried_push_gets_the_same_reply_ticket_and_one_ticket_only()
    {
        using var first = await PushAsync(Text("App 登录一直提示网络错误", "34567890123456789"));
        using var retry = await PushAsync(Text("App 登录一直提示网络错误", "34567890123456789"));

        var number = NumberIn(await first.Content.ReadAsStringAsync());
        Assert.Equal(number, NumberIn(await retry.Content.ReadAsStringAsync()));
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        Assert.DoesNotContain(WebFormIntakeTests.HistoryKinds(await _host.TicketAsync(number)), k => k == "repeated");
    }

    [Fact]
    public async Task Voice_takes_its_recognition_text_and_image_keeps_its_picture()
    {
        using var voice = await PushAsync(Message("voice", "45678901234567890",
            "<MediaId><![CDATA[media_voice_1]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[我要投诉你们的售后服务]]></Recognition>"));
        using var image = await PushAsync(Message("image", "56789012345678901",
            "<PicUrl><![CDATA[https://mmbiz.qpic.cn/mmbiz_jpg/abc/0]]></PicUrl><MediaId><![CDATA[media_image_1]]></MediaId>"));

        var voiceTicket = await _host.TicketAsync(NumberIn(await voice.Content.ReadAsStringAsync()));
        var imageTicket = await _host.TicketAsync(NumberIn(await image.Content.ReadAsStringAsync()));
        Assert.Equal(("我要投诉你们的售后服务", "voice"), (RunningHost.Text(voiceTicket["feedback"]!["content"]), RunningHost.Text(voiceTicket["feedback"]!["details"]!["msgType"])));
        Assert.Equal("https://mmbiz.qpic.cn/mmbiz_jpg/abc/0", RunningHost.Text(imageTicket["feedback"]!["details"]!["picUrl"]));
    }

    [Fact]
    public async Task An_event_is_acknowledged_and_counted_but_opens_no_ticket()
    {
        using var response = await PushAsync(Message("event", null, "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey>"));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        var wechat = (await _host.ChannelHealthAsync("wechat"))["today"]!;
        Assert.Equal((1L, 1L), (wechat["arrivals"]!.GetValue<long>(), wechat["events"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Wrong_signature_and_stale_timestamp_are_401_and_store_nothing()
    {
        var body = Text("测试", "67890123456789012");
        using var wrong = await PushAsync(body, signature: new string('0', 40));
        using var stale = await PushAsync(body, at: DateTimeOffset.UtcNow.AddMinutes(-6));
        using var future = await PushAsync(body, at: DateTimeOffset.UtcNow.AddMinutes(6));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, stale.StatusCode, future.StatusCode));
        Assert.NotNull((await RunningHost.ReadJsonAsync(stale))["errors"]!["timestamp"]);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>""", "body")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>""", "body")]
    [InlineData("<xml><ToUserName>a</ToUserName>", "body")]
    [InlineData("<feed/>", "body")]
    [InlineData("<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>", "FromUserName")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>video</MsgType><MsgId>1</MsgId></xml>", "MsgType")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>", "CreateTime")]
    public async Task Dtds_entities_and_malformed_or_incomplete_xml_are_400_naming_the_field(string body, string field)
    {
        using var response = await PushAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]![field]);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task Refusals_are_counted_by_their_reason_and_missing_fields_by_name()
    {
        (await PushAsync("<xml><ToUserName>a</ToUserName>")).Dispose();
        (await PushAsync("<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>")).Dispose();
        (await PushAsync("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>video</MsgType><MsgId>1</MsgId></xml>")).Dispose();
        (await PushAsync(Text("x", "9"), at: DateTimeOffset.UtcNow.AddMinutes(-6))).Dispose();

        var wechat = (await _host.GetJsonAsync("api/channels/health"))["channels"]!.AsArray()
            .Single(c => RunningHost.Text(c!["channel"]) == "wechat")!["today"]!;
        var rejected = wechat["rejected"]!;
        Assert.Equal((1L, 2L, 1L), (rejected["malformed"]!.GetValue<long>(), rejected["invalid"]!.GetValue<long>(), rejected["stale"]!.GetValue<long>()));
        Assert.Equal("FromUserName", Assert.Single(wechat["missingFields"]!.AsObject()).Key);
    }

    [Fact]
    public async Task An_oversized_push_is_413_and_a_json_one_415()
    {
        using var large = await PushAsync(Text(new string('长', 30_000), "1"));
        using var json = await PushAsync("{}", contentType: "application/json");
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType), (large.StatusCode, json.StatusCode));
    }

    [Fact]
    public async Task A_message_from_a_customer_whose_ticket_waits_for_them_joins_that_ticket_and_resumes_it()
    {
        using var first = await PushAsync(Text("退款一直没到账，怎么回事？", "31000000000000001"));
        var number = NumberIn(await first.Content.ReadAsStringAsync());
        await _host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        using var wait = await _host.PostJsonAsync($"api/tickets/{number}/wait", new { agent = "李", reason = "customer", message = "请提供订单号" });
        Assert.Equal(HttpStatusCode.OK, wait.StatusCode);

        using var answer = await PushAsync(Text("订单号是 A123456", "31000000000000002"));

        Assert.Equal(number, NumberIn(await answer.Content.ReadAsStringAsync()));
        var ticket = await _host.TicketAsync(number);
        Assert.Equal("responded", RunningHost.Text(ticket["status"]));
        Assert.Equal("wechat", RunningHost.Text(ticket["followUps"]!.AsArray().Single()!["channel"]));
        Assert.Equal(("resumed", "customer"), (RunningHost.Text(ticket["history"]!.AsArray().Last()!["kind"]), RunningHost.Text(ticket["history"]!.AsArray().Last()!["actor"])));
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    private static string NumberIn(string reply) =>
        System.Text.RegularExpressions.Regex.Match(XDocument.Parse(reply).Root!.Element("Content")!.Value, @"FB-\d{8}-\d{6}").Value;

    private static string Text(string content, string msgId) => Message("text", msgId, $"<Content><![CDATA[{content}]]></Content>");

    private static string Message(string type, string? msgId, string fields) => $"""
        <xml>
          <ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName>
          <FromUserName><![CDATA[{OpenId}]]></FromUserName>
          <CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime>
          <MsgType><![CDATA[{type}]]></MsgType>
          {fields}
          {(msgId is null ? "" : $"<MsgId>{msgId}</MsgId>")}
        </xml>
        """;

    private Task<HttpResponseMessage> PushAsync(string xml, DateTimeOffset? at = null, string? signature = null, string contentType = "text/xml")
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string nonce = "2139054623";
        signature ??= WeChatSignature.Compute(Token, timestamp, nonce);
        return _host.Http.PostAsync($"{Path}?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={OpenId}",
            new StringContent(xml, Encoding.UTF8, contentType));
    }
}
