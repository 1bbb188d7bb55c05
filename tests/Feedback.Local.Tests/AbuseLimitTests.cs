using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Feedback.Local.Hosting;
using Feedback.Local.Security;
using Feedback.Http.Security;
using Feedback.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Local.Tests;

/// <summary>
/// Abuse limits of the public routes, per client address and per contact: 429 problem details with Retry-After
/// after the limit, other clients unaffected, and every 202 stored. And the open loopback host.
/// </summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task A_burst_from_one_address_gets_429_after_the_limit_another_address_does_not_and_every_202_is_stored()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:WebForm:Permits"] = "20", ["RateLimits:WebForm:Window"] = "00:01:00", ["Reports:Schedule"] = "off",
        });
        // 200 at once: the window admits exactly its 20, whichever they are.
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await host.PostJsonAsync("api/channels/webform", new { content = $"第{i}条：页面打不开", contact = $"1380000{i:D4}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
                Assert.Equal(429, (await RunningHost.ReadJsonAsync(response))["status"]!.GetValue<int>());
                return (response.StatusCode, (string?)null);
            }
            return (response.StatusCode, (await RunningHost.ReadJsonAsync(response))["ticketNumber"]!.GetValue<string>());
        }));
        var accepted = answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).Select(a => a.Item2!).ToList();
        Assert.Equal(20, accepted.Count);
        Assert.Equal(180, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));

        using var neighbour = From("127.0.0.2", host);
        using (var other = await neighbour.PostAsJsonAsync("api/channels/webform", new { content = "另一个地址：也打不开", contact = "13900000001" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
            accepted.Add((await RunningHost.ReadJsonAsync(other))["ticketNumber"]!.GetValue<string>());
        }
        // Staff routes are not limited.
        using (var list = await host.Http.GetAsync("api/tickets?limit=1000"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var stored = (await RunningHost.ReadJsonAsync(list))["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])).ToHashSet();
            Assert.Equal(21, stored.Count);
            Assert.All(accepted, n => Assert.Contains(n, stored));
        }
    }

    [Fact]
    public async Task One_wechat_openid_is_limited_while_another_follower_is_not_and_nothing_refused_is_stored()
    {
        const string token = "limit-test-token";
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Channels:WeChat:Token"] = token, ["RateLimits:Contact:Permits"] = "3", ["Reports:Schedule"] = "off",
        });
        async Task<HttpStatusCode> PushAsync(string openId, int i)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var xml = $"<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>"
                + $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[第{i}条：快递还没到]]></Content><MsgId>{openId.Length}{i:D10}</MsgId></xml>";
            var signature = Feedback.Application.Channels.WeChat.WeChatSignature.Compute(token, timestamp, "1");
            using var response = await host.Http.PostAsync($"api/channels/wechat?signature={signature}&timestamp={timestamp}&nonce=1&openid={openId}",
                new StringContent(xml, System.Text.Encoding.UTF8, "text/xml"));
            return response.StatusCode;
        }

        var flooding = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) flooding.Add(await PushAsync("oFlooding-openid-000000001", i));
        var other = await PushAsync("oQuiet-openid-00000000002", 0);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], flooding);
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.Equal(4, (await host.GetJsonAsync("api/tickets?channel=wechat"))["tickets"]!.AsArray().Count);
    }

    [Fact]
    public async Task One_contact_is_limited_whichever_address_it_posts_from_and_nothing_refused_is_stored()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Contact:Permits"] = "3", ["Reports:Schedule"] = "off" });
        using var neighbour = From("127.0.0.3", host);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var client = i % 2 == 0 ? host.Http : neighbour;
            using var response = await client.PostAsJsonAsync("api/channels/webform", new { content = $"第{i}次投诉：快递丢了", contact = "spam@example.com" });
            statuses.Add(response.StatusCode);
        }
        using var someoneElse = await host.PostJsonAsync("api/channels/webform", new { content = "我的快递也丢了", contact = "13900000002" });

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Accepted, someoneElse.StatusCode);
        Assert.Equal(4, (await host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray().Count);
    }

    [Fact]
    public async Task Two_hundred_posts_at_once_from_one_contact_get_exactly_its_permits_and_every_202_is_stored()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Contact:Permits"] = "20", ["RateLimits:WebForm:Permits"] = "1000", ["Reports:Schedule"] = "off",
        });
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await host.PostJsonAsync("api/channels/webform", new { content = $"第{i}次：退款还没到账", contact = "13912345678" });
            var retry = response.Headers.RetryAfter?.Delta;
            return (response.StatusCode, retry, response.StatusCode == HttpStatusCode.Accepted
                ? (await RunningHost.ReadJsonAsync(response))["ticketNumber"]!.GetValue<string>() : null);
        }));
        using var other = await host.PostJsonAsync("api/channels/webform", new { content = "我的退款也没到", contact = "13987654321" });

        Assert.Equal(20, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(180, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        // The contact's window is an hour long and began with this burst.
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests), a => Assert.InRange(a.retry!.Value.TotalSeconds, 3500, 3600));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        var stored = (await host.GetJsonAsync("api/tickets?limit=1000"))["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])).ToHashSet();
        Assert.Equal(21, stored.Count);
        Assert.All(answers.Where(a => a.Item3 is not null), a => Assert.Contains(a.Item3!, stored));
    }

    [Fact]
    public async Task A_contact_window_opens_again_when_it_ends_and_ended_windows_are_swept_so_memory_holds_one_window_of_contacts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var limits = new PublicLimits(Options.Create(new RateLimitOptions { Contact = new Limit { Permits = 2, Window = TimeSpan.FromHours(1) } }), time);
        Assert.Null(limits.CheckContact("a@example.com"));
        Assert.Null(limits.CheckContact(" A@Example.com"));
        Assert.Equal("3600", await RetryAfterOf(limits.CheckContact("a@example.com")));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("60", await RetryAfterOf(limits.CheckContact("a@example.com")));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(limits.CheckContact("a@example.com"));

        for (var i = 0; i < 10_000; i++) Assert.Null(limits.CheckContact($"1380000{i:D4}"));
        Assert.Equal(10_001, limits.ContactsTracked);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(limits.CheckContact("b@example.com"));
        Assert.Equal(1, limits.ContactsTracked);
    }

    private static async Task<string?> RetryAfterOf(Microsoft.AspNetCore.Http.IResult? refusal)
    {
        Assert.NotNull(refusal);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        await refusal.ExecuteAsync(http);
        Assert.Equal(429, http.Response.StatusCode);
        return http.Response.Headers.RetryAfter;
    }

    [Fact]
    public async Task The_satisfaction_link_is_limited_per_address()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Link:Permits"] = "5", ["Reports:Schedule"] = "off" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await host.Http.GetAsync($"s/guess-{i}");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
    }

    [Fact]
    public async Task Without_keys_the_host_is_open_on_loopback_refuses_any_other_address_and_once_a_key_exists_asks_for_it()
    {
        var data = RunningHost.NewDataDirectory();
        var exposed = LocalHost.Build(new LocalHostSettings { DataDirectory = data, Urls = "http://0.0.0.0:0" });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => exposed.StartAsync());
        Assert.Contains("refusing to listen on http://0.0.0.0:0 without API keys", refused.Message);
        await exposed.DisposeAsync();

        string key;
        await using (var open = await RunningHost.StartAsync(dataDirectory: data))
        {
            using (var audit = await open.Http.GetAsync("api/audit")) Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
            key = (await open.App.Services.GetRequiredService<ApiKeys>().CreateAsync("王管理", "admin", null, TestCallers.Admin, default)).Value.Secret;
            using var closed = await open.Http.GetAsync("api/audit");
            Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
        }

        await using var listening = LocalHost.Build(new LocalHostSettings { DataDirectory = data, Urls = "http://0.0.0.0:0" });
        await listening.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listening.Address().Port}/") };
        using (var anonymous = await http.GetAsync("api/tickets")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using (var signedIn = await http.GetAsync("api/tickets")) Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using (var webform = await http.PostAsJsonAsync("api/channels/webform", new { content = "公开的表单仍可提交" })) Assert.Equal(HttpStatusCode.Accepted, webform.StatusCode);
        await listening.StopAsync();
        RunningHost.TryDelete(data);
    }

    /// <summary>A client whose connections come from another loopback address, as a second customer's would.</summary>
    private static HttpClient From(string address, RunningHost host) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = host.Http.BaseAddress };
}
