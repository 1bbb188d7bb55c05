using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;
using Feedback.Testing;

using System.Text.Json.Nodes;

/// <summary>
/// Do deadlines fire on time at scale? Posts <c>open</c> tickets evenly over <c>spread</c> seconds with a
/// response deadline of spread + 15 s, so every ticket is open when the first deadline falls and the
/// deadlines fall across <c>spread</c> seconds; then measures escalated-at − due for each.
/// With <c>working</c>, the response target is working time over a calendar of one working minute in two,
/// every day, so each deadline is computed over hundreds of working periods and skips the breaks between.
/// Usage: <c>-- deadlines [open] [spread-seconds] [working]</c>.
/// </summary>
internal static class DeadlinesBench
{
    public static async Task<int> RunAsync(int open, double spread, bool working)
    {
        var respond = TimeSpan.FromSeconds(spread + 15);
        var workingMinutes = (int)Math.Ceiling(respond.TotalMinutes);
        var alternate = string.Join(',', Enumerable.Range(0, 720).Select(i => $"{i * 2 / 60:00}:{i * 2 % 60:00}-{(i * 2 + 1) / 60:00}:{(i * 2 + 1) % 60:00}"));
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            BusinessCalendar.Week(Enum.GetValues<DayOfWeek>(), [.. WorkingPeriods.Parse(alternate)!]), [], [], new HashSet<int>());
        string[] rule = working
            ? [$"--Sla:Rules:0:Respond={workingMinutes} working minutes", "--Business:OfficialHolidays=none",
               .. Enum.GetValues<DayOfWeek>().Select(d => $"--Business:Hours:{d}={alternate}")]
            : [$"--Sla:Rules:0:Respond={respond:c}"];
        using var server = ServerProcess.InTemp([.. rule, "--Sla:Rules:0:Resolve=1.00:00:00"]);
        await server.StartAsync();
        var feed = new EventFeed(server.Http);

        var acked = await Posting.AtRateAsync(server.Http, open / spread, spread);
        await feed.PollAsync();
        var target = working ? $"{SlaDuration.WorkingTime(TimeSpan.FromMinutes(workingMinutes))} (one minute in two is working time)" : $"{respond.TotalSeconds:0} s";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {acked.Count} open tickets, response due {target} after receipt, deadlines spread over {spread:0} s");

        // The plan is receipt + the rule; check that against the stored plan of some tickets, then use it for all.
        DateTimeOffset Due(DateTimeOffset received) => working ? calendar.AddWorkingTime(received, TimeSpan.FromMinutes(workingMinutes)) : received + respond;
        var due = acked.Keys.ToDictionary(n => n, n => Due(feed.First[(n, "ticket.created")]));
        foreach (var number in acked.Keys.Take(50))
        {
            var ticket = JsonNode.Parse(await server.Http.GetStringAsync($"api/tickets/{number}"))!;
            var stored = ticket["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
            if (stored != due[number]) throw new InvalidOperationException($"{number}: stored respondBy {stored:O}, expected {due[number]:O}");
        }

        bool AllEscalated() => acked.Keys.All(n => feed.First.ContainsKey((n, "ticket.escalated")));
        var done = await feed.FollowUntilAsync(AllEscalated, (working ? TimeSpan.FromMinutes(2 * workingMinutes + 1) : respond) + TimeSpan.FromSeconds(60));
        var late = acked.Keys.Where(n => feed.First.ContainsKey((n, "ticket.escalated")))
            .Select(n => (feed.First[(n, "ticket.escalated")] - due[n]).TotalMilliseconds).ToList();
        var twice = feed.All.Where(e => e.Type == "ticket.escalated").GroupBy(e => e.Ticket).Count(g => g.Count() > 1);
        var early = late.Count(l => l < 0);
        Console.WriteLine($"escalated {late.Count} of {acked.Count}; escalated twice: {twice}; before due: {early}");
        Console.WriteLine(Percentiles.Line("lateness (escalated-at − due)", late));
        return done && twice == 0 && early == 0 ? 0 : 1;
    }
}
