using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Feedback.Testing;

/// <summary>
/// <c>kill -9</c> under load: clients post as fast as they are answered, the host is killed with SIGKILL
/// mid-stream and started again on the same data. Every acknowledged ticket must be there, be triaged once,
/// and escalate once: at its stored due time, or within 2 s of the restart if that passed while the host was down.
/// Usage: <c>-- crash [clients] [seconds] [respond-seconds]</c>.
/// </summary>
internal static class CrashBench
{
    public static async Task<int> RunAsync(int clients, double seconds, double respondSeconds)
    {
        var respond = TimeSpan.FromSeconds(respondSeconds);
        using var server = ServerProcess.InTemp($"--Sla:Rules:0:Respond={respond:c}", "--Sla:Rules:0:Resolve=1.00:00:00");
        await server.StartAsync();

        var acked = new ConcurrentDictionary<string, DateTimeOffset>();
        using var stop = new CancellationTokenSource();
        var posting = Posting.ClientsAsync(server.Http, clients, acked, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        server.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        await stop.CancelAsync();
        await posting;
        var acknowledged = acked.Keys.ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StartAsync();
        var ready = DateTimeOffset.UtcNow;
        var feed = new EventFeed(server.Http);
        bool AllEscalated() => acknowledged.All(n => feed.First.ContainsKey((n, "ticket.escalated")));
        var done = await feed.FollowUntilAsync(AllEscalated, respond + TimeSpan.FromSeconds(120));

        var stored = 0;
        var plans = new ConcurrentDictionary<string, DateTimeOffset>();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (number, _) =>
        {
            using var response = await server.Http.GetAsync($"api/tickets/{number}");
            if (!response.IsSuccessStatusCode) return;
            Interlocked.Increment(ref stored);
            var ticket = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (ticket["deadlines"]?["respondBy"]?.GetValue<DateTimeOffset>() is { } due) plans[number] = due;
        });
        var untriagedAtKill = acknowledged.Count(n => !feed.All.Any(e => e.Ticket == n && e.Type == "ticket.triaged" && e.At < killedAt));
        var triagedTwice = feed.All.Where(e => e.Type == "ticket.triaged").GroupBy(e => e.Ticket).Count(g => g.Count() > 1);
        // Only the response deadline falls within the run, so a second escalation of a ticket, at any level, is a repeat.
        var escalatedTwice = feed.All.Where(e => e.Type == "ticket.escalated").GroupBy(e => e.Ticket).Count(g => g.Count() > 1);

        // A deadline still ahead at the restart is due at its time; one that passed while the host was down, at the restart.
        var lateAtDue = new List<double>();
        var lateAfterRestart = new List<double>();
        var afterProcessStart = new List<double>();
        foreach (var (number, due) in plans)
        {
            if (!feed.First.TryGetValue((number, "ticket.escalated"), out var at)) continue;
            if (due > ready) lateAtDue.Add((at - due).TotalMilliseconds);
            else if (feed.All.Any(e => e.Ticket == number && e.Type == "ticket.triaged" && e.At < killedAt))
            {
                lateAfterRestart.Add((at - ready).TotalMilliseconds);
                afterProcessStart.Add((at - server.StartedAt).TotalMilliseconds);
            }
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {clients} clients posting for {seconds:0} s, SIGKILL, restart after 1 s; response due {respondSeconds:0} s after receipt");
        Console.WriteLine($"acknowledged {acknowledged.Count}, stored {stored}, lost {acknowledged.Count - stored}; untriaged at the kill {untriagedAtKill}");
        Console.WriteLine($"restart: process start to first answer {(ready - server.StartedAt).TotalMilliseconds:0} ms");
        Console.WriteLine($"after the restart: triaged {acknowledged.Count(n => feed.First.ContainsKey((n, "ticket.triaged")))}, escalated {acknowledged.Count(n => feed.First.ContainsKey((n, "ticket.escalated")))}");
        Console.WriteLine($"repeated steps: tickets triaged twice {triagedTwice}, tickets escalated twice {escalatedTwice}");
        Console.WriteLine(Percentiles.Line("lateness, deadline after the restart (escalated-at − due)", lateAtDue));
        Console.WriteLine(Percentiles.Line("lateness, deadline passed while down (escalated-at − ready)", lateAfterRestart));
        Console.WriteLine(Percentiles.Line("the same, from the new process's start (escalated-at − process start)", afterProcessStart));
        return done && stored == acknowledged.Count && triagedTwice == 0 && escalatedTwice == 0 ? 0 : 1;
    }
}
