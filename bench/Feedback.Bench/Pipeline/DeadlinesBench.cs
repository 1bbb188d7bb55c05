using Feedback.Testing;

using System.Text.Json.Nodes;

/// <summary>
/// Do deadlines fire on time at scale? Posts <c>open</c> tickets evenly over <c>spread</c> seconds with a
/// response deadline of spread + 15 s, so every ticket is open when the first deadline falls and the
/// deadlines fall across <c>spread</c> seconds; then measures escalated-at − due for each.
/// Usage: <c>-- deadlines [open] [spread-seconds]</c>.
/// </summary>
internal static class DeadlinesBench
{
    public static async Task<int> RunAsync(int open, double spread)
    {
        var respond = TimeSpan.FromSeconds(spread + 15);
        using var server = ServerProcess.InTemp($"--Sla:Rules:0:Respond={respond:c}", "--Sla:Rules:0:Resolve=1.00:00:00");
        await server.StartAsync();
        var feed = new EventFeed(server.Http);

        var acked = await Posting.AtRateAsync(server.Http, open / spread, spread);
        await feed.PollAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {acked.Count} open tickets, response due {respond.TotalSeconds:0} s after receipt, deadlines spread over {spread:0} s");

        // The plan is receipt + the rule; check that against the stored plan of some tickets, then use it for all.
        var due = acked.Keys.ToDictionary(n => n, n => feed.First[(n, "ticket.created")] + respond);
        foreach (var number in acked.Keys.Take(50))
        {
            var ticket = JsonNode.Parse(await server.Http.GetStringAsync($"api/tickets/{number}"))!;
            var stored = ticket["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
            if (stored != due[number]) throw new InvalidOperationException($"{number}: stored respondBy {stored:O}, expected {due[number]:O}");
        }

        bool AllEscalated() => acked.Keys.All(n => feed.First.ContainsKey((n, "ticket.escalated")));
        var done = await feed.FollowUntilAsync(AllEscalated, respond + TimeSpan.FromSeconds(60));
        var late = acked.Keys.Where(n => feed.First.ContainsKey((n, "ticket.escalated")))
            .Select(n => (feed.First[(n, "ticket.escalated")] - due[n]).TotalMilliseconds).ToList();
        var twice = feed.All.Where(e => e.Type == "ticket.escalated").GroupBy(e => e.Ticket).Count(g => g.Count() > 1);
        var early = late.Count(l => l < 0);
        Console.WriteLine($"escalated {late.Count} of {acked.Count}; escalated twice: {twice}; before due: {early}");
        Console.WriteLine(Percentiles.Line("lateness (escalated-at − due)", late));
        return done && twice == 0 && early == 0 ? 0 : 1;
    }
}
