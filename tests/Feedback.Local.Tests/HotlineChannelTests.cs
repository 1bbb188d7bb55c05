using System.Net;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class HotlineChannelTests : IAsyncLifetime
{
    private const string Secret = "hotline-test-secret";
    private const string Path = "api/channels/hotline";
    private RunningHost _host = null!;

    // A call record as a call-centre system posts it; the notes alone would read as a neutral question.
    private static string Call(string callId = "C20261124-0042", string ivr = "投诉", int key = 3, string extra = "") => $$"""
        {
          "callId": "{{callId}}",
          "callerNumber": "13812345678",
          "callerName": "王小明",
          "startedAt": "2026-11-24T09:10:00+08:00",
          "endedAt": "2026-11-24T09:16:30+08:00",
          "ivrChoice": "{{ivr}}",
          "agentNotes": "客户来电询问上周报修的冰箱何时上门{{extra}}",
          "satisfactionKey": {{key}},
          "recordingUrl": "https://recordings.example.com/C20261124-0042.mp3"
        }
        """;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:hotline"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_call_record_opens_a_ticket_its_IVR_choice_classifies()
    {
        using var response = await _host.PostSignedAsync(Path, Call(), Secret);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);

        var ticket = await _host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");

        Assert.Equal(("hotline", "complaint", "投诉"), (RunningHost.Text(ticket["channel"]), RunningHost.Text(ticket["analysis"]!["classification"]!["type"]), RunningHost.Text(ticket["typeLabel"])));
        Assert.Equal(1.0, ticket["analysis"]!["classification"]!["typeConfidence"]!.GetValue<double>());
        Assert.Contains("hotline:投诉", ticket["analysis"]!["classification"]!["evidence"]!.AsArray().Select(e => RunningHost.Text(e)));
        Assert.Equal("不满意", RunningHost.Text(ticket["satisfaction"]));
        Assert.Equal(("C20261124-0042", "390"), (RunningHost.Text(ticket["feedback"]!["details"]!["callId"]), RunningHost.Text(ticket["feedback"]!["details"]!["durationSeconds"])));
        Assert.Equal(("王**", "****5678"), (RunningHost.Text(ticket["feedback"]!["customerName"]), RunningHost.Text(ticket["feedback"]!["contact"])));
    }

    [Fact]
    public async Task The_same_call_posted_again_returns_its_ticket()
    {
        using var first = await _host.PostSignedAsync(Path, Call(), Secret);
        using var again = await _host.PostSignedAsync(Path, Call(), Secret);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task Wrong_missing_or_stale_signatures_are_401_and_store_nothing()
    {
        using var wrongSecret = await _host.PostSignedAsync(Path, Call(), "not-the-secret");
        using var tampered = await _host.PostSignedAsync(Path, Call(), Secret, signature: "sha256=" + new string('0', 64));
        using var stale = await _host.PostSignedAsync(Path, Call(), Secret, at: DateTimeOffset.UtcNow.AddMinutes(-6));
        using var unsigned = await _host.PostRawAsync(Path, Call(), "application/json");

        await WebFormIntakeTests.AssertProblemAsync(wrongSecret, HttpStatusCode.Unauthorized, "X-Feedback-Signature", "wrong secret");
        await WebFormIntakeTests.AssertProblemAsync(tampered, HttpStatusCode.Unauthorized, "X-Feedback-Signature", "tampered");
        await WebFormIntakeTests.AssertProblemAsync(stale, HttpStatusCode.Unauthorized, "X-Feedback-Timestamp", "stale");
        await WebFormIntakeTests.AssertProblemAsync(unsigned, HttpStatusCode.Unauthorized, "X-Feedback-Signature", "unsigned");
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"callerNumber":"13800000000","agentNotes":"x"}""", "callId")]
    [InlineData("""{"callId":"c1"}""", "agentNotes")]
    [InlineData("""{"callId":"c1","agentNotes":"x","ivrChoice":"闲聊"}""", "ivrChoice")]
    [InlineData("""{"callId":"c1","agentNotes":"x","satisfactionKey":5}""", "satisfactionKey")]
    [InlineData("""{"callId":"c1","agentNotes":"x","startedAt":"2026-11-24T10:00:00Z","endedAt":"2026-11-24T09:00:00Z"}""", "endedAt")]
    [InlineData("""{"callId":"c1","agentNotes":"x","recordingUrl":"ftp://x/y"}""", "recordingUrl")]
    [InlineData("""{"callId":"c1","agentNotes":"x","satisfactionKey":"one"}""", "satisfactionKey")]
    public async Task A_signed_but_invalid_call_is_400_naming_the_field(string json, string field)
    {
        using var response = await _host.PostSignedAsync(Path, json, Secret);

        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, field, field);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task A_channel_without_a_configured_secret_takes_nothing()
    {
        await using var host = await RunningHost.StartAsync();
        using var response = await host.PostSignedAsync(Path, Call(), Secret);

        await WebFormIntakeTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "X-Feedback-Signature", "no secret");
    }
}
