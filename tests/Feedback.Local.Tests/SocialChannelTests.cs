using System.Net;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class SocialChannelTests : IAsyncLifetime
{
    private const string Secret = "social-test-secret";
    private const string Path = "api/channels/social";
    private RunningHost _host = null!;

    private const string Mention = """
        {
          "platform": "微博",
          "postId": "4971234567890123",
          "author": "数码小王子",
          "text": "#避雷# 某品牌新出的扫地机器人用了三天就坏了，客服还一直推诿，大家别买 @品牌官方",
          "url": "https://weibo.com/1234567890/Nabc123",
          "reach": { "followers": 182000, "reposts": 356, "comments": 120, "likes": 980 },
          "postedAt": "2026-11-24T08:30:00+08:00"
        }
        """;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:social"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_mention_becomes_a_ticket_that_keeps_its_reach()
    {
        using var response = await _host.PostSignedAsync(Path, Mention, Secret);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);

        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");

        var details = ticket["feedback"]!["details"]!;
        Assert.Equal(("social", "微博"), (RunningHost.Text(ticket["channel"]), RunningHost.Text(details["platform"])));
        Assert.Equal(("182000", "356"), (RunningHost.Text(details["reach.followers"]), RunningHost.Text(details["reach.reposts"])));
        Assert.Equal("微博:4971234567890123", RunningHost.Text(ticket["feedback"]!["externalId"]));
        Assert.Equal(("complaint", "negative"), (RunningHost.Text(ticket["analysis"]!["classification"]!["type"]), RunningHost.Text(ticket["analysis"]!["sentiment"]!["label"])));
    }

    [Fact]
    public async Task The_same_post_reported_twice_is_one_ticket_and_an_unsigned_one_none()
    {
        using var first = await _host.PostSignedAsync(Path, Mention, Secret);
        using var again = await _host.PostSignedAsync(Path, Mention, Secret);
        using var unsigned = await _host.PostRawAsync(Path, Mention, "application/json");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"postId":"1","text":"x"}""", "platform")]
    [InlineData("""{"platform":"知乎","text":"x"}""", "postId")]
    [InlineData("""{"platform":"知乎","postId":"1"}""", "text")]
    [InlineData("""{"platform":"知乎","postId":"1","text":"x","url":"not a url"}""", "url")]
    [InlineData("""{"platform":"知乎","postId":"1","text":"x","reach":{"followers":-5}}""", "reach.followers")]
    public async Task An_invalid_mention_is_400_naming_the_field(string json, string field)
    {
        using var response = await _host.PostSignedAsync(Path, json, Secret);
        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, field);
    }
}
