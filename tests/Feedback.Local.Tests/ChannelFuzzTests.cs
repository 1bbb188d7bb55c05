using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>A fixed-seed slice of the parser fuzz run (the bench runs 100,000): nothing any channel receives makes a 5xx.</summary>
public sealed class ChannelFuzzTests
{
    [Fact]
    public async Task Three_thousand_random_and_mutated_bodies_across_every_channel_get_no_5xx()
    {
        await using var host = await RunningHost.StartAsync(ChannelFuzz.Configuration());
        var fuzz = new ChannelFuzz(host.Http, ChannelFuzz.Secrets, ChannelFuzz.WeChatToken, seed: 20261124);

        var (statuses, failures) = await fuzz.RunAsync(3000);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3).Select(f => $"{f.Channel} {f.Status}: {f.Body[..Math.Min(300, f.Body.Length)]} -> {f.Response[..Math.Min(500, f.Response.Length)]}")));
        Assert.Equal(3000, statuses.Values.Sum());
        // The run reaches the parsers and past them: refusals and acceptances on every channel.
        foreach (var channel in new[] { "webform", "hotline", "social", "survey", "reviews", "wechat", "email" })
        {
            Assert.Contains(statuses, s => s.Key.StartsWith(channel + " 4", StringComparison.Ordinal));
            Assert.Contains(statuses, s => s.Key.StartsWith(channel + " 2", StringComparison.Ordinal));
        }
    }
}
