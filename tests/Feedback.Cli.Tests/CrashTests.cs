using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Feedback.Domain.Events;
using Feedback.Testing;

namespace Feedback.Cli.Tests;

/// <summary><c>feedback serve</c> killed with SIGKILL while clients post, then started again on its data.</summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Respond = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Killed_under_load_it_loses_no_acknowledged_ticket_and_each_is_triaged_and_escalated_once()
    {
        using var server = new ServerProcess(Path.Combine(Path.GetTempPath(), "feedback-tests", Guid.NewGuid().ToString("N")),
            $"--Sla:Rules:0:Respond={Respond:c}", "--Sla:Rules:0:Resolve=1.00:00:00");
        await server.StartAsync();
        var acked = new ConcurrentDictionary<string, DateTimeOffset>();
        using (var stop = new CancellationTokenSource())
        {
            var posting = Posting.ClientsAsync(server.Http, 16, acked, stop.Token);
            // Killed once some deadlines have fired, so the restart finds escalations already recorded.
            var before = new EventFeed(server.Http);
            while (acked.Count < 200 || !before.All.Any(e => e.Type == TicketEventTypes.Escalated))
            {
                await before.PollAsync();
                await Task.Delay(20);
            }
            server.Kill();
            await stop.CancelAsync();
            await posting;
        }
        var killedAt = DateTimeOffset.UtcNow;
        await Task.Delay(Respond / 2);
        await server.StartAsync();
        var ready = DateTimeOffset.UtcNow;

        var feed = new EventFeed(server.Http);
        var numbers = acked.Keys.ToList();
        var escalated = await feed.FollowUntilAsync(() => numbers.All(n => feed.First.ContainsKey((n, TicketEventTypes.Escalated))), TimeSpan.FromSeconds(30));

        Assert.True(numbers.Count >= 200);
        foreach (var number in numbers)
        {
            using var response = await server.Http.GetAsync($"api/tickets/{number}");
            Assert.True(response.IsSuccessStatusCode, $"{number} was acknowledged before the kill but is not stored");
        }
        Assert.True(escalated, $"{numbers.Count(n => !feed.First.ContainsKey((n, TicketEventTypes.Escalated)))} of {numbers.Count} never escalated");
        Assert.All(numbers, n => Assert.Equal((1, 1), (feed.Count(n, TicketEventTypes.Triaged), feed.Count(n, TicketEventTypes.Escalated))));
        // Each fires at its stored time, or soon after the restart if that time passed while the host was down.
        foreach (var number in numbers)
        {
            var due = feed.First[(number, TicketEventTypes.Created)] + Respond;
            var at = feed.First[(number, TicketEventTypes.Escalated)];
            Assert.True(at >= due, $"{number} escalated at {at:O}, before its due time {due:O}");
            Assert.True(at - (due > ready ? due : ready) < TimeSpan.FromSeconds(5), $"{number} escalated at {at:O}: due {due:O}, host ready {ready:O}");
        }
        Assert.True(killedAt < ready);
    }
}
