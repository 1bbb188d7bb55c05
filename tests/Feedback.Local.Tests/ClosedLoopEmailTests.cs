using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>
/// The closed loop end to end over HTTP with a real SMTP server: an e-mail complaint is resolved, the satisfaction
/// mail arrives in the customer's thread, 不满意 clicked in headless Chromium reopens it one step more urgent and one
/// level higher, the second resolution asks again, 满意 over HTTP closes it, and the used link is refused.
/// </summary>
public sealed partial class ClosedLoopEmailTests
{
    private const string Secret = "email-loop-secret";
    private const string MessageId = "<20261202101500.881@mail.example.cn>";

    [Fact]
    public async Task Unsatisfied_reopens_and_escalates_then_satisfied_closes_all_through_the_mail_thread_and_the_link()
    {
        using var smtp = SmtpTestServer.Start();
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>(smtp.Settings())
        {
            ["Channels:Secrets:email"] = Secret,
            ["ClosedLoop:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Sla:Rules:0:Respond"] = "00:10:00", ["Sla:Rules:0:Resolve"] = "01:00:00", ["Sla:Rules:0:FollowUp"] = "00:30:00",
            ["Sla:Reopen"] = "00:20:00",
        };
        await using var host = await RunningHost.StartAsync(settings, port: port);

        using var posted = await host.PostSignedAsync("api/channels/email", Encoding.UTF8.GetBytes(Complaint), "message/rfc822", Secret);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(posted))["ticketNumber"]);
        var triaged = await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        Assert.Equal("投诉", RunningHost.Text(triaged["typeLabel"]));
        var urgency = RunningHost.Text(triaged["urgency"]);

        // A complaint is resolved only with its root cause, and the refusal names each missing field.
        using var bare = await host.PostJsonAsync($"api/tickets/{number}/resolve", new { agent = "李客服", message = "已退款" });
        var refused = await RunningHost.ReadJsonAsync(bare);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(["rootCause.correctiveAction", "rootCause.directCause", "rootCause.rootCause", "rootCause.stage"],
            refused["errors"]!.AsObject().Select(e => e.Key).Order());

        using var resolved = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("李客服", "已为您办理退款"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var mail = await Eventually.GetAsync(async () => (await smtp.MessagesAsync()).FirstOrDefault(), m => m is not null, TimeSpan.FromSeconds(15), "the satisfaction mail");
        Assert.Equal(["lisi@example.cn"], mail!["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(number, RunningHost.Text(mail["subject"]));
        Assert.StartsWith("Re: ", RunningHost.Text(mail["subject"]));
        Assert.Equal(MessageId, RunningHost.Text(mail["inReplyTo"]));
        Assert.Contains(MessageId, mail["references"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("已为您办理退款", RunningHost.Text(mail["text"]));
        Assert.Contains("李*", RunningHost.Text(mail["text"]));
        var link = LinkIn(RunningHost.Text(mail["text"]));
        Assert.StartsWith($"http://127.0.0.1:{port}/s/", link);

        var asked = await host.WaitForTicketAsync(number, t => t["closedLoop"]!["messages"]!.AsArray().Count == 1, "the request recorded");
        var message = asked["closedLoop"]!["messages"]![0]!;
        Assert.Equal(("email", "satisfaction-request", "sent", 1), (RunningHost.Text(message["channel"]), RunningHost.Text(message["template"]), RunningHost.Text(message["result"]), message["attempts"]!.GetValue<int>()));
        Assert.Contains(asked["sla"]!.AsArray(), s => RunningHost.Text(s!["target"]) == "followUp" && s["metAt"] is not null);

        // The page, fetched over HTTP, asks the question in both languages with three answers.
        using var page = await host.Http.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        foreach (var text in new[] { "满意", "基本满意", "不满意", "Satisfied", number }) Assert.Contains(text, html);

        // 不满意, clicked in a real browser, with a comment.
        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var tab = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
            await tab.GotoAsync(link);
            await tab.FillAsync("#comment", "退款金额不对");
            await tab.ClickAsync("button[value='3']");
            await tab.WaitForSelectorAsync("#thanks");
            Assert.Contains("重新处理", await tab.InnerTextAsync("main"));
        }

        var reopened = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "responded", "the second handling");
        Assert.Equal("不满意", RunningHost.Text(reopened["satisfaction"]));
        Assert.Equal(1, reopened["closedLoop"]!["reopens"]!.GetValue<int>());
        Assert.Equal(1, reopened["escalationLevel"]!.GetValue<int>());
        Assert.Equal(Higher(urgency), RunningHost.Text(reopened["urgency"]));
        Assert.Equal("退款金额不对", RunningHost.Text(reopened["closedLoop"]!["survey"]!["comment"]));
        var resolveBy = reopened["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>();
        Assert.InRange(resolveBy - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        var events = (await host.EventsAsync(number)).Select(e => RunningHost.Text(e["type"])).ToList();
        // The follow-up was met when the request reached the customer; the verdict does not meet it again.
        Assert.Equal(["ticket.rated", "ticket.reopened", "ticket.escalated", "sla.applied"], events.SkipWhile(e => e != "ticket.rated"));

        // The used link is refused and records nothing.
        using var reused = await host.Http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["verdict"] = "1" }));
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);

        // The second resolution asks again, in the same thread; 满意 (posted as the page's form) closes it.
        using var again = await host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王主管", "已补退差额"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await Eventually.GetAsync(async () => (await smtp.MessagesAsync()).Skip(1).FirstOrDefault(), m => m is not null, TimeSpan.FromSeconds(15), "the second request");
        Assert.Equal(MessageId, RunningHost.Text(second!["inReplyTo"]));
        var secondLink = LinkIn(RunningHost.Text(second["text"]));
        Assert.NotEqual(link, secondLink);
        using var satisfied = await host.Http.PostAsync(secondLink, new FormUrlEncodedContent(new Dictionary<string, string> { ["verdict"] = "1" }));
        Assert.Equal(HttpStatusCode.OK, satisfied.StatusCode);

        var closed = await host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(("满意", "satisfied", 2), (RunningHost.Text(closed["satisfaction"]), RunningHost.Text(closed["closedLoop"]!["closeReason"]), closed["closedLoop"]!["survey"]!["round"]!.GetValue<int>()));
        Assert.Equal("物流配送", RunningHost.Text(closed["closedLoop"]!["rootCause"]!["stage"]));
        using var stale = await host.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        var everything = string.Join("\n", (await host.EventsAsync()).Select(e => e.ToJsonString()));
        Assert.DoesNotContain("lisi@example.cn", everything);
    }

    private static string Higher(string urgency) => urgency switch { "low" => "medium", _ => "high" };

    private static string LinkIn(string text) => LinkPattern().Match(text).Value;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();

    private static readonly string Complaint = $"""
        From: =?UTF-8?B?5p2O5Zub?= <lisi@example.cn>
        To: complaints@company.example
        Subject: =?UTF-8?B?6YCA5qy+6L+f6L+f5LiN5Yiw6LSm?=
        Date: Wed, 02 Dec 2026 10:15:00 +0800
        Message-ID: {MessageId}
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        我申请的退款到现在还没到账，太差了，请尽快处理！
        """.Replace("\r\n", "\n").Replace("\n", "\r\n");
}
