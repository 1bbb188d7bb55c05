using System.Net;
using System.Text;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>Raw messages from an inbound-mail relay: new tickets, replies joined to theirs, attachments kept.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private const string Secret = "email-test-secret";
    private const string Path = "api/channels/email";
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:email"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // Written to RFC 5322/2045 by hand: a multipart/mixed with an HTML alternative only and a PNG attachment.
    private static string Complaint(string messageId = "<20261124093000.4711@mail.example.cn>") => $$"""
        From: =?UTF-8?B?5p2O5Zub?= <lisi@example.cn>
        To: complaints@company.example
        Subject: =?UTF-8?B?6YCA5qy+6L+f6L+f5LiN5Yiw6LSm?=
        Date: Tue, 24 Nov 2026 09:30:00 +0800
        Message-ID: {{messageId}}
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="mixed-1"

        --mixed-1
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: 8bit

        <html><head><style>p { color: red; }</style></head><body><p>你好，</p><p>我 11 月 10 日申请的退款到现在还没到账，客服电话一直打不通。</p><script>alert(1)</script><div>请尽快处理。</div></body></html>
        --mixed-1
        Content-Type: image/png; name="receipt.png"
        Content-Disposition: attachment; filename="receipt.png"
        Content-Transfer-Encoding: base64

        iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
        --mixed-1--
        """.Replace("\r\n", "\n").Replace("\n", "\r\n");

    private static string Reply(string subject, string messageId, string? inReplyTo, string text) => $"""
        From: Li Si <lisi@example.cn>
        To: complaints@company.example
        Subject: {subject}
        Message-ID: {messageId}
        {(inReplyTo is null ? "" : $"In-Reply-To: {inReplyTo}\nReferences: {inReplyTo}")}
        Content-Type: text/plain; charset=utf-8

        {text}

        On Tue, 24 Nov 2026 at 10:00, Support <support@company.example> wrote:
        > 您好，我们已收到您的反馈。
        """.Replace("\r\n", "\n").Replace("\n", "\r\n");

    [Fact]
    public async Task A_mail_becomes_a_ticket_with_its_sender_text_and_attachment()
    {
        using var response = await PostAsync(Complaint());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);

        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        var feedback = ticket["feedback"]!;
        var content = RunningHost.Text(feedback["content"]);
        Assert.StartsWith("退款迟迟不到账\n你好，\n我 11 月 10 日申请的退款到现在还没到账", content);
        Assert.DoesNotContain("alert", content);
        Assert.DoesNotContain("color", content);
        Assert.Equal(("李*", "l***@example.cn"), (RunningHost.Text(feedback["customerName"]), RunningHost.Text(feedback["contact"])));
        Assert.Equal(("李四", "lisi@example.cn"), (RunningHost.Text(ticket["contact"]!["name"]), RunningHost.Text(ticket["contact"]!["value"])));
        var attachment = feedback["attachments"]!.AsArray().Single()!;
        Assert.Equal(("receipt.png", "image/png"), (RunningHost.Text(attachment["fileName"]), RunningHost.Text(attachment["contentType"])));
        using var file = await _host.Http.GetAsync($"api/attachments/{RunningHost.Text(attachment["id"])}");
        Assert.Equal(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("complaint", RunningHost.Text(ticket["analysis"]!["classification"]!["type"]));
    }

    [Fact]
    public async Task The_same_message_id_twice_is_one_ticket()
    {
        using var first = await PostAsync(Complaint());
        using var again = await PostAsync(Complaint());
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True((await RunningHost.ReadJsonAsync(again))["duplicate"]!.GetValue<bool>());
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task Replies_join_their_ticket_by_in_reply_to_or_by_the_number_in_the_subject()
    {
        using var first = await PostAsync(Complaint());
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(first))["ticketNumber"]);

        using var threaded = await PostAsync(Reply("Re: 退款迟迟不到账", "<r1@mail.example.cn>", "<20261124093000.4711@mail.example.cn>", "补充一下订单号 A123456"));
        using var byNumber = await PostAsync(Reply($"回复：[{number}] 处理进度", "<r2@mail.example.cn>", null, "请问现在进度如何？"));
        using var resent = await PostAsync(Reply("Re: 退款迟迟不到账", "<r1@mail.example.cn>", "<20261124093000.4711@mail.example.cn>", "补充一下订单号 A123456"));

        foreach (var response in new[] { threaded, byNumber, resent })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(number, RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]));
        }
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        var followUps = (await _host.TicketAsync(number))["followUps"]!.AsArray();
        Assert.Equal(["r1@mail.example.cn", "r2@mail.example.cn"], followUps.Select(f => RunningHost.Text(f!["sourceId"])));
        Assert.Equal("Re: 退款迟迟不到账\n补充一下订单号 A123456", RunningHost.Text(followUps[0]!["content"]));
        Assert.DoesNotContain("已收到", RunningHost.Text(followUps[1]!["content"]));
    }

    [Fact]
    public async Task A_reply_from_the_customer_resumes_a_ticket_waiting_for_them()
    {
        using var first = await PostAsync(Complaint());
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(first))["ticketNumber"]);
        await _host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        using var wait = await _host.PostJsonAsync($"api/tickets/{number}/wait", new { agent = "李", reason = "customer", message = "请提供订单号" });
        Assert.Equal("waiting", RunningHost.Text((await RunningHost.ReadJsonAsync(wait))["status"]));

        using var reply = await PostAsync(Reply("Re: 退款迟迟不到账", "<r5@mail.example.cn>", "<20261124093000.4711@mail.example.cn>", "订单号 A123456"));

        var resumed = await _host.TicketAsync(number);
        Assert.Equal("responded", RunningHost.Text(resumed["status"]));
        Assert.Equal(("resumed", "customer"), (RunningHost.Text(resumed["history"]!.AsArray().Last()!["kind"]), RunningHost.Text(resumed["history"]!.AsArray().Last()!["actor"])));
        Assert.Equal(["sla.paused", "sla.resumed"], resumed["slaLog"]!.AsArray().Select(r => RunningHost.Text(r!["type"])).Where(t => t is "sla.paused" or "sla.resumed"));
    }

    [Fact]
    public async Task A_reply_to_an_unknown_thread_opens_a_new_ticket()
    {
        using var response = await PostAsync(Reply("Re: 发票", "<r9@mail.example.cn>", "<unknown@elsewhere>", "发票抬头开错了，需要重开"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("Subject: no sender\r\n\r\nhello", "From")]
    [InlineData("From: nobody\r\nSubject: x\r\n\r\nhello", "From")]
    [InlineData("From: a@example.cn\r\nSubject: \r\n\r\n", "content")]
    public async Task A_mail_without_a_sender_or_any_text_is_400_naming_it(string raw, string field)
    {
        using var response = await PostAsync(raw);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]![field]);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task Unsigned_stale_oversized_and_non_mime_posts_are_refused()
    {
        var raw = Encoding.UTF8.GetBytes(Complaint());
        using var unsigned = await _host.Http.PostAsync(Path, new ByteArrayContent(raw) { Headers = { ContentType = new("message/rfc822") } });
        using var stale = await _host.PostSignedAsync(Path, raw, "message/rfc822", Secret, DateTimeOffset.UtcNow.AddMinutes(-6));
        using var json = await _host.PostSignedAsync(Path, "{}"u8.ToArray(), "application/json", Secret);
        using var huge = await _host.PostSignedAsync(Path, new byte[25 * 1024 * 1024 + 1], "message/rfc822", Secret);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.RequestEntityTooLarge],
            new[] { unsigned, stale, json, huge }.Select(r => r.StatusCode));
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    private Task<HttpResponseMessage> PostAsync(string raw) =>
        _host.PostSignedAsync(Path, Encoding.UTF8.GetBytes(raw), "message/rfc822", Secret);
}
