using Feedback.Testing;

/// <summary>
/// Does triage keep up with intake? Posts at a steady rate for a while and follows the event feed:
/// the time from each 202 to its <c>ticket.triaged</c>, and how long the backlog takes to drain after the last post.
/// Usage: <c>-- pipeline [rate] [seconds]</c>.
/// </summary>
internal static class PipelineBench
{
    public static async Task<int> RunAsync(double rate, double seconds)
    {
        using var server = ServerProcess.InTemp();
        await server.StartAsync();
        var feed = new EventFeed(server.Http);
        using var stop = new CancellationTokenSource();
        var following = Task.Run(async () => { while (!stop.IsCancellationRequested) { await feed.PollAsync(); await Task.Delay(20); } });

        var cpuBefore = server.CpuTime();
        var acked = await Posting.AtRateAsync(server.Http, rate, seconds);
        var lastAck = acked.Values.DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
        bool AllTriaged() => acked.Keys.All(n => feed.First.ContainsKey((n, "ticket.triaged")));
        var drained = await feed.FollowUntilAsync(AllTriaged, TimeSpan.FromSeconds(120));
        var cpu = server.CpuTime() - cpuBefore;
        await stop.CancelAsync();
        await following;

        var triaged = acked.Where(a => feed.First.ContainsKey((a.Key, "ticket.triaged")))
            .Select(a => (a.Key, Latency: Math.Max(0, (feed.First[(a.Key, "ticket.triaged")] - a.Value).TotalMilliseconds))).ToList();
        var lastTriaged = triaged.Count == 0 ? lastAck : triaged.Max(t => feed.First[(t.Key, "ticket.triaged")]);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {rate:0}/s for {seconds:0} s, open loop, server in its own process");
        Console.WriteLine($"posted {(int)(rate * seconds)}, acknowledged {acked.Count}, triaged {triaged.Count}; server CPU {cpu.TotalMilliseconds / Math.Max(1, acked.Count):0.0} ms per ticket");
        Console.WriteLine(Percentiles.Line("202 → ticket.triaged", triaged.Select(t => t.Latency)));
        Console.WriteLine(drained
            ? $"drain after the last 202: {Math.Max(0, (lastTriaged - lastAck).TotalSeconds):0.00} s"
            : $"not drained: {acked.Count - triaged.Count} still untriaged 120 s after the last post");
        return drained && acked.Count == (int)(rate * seconds) ? 0 : 1;
    }
}
