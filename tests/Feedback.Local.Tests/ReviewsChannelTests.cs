using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>Batches from app stores and review sites: one ticket per review, edits update it, stars weigh on sentiment.</summary>
public sealed class ReviewsChannelTests : IAsyncLifetime
{
    private const string Secret = "reviews-test-secret";
    private const string Path = "api/channels/reviews";
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:reviews"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static object AppStore(string id, int rating, string body, DateTimeOffset created, DateTimeOffset? updated = null) => new
    {
        store = "appstore", app = "1234567890", reviewId = id, rating, title = rating <= 2 ? "太失望了" : "不错", body,
        author = "小鱼儿", territory = "CHN", createdAt = created, updatedAt = updated,
    };

    [Fact]
    public async Task A_batch_opens_one_ticket_per_review_and_refuses_a_bad_one_on_its_own()
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new
        {
            reviews = new object?[]
            {
                AppStore("9001", 1, "更新后一直闪退，打开就崩溃，钱都白花了", now.AddHours(-1)),
                new { store = "googleplay", app = "com.example.shop", reviewId = "gp:AOqpTOE", rating = 5, body = "Smooth checkout, fast delivery, love it!", author = "Jane D.", territory = "US", createdAt = now },
                new { store = "appstore", app = "1234567890", reviewId = "9002", rating = 7, body = "?" },
                null,
            },
        };
        using var response = await PostAsync(batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await RunningHost.ReadJsonAsync(response))["results"]!.AsArray();

