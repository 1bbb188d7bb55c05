using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;

namespace Feedback.Application.Tests;

public sealed class EscalationTests : IDisposable
{
    private readonly Application _app = new();

    [Fact]
    public async Task A_stage_escalated_once_is_not_escalated_again_when_its_timer_runs_a_second_time()
    {
        var now = _app.Time.GetUtcNow();
        var number = await _app.TicketAsync("订单支付失败", new SlaPlan(now.AddMinutes(-1), now.AddHours(48)));
        var steps = _app.Get<TicketWorkflowSteps>();

        var first = await steps.EscalateAsync(new EscalateInput(number, Stage.Response), default);
        // A workflow resumed after a crash replays the same missed deadline.
        var again = await steps.EscalateAsync(new EscalateInput(number, Stage.Response), default);

        var ticket = await _app.ReadAsync(number);
        Assert.Equal((1, 1), (first, again));
        Assert.Equal([(Stage.Response, 1, "supervisor 主管")], ticket.Escalations.Select(e => (e.Stage, e.Level, e.To)));
        Assert.Single(await EscalatedEventsAsync(number));
    }

    [Fact]
    public async Task A_missed_resolution_after_a_missed_response_goes_one_level_higher()
    {
        var now = _app.Time.GetUtcNow();
        var number = await _app.TicketAsync("系统故障", new SlaPlan(now.AddMinutes(-2), now.AddMinutes(-1)));
        var steps = _app.Get<TicketWorkflowSteps>();

        await steps.EscalateAsync(new EscalateInput(number, Stage.Response), default);
        var level = await steps.EscalateAsync(new EscalateInput(number, Stage.Resolution), default);

        var ticket = await _app.ReadAsync(number);
        Assert.Equal(2, level);
        Assert.Equal(("manager 经理", 2), (ticket.EscalatedTo, ticket.EscalationLevel));
        Assert.Equal(2, (await EscalatedEventsAsync(number)).Count);
    }

    private async Task<List<FeedbackEvent>> EscalatedEventsAsync(string number) =>
        [.. (await _app.Store.ReadEventsAsync(0, 1000, default)).Select(e => e.Event).Where(e => e.TicketNumber == number && e.Type == TicketEventTypes.Escalated)];

    public void Dispose() => _app.Dispose();
}
