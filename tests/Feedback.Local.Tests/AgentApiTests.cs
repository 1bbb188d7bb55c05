using System.Net;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class AgentApiTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)));
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("api/tickets/FB-20990101-000001")]
    [InlineData("api/tickets/not-a-ticket")]
    public async Task Unknown_ticket_is_404(string path)
    {
        using var response = await _host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("respond")]
    [InlineData("resolve")]
    public async Task Commands_on_an_unknown_ticket_are_404(string command)
    {
        using var response = await _host.PostJsonAsync($"api/tickets/FB-20990101-000001/{command}", new { agent = "a", message = "m" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_command_without_agent_or_message_is_400_naming_both()
    {
        var number = await _host.SubmitAsync(new { content = "建议增加夜间模式" });
        using var response = await _host.PostJsonAsync($"api/tickets/{number}/respond", new { message = "" });

        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "agent", "no agent");
        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "message", "no message");
    }

    [Fact]
    public async Task Commands_the_state_forbids_are_409_and_change_nothing()
    {
        var number = await _host.SubmitAsync(new { content = "你们的快递太慢了" });
        using var resolved = await _host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "已催促快递"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        using var again = await _host.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("王", "再次"));
        using var respond = await _host.PostJsonAsync($"api/tickets/{number}/respond", new { agent = "王", message = "迟到的回复" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, respond.StatusCode);
        var ticket = await _host.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing");
        Assert.Equal(1, ticket["history"]!.AsArray().Count(h => RunningHost.Text(h!["kind"]) == "resolved"));
        Assert.DoesNotContain(ticket["history"]!.AsArray(), h => RunningHost.Text(h!["kind"]) == "responded");
    }

    [Fact]
    public async Task Every_response_is_kept_in_the_history_but_only_the_first_is_the_response_time()
    {
        var number = await _host.SubmitAsync(new { content = "请问会员怎么续费？" });
        using var first = await _host.PostJsonAsync($"api/tickets/{number}/respond", new { agent = "甲", message = "您好，在我的-会员中心续费" });
        var respondedAt = (await _host.TicketAsync(number))["respondedAt"]!.GetValue<DateTimeOffset>();
        using var second = await _host.PostJsonAsync($"api/tickets/{number}/respond", new { agent = "乙", message = "补充：也可以自动续费" });

        var ticket = await _host.TicketAsync(number);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(respondedAt, ticket["respondedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["甲", "乙"], ticket["history"]!.AsArray().Where(h => RunningHost.Text(h!["kind"]) == "responded").Select(h => RunningHost.Text(h!["actor"])));
        Assert.Single(await _host.EventsAsync(number), e => RunningHost.Text(e["type"]) == "ticket.responded");
    }

    [Fact]
    public async Task Tickets_list_filters_by_status_and_rejects_bad_filters()
    {
        var open = await _host.SubmitAsync(new { content = "产品质量很好，点赞" });
        var resolved = await _host.SubmitAsync(new { content = "退款什么时候到账？" });
        using var _ = await _host.PostJsonAsync($"api/tickets/{resolved}/resolve", Resolutions.Body("王", "已到账"));
        await _host.WaitForTicketAsync(resolved, t => RunningHost.Text(t["status"]) == "closed", "closing");

        var openList = await _host.GetJsonAsync("api/tickets?status=open");
        var closedList = await _host.GetJsonAsync("api/tickets?status=closed");
        var breached = await _host.GetJsonAsync("api/tickets?breached=true");
        using var badStatus = await _host.Http.GetAsync("api/tickets?status=lost");
        using var badBreached = await _host.Http.GetAsync("api/tickets?breached=maybe");

        Assert.Equal([open], openList["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        Assert.Equal([resolved], closedList["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        Assert.Empty(breached["tickets"]!.AsArray());
        Assert.Null(openList["tickets"]![0]!["contact"]);
        await WebFormIntakeTests.AssertProblemAsync(badStatus, HttpStatusCode.BadRequest, "status", "bad status");
        await WebFormIntakeTests.AssertProblemAsync(badBreached, HttpStatusCode.BadRequest, "breached", "bad breached");
    }

    [Fact]
    public async Task Health_names_each_part_and_its_state()
    {
        var health = await _host.GetJsonAsync("api/health");

        Assert.Equal("healthy", RunningHost.Text(health["status"]));
        Assert.Equal("healthy", RunningHost.Text(health["parts"]!["store"]!["state"]));
        Assert.Equal("healthy", RunningHost.Text(health["parts"]!["workflows"]!["state"]));
        Assert.Equal(0, health["parts"]!["workflows"]!["backlog"]!["untriaged"]!.GetValue<int>());
        Assert.Equal(60, health["parts"]!["workflows"]!["backlog"]!["degradedAfterSeconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task Events_feed_pages_with_after_and_rejects_a_bad_cursor()
    {
        await _host.SubmitAsync(new { content = "一" });
        await _host.SubmitAsync(new { content = "二" });
        var first = await _host.GetJsonAsync("api/events?after=0&limit=1");
        var next = first["next"]!.GetValue<long>();
        var rest = await _host.GetJsonAsync($"api/events?after={next}");
        using var bad = await _host.Http.GetAsync("api/events?after=-1");

        Assert.Single(first["events"]!.AsArray());
        Assert.All(rest["events"]!.AsArray(), e => Assert.True(e!["sequence"]!.GetValue<long>() > next));
        await WebFormIntakeTests.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "after", "negative cursor");
    }
}