        Assert.Equal(["created", "created", "rejected", "rejected"], results.Select(r => RunningHost.Text(r!["outcome"])));
        Assert.NotNull(results[2]!["errors"]!["rating"]);
        Assert.NotNull(results[3]!["errors"]!["reviews[3]"]);
        var negative = await _host.WaitForTicketAsync(RunningHost.Text(results[0]!["ticketNumber"]), t => t["analysis"] is not null, "triage");
        var positive = await _host.WaitForTicketAsync(RunningHost.Text(results[1]!["ticketNumber"]), t => t["analysis"] is not null, "triage");
        Assert.Equal(("negative", 1), (RunningHost.Text(negative["analysis"]!["sentiment"]!["label"]), negative["feedback"]!["rating"]!.GetValue<int>()));
        Assert.Contains("rating:1★", negative["analysis"]!["sentiment"]!["evidence"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("positive", RunningHost.Text(positive["analysis"]!["sentiment"]!["label"]));
        Assert.Equal(("appstore", "CHN"), (RunningHost.Text(negative["feedback"]!["details"]!["store"]), RunningHost.Text(negative["feedback"]!["details"]!["territory"])));
        Assert.Equal("小**", RunningHost.Text(negative["feedback"]!["customerName"]));
    }

    [Fact]
    public async Task Stars_outweigh_a_bland_text()
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await PostAsync(new { reviews = new[] { AppStore("9101", 1, "用了一周", now) } });
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["results"]![0]!["ticketNumber"]);
        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        Assert.Equal("negative", RunningHost.Text(ticket["analysis"]!["sentiment"]!["label"]));
    }

    [Fact]
    public async Task A_negative_review_must_be_answered_within_24_hours_of_its_posting()
    {
        var posted = DateTimeOffset.UtcNow.AddHours(-22);
        using var response = await PostAsync(new { reviews = new[] { new { store = "appstore", app = "1234567890", reviewId = "9201", rating = 2, title = "一般", body = "新版界面不太习惯", createdAt = posted } } });
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["results"]![0]!["ticketNumber"]);

        var ticket = await _host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "deadlines");

        // 24 h from posting is 2 h from now: sooner than the 4 h the default rule would give.
        Assert.Equal(("negative", "medium"), (RunningHost.Text(ticket["analysis"]!["sentiment"]!["label"]), RunningHost.Text(ticket["urgency"])));
        var respondBy = ticket["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
        Assert.InRange((respondBy - posted.AddHours(24)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_edited_review_updates_its_ticket_instead_of_opening_another()
    {
        var created = DateTimeOffset.UtcNow.AddHours(-3);
        using var first = await PostAsync(new { reviews = new[] { AppStore("9301", 1, "付款失败三次，客服不回", created) } });
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(first))["results"]![0]!["ticketNumber"]);
        await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");

        using var edited = await PostAsync(new { reviews = new[] { AppStore("9301", 4, "客服后来主动联系了我，问题解决了，点赞", created, created.AddHours(2)) } });
        using var again = await PostAsync(new { reviews = new[] { AppStore("9301", 4, "客服后来主动联系了我，问题解决了，点赞", created, created.AddHours(2)) } });
        using var older = await PostAsync(new { reviews = new[] { AppStore("9301", 1, "付款失败三次，客服不回", created, created.AddHours(1)) } });

        Assert.Equal(["updated", "unchanged", "unchanged"], await OutcomesAsync(edited, again, older));
        var ticket = await _host.TicketAsync(number);
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        Assert.Equal((4, "positive"), (ticket["feedback"]!["rating"]!.GetValue<int>(), RunningHost.Text(ticket["analysis"]!["sentiment"]!["label"])));
        Assert.Contains("问题解决了", RunningHost.Text(ticket["feedback"]!["content"]));
        Assert.Single(ticket["followUps"]!.AsArray());
        Assert.Single(await _host.EventsAsync(number), e => RunningHost.Text(e["type"]) == "ticket.followed-up");
    }

    [Fact]
    public async Task Signature_size_count_and_shape_are_checked_before_any_review_goes_in()
    {
        var one = new { reviews = new[] { AppStore("9401", 2, "一般般", DateTimeOffset.UtcNow) } };
        using var unsigned = await _host.PostRawAsync(Path, JsonSerializer.Serialize(one), "application/json");
        using var wrong = await _host.PostSignedAsync(Path, JsonSerializer.Serialize(one), "not-the-secret");
        using var stale = await _host.PostSignedAsync(Path, JsonSerializer.Serialize(one), Secret, DateTimeOffset.UtcNow.AddMinutes(-10));
        using var tooMany = await PostAsync(new { reviews = Enumerable.Range(0, 101).Select(i => AppStore($"x{i}", 3, "还行", DateTimeOffset.UtcNow)).ToArray() });
        using var tooLarge = await _host.PostSignedAsync(Path, JsonSerializer.Serialize(new { reviews = new[] { new { body = new string('a', 1024 * 1024) } } }), Secret);
        using var malformed = await _host.PostSignedAsync(Path, "{\"reviews\": [", Secret);
        using var empty = await PostAsync(new { reviews = Array.Empty<object>() });

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            new[] { unsigned, wrong, stale, tooMany, tooLarge, malformed, empty }.Select(r => r.StatusCode));
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        var health = (await _host.ChannelHealthAsync("reviews"))["today"]!;
        Assert.Equal(7, health["arrivals"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_edited_review_resumes_a_ticket_waiting_for_the_reviewer()
    {
        var posted = DateTimeOffset.UtcNow.AddMinutes(-10);
        using var first = await PostAsync(new { reviews = new[] { AppStore("9301", 2, "付款后一直显示待支付", posted) } });
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(first))["results"]![0]!["ticketNumber"]);
        await _host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        using var wait = await _host.PostJsonAsync($"api/tickets/{number}/wait", new { agent = "李", reason = "customer", message = "已在评论区回复，请提供订单号" });
        Assert.Equal(System.Net.HttpStatusCode.OK, wait.StatusCode);

        using var edited = await PostAsync(new { reviews = new[] { AppStore("9301", 3, "订单号 A123456，还是待支付", posted, DateTimeOffset.UtcNow) } });

        Assert.Equal(["updated"], await OutcomesAsync(edited));
        var ticket = await _host.TicketAsync(number);
        Assert.Equal("responded", RunningHost.Text(ticket["status"]));
        Assert.Equal(("resumed", "customer"), (RunningHost.Text(ticket["history"]!.AsArray().Last()!["kind"]), RunningHost.Text(ticket["history"]!.AsArray().Last()!["actor"])));
    }

    private static async Task<List<string>> OutcomesAsync(params HttpResponseMessage[] responses)
    {
        var outcomes = new List<string>();
        foreach (var r in responses) outcomes.Add(RunningHost.Text((await RunningHost.ReadJsonAsync(r))["results"]![0]!["outcome"]));
        return outcomes;
    }

    private Task<HttpResponseMessage> PostAsync(object batch) =>
        _host.PostSignedAsync(Path, JsonSerializer.Serialize(batch, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Secret);
}
