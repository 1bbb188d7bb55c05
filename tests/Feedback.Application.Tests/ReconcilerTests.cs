using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Tests;

public sealed class ReconcilerTests : IDisposable
{
    private readonly Application _app = new();

    [Fact]
    public async Task Resumes_planned_tickets_soonest_deadline_first_then_untriaged_ones_oldest_first_sixteen_at_a_time()
    {
        var now = _app.Time.GetUtcNow();
        var untriaged = new List<string>();
        var planned = new string[20];
        // Written out of order, so the store's own order (newest first) is not the answer.
        for (var i = 19; i >= 0; i--)
        {
            planned[i] = await _app.TicketAsync($"planned {i}", new SlaPlan(now.AddMinutes(i - 10), now.AddHours(48)), now.AddHours(-1));
            if (i < 12) untriaged.Add(await _app.TicketAsync($"untriaged {i}", receivedAt: now.AddMinutes(-i)));
        }
        var workflows = new RecordingWorkflows(running: []);

        _app.Workflows = workflows;
        var started = await _app.Get<WorkflowReconciler>().ReconcileAsync(default);

        var order = workflows.Started.Select(i => i.TicketNumber).ToList();
        Assert.Equal(32, started);
        Assert.Equal(planned[..16].Order(), order[..16].Order());
        Assert.Equal(planned[16..].Concat(untriaged).Order(), order[16..].Order());
        Assert.Equal(now.AddMinutes(-10), workflows.Started.Single(i => i.TicketNumber == planned[0]).Plan!.RespondBy);
        Assert.All(untriaged, n => Assert.Null(workflows.Started.Single(i => i.TicketNumber == n).Plan));
    }

    [Fact]
    public async Task Leaves_running_workflows_and_closed_tickets_alone_and_resumes_a_responded_one_past_its_response()
    {
        var now = _app.Time.GetUtcNow();
        var running = await _app.TicketAsync("running", new SlaPlan(now.AddHours(1), now.AddHours(48)));
        var closed = await _app.TicketAsync("closed", new SlaPlan(now.AddHours(1), now.AddHours(48)));
        var responded = await _app.TicketAsync("responded", new SlaPlan(now.AddHours(1), now.AddHours(48)));
        await ChangeAsync(closed, t => t with { Status = TicketStatus.Closed, ClosedAt = now });
        await ChangeAsync(responded, t => t with { Status = TicketStatus.Responded, RespondedAt = now });
        var workflows = new RecordingWorkflows(running: [running]);

        _app.Workflows = workflows;
        var started = await _app.Get<WorkflowReconciler>().ReconcileAsync(default);

        Assert.Equal(1, started);
        Assert.Equal(responded, workflows.Started.Single().TicketNumber);
        Assert.NotNull(workflows.Started.Single().Plan);
    }

    private async Task ChangeAsync(string number, Func<Ticket, Ticket> change)
    {
        var stored = (await _app.Store.GetAsync(number, default))!;
        Assert.True(await _app.Store.TryReplaceAsync(change(stored.Value), stored.ETag, [], default));
    }

    public void Dispose() => _app.Dispose();
}
