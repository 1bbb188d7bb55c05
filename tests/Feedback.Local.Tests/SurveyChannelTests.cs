using System.Net;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class SurveyChannelTests : IAsyncLifetime
{
    private const string Secret = "survey-test-secret";
    private const string Path = "api/channels/survey";
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:survey"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_answer_with_a_ticket_number_rates_that_ticket_once_and_opens_nothing()
    {
        var number = await _host.SubmitAsync(new { content = "快递太慢了" });
        var answer = $$$"""{"surveyId":"post-ticket","responseId":"r-1","ticketNumber":"{{{number}}}","ratings":{"easeOfUse":2,"attitude":3,"resolutionEfficiency":1}}""";

        using var rated = await _host.PostSignedAsync(Path, answer, Secret);
        using var again = await _host.PostSignedAsync(Path, answer, Secret);

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var body = await RunningHost.ReadJsonAsync(rated);
        Assert.Equal((number, "不满意"), (RunningHost.Text(body["ticketNumber"]), RunningHost.Text(body["satisfaction"])));
        Assert.True((await RunningHost.ReadJsonAsync(again))["duplicate"]!.GetValue<bool>());
        var ticket = await _host.TicketAsync(number);
        Assert.Equal("不满意", RunningHost.Text(ticket["satisfaction"]));
        Assert.Single(ticket["history"]!.AsArray(), h => RunningHost.Text(h!["kind"]) == "satisfaction");
        Assert.Single(await _host.EventsAsync(number), e => RunningHost.Text(e["type"]) == "ticket.rated");
        Assert.Single((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task An_answer_without_a_ticket_is_new_feedback_keeping_its_ratings()
    {
        using var response = await _host.PostSignedAsync(Path,
            """{"surveyId":"nps-2026-11","responseId":"r-77","satisfaction":"基本满意","ratings":{"easeOfUse":4,"attitude":3},"text":"建议增加夜间客服"}""", Secret);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);
        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        Assert.Equal(("survey", "基本满意", "4"), (RunningHost.Text(ticket["channel"]), RunningHost.Text(ticket["satisfaction"]), RunningHost.Text(ticket["feedback"]!["details"]!["ratings.easeOfUse"])));
        Assert.Equal("suggestion", RunningHost.Text(ticket["analysis"]!["classification"]!["type"]));
    }

    [Fact]
    public async Task Rating_an_unknown_ticket_is_404()
    {
        using var response = await _host.PostSignedAsync(Path, """{"surveyId":"s","responseId":"r","ticketNumber":"FB-20990101-000001","satisfaction":"满意"}""", Secret);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"responseId":"r","text":"x"}""", "surveyId")]
    [InlineData("""{"surveyId":"s","text":"x"}""", "responseId")]
    [InlineData("""{"surveyId":"s","responseId":"r"}""", "text")]
    [InlineData("""{"surveyId":"s","responseId":"r","text":"x","ratings":{"attitude":6}}""", "ratings.attitude")]
    [InlineData("""{"surveyId":"s","responseId":"r","text":"x","satisfaction":"还行"}""", "satisfaction")]
    [InlineData("""{"surveyId":"s","responseId":"r","ticketNumber":"12345"}""", "ticketNumber")]
    [InlineData("""{"surveyId":"s","responseId":"r","ticketNumber":"FB-20261124-000001"}""", "satisfaction")]
    public async Task An_invalid_answer_is_400_naming_the_field(string json, string field)
    {
        using var response = await _host.PostSignedAsync(Path, json, Secret);
        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, field);
    }
}
