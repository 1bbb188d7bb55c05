using System.Net;
using System.Text.Json.Nodes;
using Feedback.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

public sealed class WebFormIntakeTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "{}", "content", "missing content" },
        { """{"content":"   "}""", "content", "blank content" },
        { $$"""{"content":"{{new string('长', 5001)}}"}""", "content", "content over 5,000 characters" },
        { """{"content":"ok","name":"{{N}}"}""".Replace("{{N}}", new string('n', 101)), "name", "name too long" },
        { """{"content":"ok","contact":"{{C}}"}""".Replace("{{C}}", new string('1', 201)), "contact", "contact too long" },
        { """{"content":"ok","externalId":"{{E}}"}""".Replace("{{E}}", new string('e', 201)), "externalId", "externalId too long" },
        { """{"content":123}""", "content", "content not a string" },
        { """{"content":"ok","submittedAt":"yesterday"}""", "submittedAt", "submittedAt not a date" },
        { """{"content":"ok",""", "body", "malformed JSON" },
        { "[1,2]", "body", "not an object" },
        { "null", "body", "JSON null" },
        { "", "body", "empty body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_naming_the_field_and_stores_nothing(string body, string field, string why)
    {
        using var response = await _host.PostRawAsync("api/channels/webform", body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, why);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Body_over_64_KiB_is_413_and_stores_nothing()
    {
        var body = $$"""{"content":"ok","name":"{{new string('x', 65 * 1024)}}"}""";
        using var response = await _host.PostRawAsync("api/channels/webform", body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "64 KiB");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_413_and_stores_nothing()
    {
        var body = $$"""{"content":"ok","name":"{{new string('x', 65 * 1024)}}"}""";
        using var response = await PostChunkedAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "64 KiB");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_accepted()
    {
        using var response = await PostChunkedAsync("""{"content":"分块发送的反馈：页面加载很慢"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ticket = await _host.TicketAsync(RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]));
        Assert.Equal("分块发送的反馈：页面加载很慢", RunningHost.Text(ticket["feedback"]!["content"]));
    }

    // A stream of unknown length goes out chunked: the server cannot size the body from Content-Length.
    private Task<HttpResponseMessage> PostChunkedAsync(string body)
    {
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/channels/webform") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return _host.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_JSON_is_415_and_stores_nothing(string contentType)
    {
        using var response = await _host.PostRawAsync("api/channels/webform", """{"content":"ok"}""", contentType);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", contentType);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Name_and_contact_are_masked_everywhere_but_the_protected_field()
    {
        var number = await _host.SubmitAsync(new
        {
            content = "客服态度很差，我的邮箱是 john.smith@example.com，电话 13812345678，请回电",
            name = "欧阳娜娜",
            contact = "john.smith@example.com",
        });

        var ticket = await _host.TicketAsync(number);
        var list = await _host.GetJsonAsync("api/tickets");

        Assert.Equal("欧***", RunningHost.Text(ticket["feedback"]!["customerName"]));
        Assert.Equal("j***@example.com", RunningHost.Text(ticket["feedback"]!["contact"]));
        Assert.Equal("客服态度很差，我的邮箱是 j***@example.com，电话 ****5678，请回电", RunningHost.Text(ticket["feedback"]!["content"]));
        Assert.Equal("john.smith@example.com", RunningHost.Text(ticket["contact"]!["value"]));
        var listed = list["tickets"]!.ToJsonString();
        Assert.DoesNotContain("john.smith", listed);
        Assert.DoesNotContain("欧阳娜娜", listed);
    }

    [Fact]
    public async Task The_same_external_id_returns_the_existing_ticket_with_200()
    {
        using var first = await _host.PostJsonAsync("api/channels/webform", new { content = "第一次提交", externalId = "form-778" });
        using var second = await _host.PostJsonAsync("api/channels/webform", new { content = "重复推送的内容不同", externalId = "form-778" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await RunningHost.ReadJsonAsync(first);
        var b = await RunningHost.ReadJsonAsync(second);
        Assert.Equal(RunningHost.Text(a["ticketNumber"]), RunningHost.Text(b["ticketNumber"]));
        Assert.True(b["duplicate"]!.GetValue<bool>());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        // A channel resending its own item is transport, not the customer asking again.
        Assert.DoesNotContain(HistoryKinds(await _host.TicketAsync(RunningHost.Text(a["ticketNumber"]))), k => k == "repeated");
    }

    internal static IEnumerable<string> HistoryKinds(JsonNode ticket) => ticket["history"]!.AsArray().Select(h => RunningHost.Text(h!["kind"]));

    [Fact]
    public async Task Parallel_duplicates_open_one_ticket()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            _host.PostJsonAsync("api/channels/webform", new { content = "同一条反馈", contact = "13700001234" })));

        var numbers = await Task.WhenAll(responses.Select(async r => RunningHost.Text((await RunningHost.ReadJsonAsync(r))["ticketNumber"])));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        Assert.Empty(await _host.EventsAsync());
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string why)
    {
        Assert.True(status == response.StatusCode, $"{why}: expected {status}, got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["title"]);
        Assert.True(problem["errors"]?[field] is JsonArray { Count: > 0 }, $"{why}: no error named '{field}' in {problem.ToJsonString()}");
    }
}

public sealed class DuplicateWindowTests
{
    [Fact]
    public async Task Same_content_from_the_same_contact_is_a_duplicate_for_10_minutes_only()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await RunningHost.StartAsync(time: time);
        var form = new { content = "物流太慢了，一周还没到", contact = "13812345678" };

        using var first = await host.PostJsonAsync("api/channels/webform", form);
        time.Advance(TimeSpan.FromMinutes(9));
        using var within = await host.PostJsonAsync("api/channels/webform", new { content = "物流太慢了，一周还没到 ", contact = "13812345678" });
        using var otherSender = await host.PostJsonAsync("api/channels/webform", new { content = form.content, contact = "13900009999" });
        time.Advance(TimeSpan.FromMinutes(2));
        using var after = await host.PostJsonAsync("api/channels/webform", form);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, otherSender.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        var firstNumber = RunningHost.Text((await RunningHost.ReadJsonAsync(first))["ticketNumber"]);
        Assert.Equal(firstNumber, RunningHost.Text((await RunningHost.ReadJsonAsync(within))["ticketNumber"]));
        Assert.NotEqual(firstNumber, RunningHost.Text((await RunningHost.ReadJsonAsync(after))["ticketNumber"]));
        // The customer asking again within the window joins the ticket's history, with when and where.
        var repeat = Assert.Single((await host.TicketAsync(firstNumber))["history"]!.AsArray(), h => RunningHost.Text(h!["kind"]) == "repeated")!;
        Assert.Equal("webform", RunningHost.Text(repeat["actor"]));
        Assert.Equal(time.GetUtcNow().AddMinutes(-2), repeat["at"]!.GetValue<DateTimeOffset>());
    }
}

public sealed class TicketNumberConcurrencyTests
{
    [Fact]
    public async Task Hundreds_of_parallel_posts_get_unique_gap_free_numbers()
    {
        await using var host = await RunningHost.StartAsync();
        const int count = 300;

        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            host.PostJsonAsync("api/channels/webform", new { content = $"第 {i} 条反馈：页面加载很慢", contact = $"1380000{i:0000}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => RunningHost.Text((await RunningHost.ReadJsonAsync(r))["ticketNumber"])));
        Assert.Equal(count, numbers.Distinct().Count());
        // A run that crosses midnight (Asia/Shanghai) restarts the sequence; each day must still be gap-free from 1.
        foreach (var day in numbers.GroupBy(n => n[..11]))
            Assert.Equal(Enumerable.Range(1, day.Count()), day.Select(n => int.Parse(n[12..])).Order());
    }
}
