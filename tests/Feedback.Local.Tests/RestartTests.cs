using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_open_tickets_still_escalate_at_their_stored_due_time()
    {
        var data = RunningHost.NewDataDirectory();
        var sla = RunningHost.Sla(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5));
        string number;
        DateTimeOffset respondBy;
        await using (var first = await RunningHost.StartAsync(sla, data))
        {
            number = await first.SubmitAsync(new { content = "系统故障，无法登录账户", contact = "13811112222" });
            var triaged = await first.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
            respondBy = triaged["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
        }
        Assert.True(DateTimeOffset.UtcNow < respondBy, "the host stopped only after the deadline; the test proves nothing");

        try
        {
            await using var second = await RunningHost.StartAsync(sla, data);
            var escalated = await second.WaitForTicketAsync(number, t => t["escalationLevel"]!.GetValue<int>() >= 1, "escalation after restart", 10);

            var at = escalated["history"]!.AsArray().Single(h => RunningHost.Text(h!["kind"]) == "escalated")!["at"]!.GetValue<DateTimeOffset>();
            Assert.InRange(at, respondBy, respondBy.AddSeconds(2));
            Assert.Equal(1, escalated["escalationLevel"]!.GetValue<int>());
            Assert.Equal(respondBy, escalated["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>());

            using var resolve = await second.PostJsonAsync($"api/tickets/{number}/resolve", Resolutions.Body("张", "已恢复"));
            await second.WaitForTicketAsync(number, t => RunningHost.Text(t["status"]) == "closed", "closing after restart");
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }

    [Fact]
    public async Task A_deadline_that_passed_while_the_host_was_down_escalates_at_once_on_start()
    {
        var data = RunningHost.NewDataDirectory();
        var sla = RunningHost.Sla(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5));
        string number;
        DateTimeOffset respondBy;
        await using (var first = await RunningHost.StartAsync(sla, data))
        {
            number = await first.SubmitAsync(new { content = "订单一直显示未发货", contact = "13811113333" });
            var triaged = await first.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
            respondBy = triaged["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>();
            // Stop before the workflow's timer can fire, then stay down past the deadline.
        }
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.True(stoppedAt < respondBy, $"the first host stopped at {stoppedAt:O}, after the deadline {respondBy:O}; the test proves nothing");
        await Task.Delay(respondBy - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        try
        {
            // The restart begins here: the reconciler resumes overdue tickets while the host is still starting.
            var started = DateTimeOffset.UtcNow;
            await using var second = await RunningHost.StartAsync(sla, data);
            var escalated = await second.WaitForTicketAsync(number, t => t["escalationLevel"]!.GetValue<int>() >= 1, "escalation on start", 10);
            var at = escalated["history"]!.AsArray().Single(h => RunningHost.Text(h!["kind"]) == "escalated")!["at"]!.GetValue<DateTimeOffset>();
            Assert.True(at >= stoppedAt);
            Assert.InRange(at - started, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }
}
