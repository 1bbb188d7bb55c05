using System.Net;
using System.Text;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>Every signed channel refuses the same way: wrong or stale signature 401, oversize 413, malformed 400; nothing stored, each refusal counted.</summary>
public sealed class SignedChannelRefusalTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(ChannelFuzz.Configuration());
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("hotline", "application/json", 64 * 1024, "{\"callId\":")]
    [InlineData("social", "application/json", 64 * 1024, "{\"platform\":\"微博\",")]
    [InlineData("survey", "application/json", 64 * 1024, "[1,2")]
    [InlineData("reviews", "application/json", 1024 * 1024, "{\"reviews\":[{]}")]
    [InlineData("email", "message/rfc822", 25 * 1024 * 1024, "From: a@example.cn\r\nContent-Type: multipart/mixed\r\n\r\n--")]
    public async Task Wrong_stale_oversized_and_malformed_bodies_are_refused_and_counted(string channel, string type, int limit, string malformed)
    {
        var path = $"api/channels/{channel}";
        var secret = ChannelFuzz.Secrets[channel];
        var small = Encoding.UTF8.GetBytes(malformed);

        using var wrong = await _host.PostSignedAsync(path, small, type, secret + "x");
        using var stale = await _host.PostSignedAsync(path, small, type, secret, DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-5));
        using var future = await _host.PostSignedAsync(path, small, type, secret, DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(5));
        using var large = await _host.PostSignedAsync(path, new byte[limit + 1], type, secret);
        using var broken = await _host.PostSignedAsync(path, small, type, secret);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest],
            new[] { wrong, stale, future, large, broken }.Select(r => r.StatusCode));
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType!.MediaType);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        var rejected = (await _host.ChannelHealthAsync(channel))["today"]!["rejected"]!;
        Assert.Equal((1L, 2L, 1L), (rejected["signature"]!.GetValue<long>(), rejected["stale"]!.GetValue<long>(), rejected["too-large"]!.GetValue<long>()));
    }
}
