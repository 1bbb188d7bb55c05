using Feedback.Local.Hosting;
using Microsoft.Extensions.Hosting;
using System.Collections.Concurrent;
using System.Diagnostics;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>The workflows keep up: many tickets at once through the public surface, and health says when they do not.</summary>
public sealed class WorkflowLoadTests
{
    [Fact]
    public async Task Three_hundred_tickets_posted_at_once_are_all_triaged_within_15_seconds()
    {
        await using var host = await RunningHost.StartAsync(RunningHost.Sla(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)));
        var watch = Stopwatch.StartNew();
        var acked = new ConcurrentDictionary<string, DateTimeOffset>();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Task.Run(async () =>
        {
            var posted = await Posting.PostAsync(host.Http);
            Assert.NotNull(posted);
            acked[posted.Value.Number] = posted.Value.AckedAt;
        })));

        var feed = new EventFeed(host.Http);
        var all = await feed.FollowUntilAsync(() => acked.Keys.All(n => feed.First.ContainsKey((n, TicketEventTypes.Triaged))), TimeSpan.FromSeconds(15) - watch.Elapsed);

        Assert.True(all, $"{acked.Keys.Count(n => !feed.First.ContainsKey((n, TicketEventTypes.Triaged)))} of 300 not triaged after {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(300, acked.Count);
        Assert.All(acked.Keys, n => Assert.Equal(1, feed.Count(n, TicketEventTypes.Triaged)));
        var health = await host.GetJsonAsync("api/health");
        Assert.Equal(0, health["parts"]!["workflows"]!["backlog"]!["untriaged"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_closed_tickets_workflow_is_forgotten_on_the_next_pass_and_an_open_ones_kept()
    {
        var settings = RunningHost.Sla(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        settings["Reconciler:Interval"] = "00:00:00.200";
        await using var host = await RunningHost.StartAsync(settings);
        var workflows = host.App.Services.GetRequiredService<ITicketWorkflows>();
        var closed = await host.SubmitAsync(new { content = "物流太慢了，三天还没到", contact = "13800000001" });
        var open = await host.SubmitAsync(new { content = "能开发票吗？", contact = "13800000002" });
        await host.WaitForTicketAsync(closed, t => t["deadlines"] is not null, "triage");
        using var resolve = await host.PostJsonAsync($"api/tickets/{closed}/resolve", Resolutions.Body("李客服", "已发货"));
        await host.WaitForTicketAsync(closed, t => RunningHost.Text(t["status"]) == "closed", "closing");

        await Eventually.GetAsync(() => workflows.GetStateAsync(closed, default), s => s == WorkflowState.Missing, TimeSpan.FromSeconds(5), "purge of the closed ticket's workflow");
        await Task.Delay(500);
        Assert.Equal(WorkflowState.Running, await workflows.GetStateAsync(open, default));
    }

    [Fact]
    public async Task Health_turns_degraded_when_the_oldest_untriaged_ticket_has_waited_past_the_limit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Health:MaxUntriagedAge"] = "00:00:30", ["Reconciler:Interval"] = "01:00:00" };
        await using var host = await RunningHost.StartAsync(settings, time: time);
        await host.App.Services.GetServices<IHostedService>().OfType<ReconcilerService>().Single().FirstPass;
        // Stored but never started, as when a crash falls between the commit and the workflow's start.
        var store = host.App.Services.GetRequiredService<ITicketStore>();
        var draft = new TicketDraft(
            new Ticket
            {
                Number = "", Channel = "webform", ReceivedAt = time.GetUtcNow(),
                Feedback = new FeedbackItem("系统故障，付款失败", null, null, null, null, null), Contact = new ProtectedContact(null, null),
            },
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), [],
            new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Created, "", time.GetUtcNow(), "webform"));
        await store.CreateAsync(draft, default);

        time.Advance(TimeSpan.FromSeconds(29));
        var waiting = await host.GetJsonAsync("api/health");
        time.Advance(TimeSpan.FromSeconds(2));
        using var response = await host.Http.GetAsync("api/health");
        var stalled = await RunningHost.ReadJsonAsync(response);

        Assert.Equal("healthy", RunningHost.Text(waiting["status"]));
        Assert.Equal(1, waiting["parts"]!["workflows"]!["backlog"]!["untriaged"]!.GetValue<int>());
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("degraded", RunningHost.Text(stalled["status"]));
        Assert.Equal("degraded", RunningHost.Text(stalled["parts"]!["workflows"]!["state"]));
        Assert.Equal(31, stalled["parts"]!["workflows"]!["backlog"]!["oldestAgeSeconds"]!.GetValue<double>());
    }
}
