using System.Diagnostics;
using Feedback.Testing;

/// <summary>The full parser fuzz run: random and mutated bodies for every channel against the local host; prints the status mix and any 5xx.</summary>
internal static class FuzzBench
{
    public static async Task<int> RunAsync(int count, int seed)
    {
        await using var host = await RunningHost.StartAsync(ChannelFuzz.Configuration());
        var fuzz = new ChannelFuzz(host.Http, ChannelFuzz.Secrets, ChannelFuzz.WeChatToken, seed);
        var watch = Stopwatch.StartNew();
        var (statuses, failures) = await fuzz.RunAsync(count, concurrency: 16);
        watch.Stop();

        Console.WriteLine($"fuzz: {statuses.Values.Sum():N0} inputs (seed {seed}) in {watch.Elapsed.TotalSeconds:0.0} s, {statuses.Values.Sum() / watch.Elapsed.TotalSeconds:0} per second");
        foreach (var channel in statuses.GroupBy(s => s.Key.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {channel.Key,-8} " + string.Join("  ", channel.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key.Split(' ')[1]}: {s.Value}")));
        Console.WriteLine($"5xx: {failures.Count}");
        foreach (var f in failures.Take(5)) Console.WriteLine($"  {f.Channel} {f.Status}: {f.Response[..Math.Min(300, f.Response.Length)]}");
        return failures.Count == 0 ? 0 : 1;
    }
}
