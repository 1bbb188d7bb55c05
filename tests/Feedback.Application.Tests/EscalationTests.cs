using System.Collections.Immutable;
using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;

namespace Feedback.Application.Tests;

public sealed class EscalationTests : IDisposable
{
    private readonly Application _app = new();

    private SlaPlan Plan(TimeSpan respondIn, TimeSpan resolveIn) => new(_app.Time.GetUtcNow() + respondIn, _app.Time.GetUtcNow() + resolveIn)
    {
        Rule = "test",
        RespondWarnAt = respondIn > TimeSpan.Zero ? _app.Time.GetUtcNow() + respondIn * 0.8 : null,
        Ladder = [new(1, "主管"), new(2, "经理", SlaDuration.Elapsed(TimeSpan.FromMinutes(10))), new(3, "总监", SlaDuration.Elapsed(TimeSpan.FromMinutes(20)))],
    };

    [Fact]
    public async Task A_breach_applied_twice_escalates_once_as_a_workflow_resumed_after_a_crash_replays_its_timer()
    {
        var number = await _app.TicketAsync("订单支付失败", Plan(TimeSpan.FromMinutes(-1), TimeSpan.FromHours(48)));
        var steps = _app.Get<TicketWorkflowSteps>();

        var step = (await steps.NextStepAsync(number, default)).Step!;
        var first = await steps.ApplyStepAsync(new ApplyStepInput(number, step), default);
        var again = await steps.ApplyStepAsync(new ApplyStepInput(number, step), default);

        var ticket = await _app.ReadAsync(number);
        Assert.Equal((SlaStepKind.Breach, true, false), (step.Kind, first, again));
        Assert.Equal([(Stage.Response, 1, "主管")], ticket.Escalations.Select(e => (e.Stage, e.Level, e.To)));
        Assert.Equal(TimeSpan.FromMinutes(1), ticket.Escalations[0].OverdueBy);
        Assert.Single(await EventsAsync(number, TicketEventTypes.Escalated));
        Assert.Single(await EventsAsync(number, SlaRecordTypes.Breached));
    }

    [Fact]
    public async Task A_step_not_yet_due_or_no_longer_next_does_nothing()
    {
        var number = await _app.TicketAsync("系统故障", Plan(TimeSpan.FromMinutes(5), TimeSpan.FromHours(48)));
        var steps = _app.Get<TicketWorkflowSteps>();
        _app.Workflows = new RecordingWorkflows(running: []);
        var breach = new SlaStep(SlaStepKind.Breach, Stage.Response, 1, _app.Time.GetUtcNow().AddMinutes(5), _app.Time.GetUtcNow().AddMinutes(5));

        Assert.False(await steps.ApplyStepAsync(new ApplyStepInput(number, breach), default));
        _app.Time.Advance(TimeSpan.FromMinutes(6));
        await _app.Get<TicketCommands>().RespondAsync(number, new AgentAction("王", "已联系"), default);
        Assert.False(await steps.ApplyStepAsync(new ApplyStepInput(number, breach), default));
        Assert.Empty((await _app.ReadAsync(number)).Escalations);
    }

    [Fact]
    public async Task The_ladder_climbs_at_each_rungs_interval_after_the_miss_and_stops_at_the_top()
    {
        var number = await _app.TicketAsync("系统故障", Plan(TimeSpan.FromMinutes(1), TimeSpan.FromHours(48)));
        var steps = _app.Get<TicketWorkflowSteps>();
        var due = _app.Time.GetUtcNow().AddMinutes(1);
        var seen = new List<(SlaStepKind, int, DateTimeOffset)>();

        for (var i = 0; i < 4; i++)
        {
            if ((await steps.NextStepAsync(number, default)).Step is not { } step) break;
            seen.Add((step.Kind, step.Level, step.At));
            _app.Time.SetUtcNow(step.At);
            Assert.True(await steps.ApplyStepAsync(new ApplyStepInput(number, step), default));
        }

        Assert.Equal([(SlaStepKind.Warn, 0, due.AddSeconds(-12)), (SlaStepKind.Breach, 1, due), (SlaStepKind.Escalate, 2, due.AddMinutes(10)), (SlaStepKind.Escalate, 3, due.AddMinutes(30))], seen);
        var ticket = await _app.ReadAsync(number);
        Assert.Equal((3, "总监"), (ticket.EscalationLevel, ticket.EscalatedTo));
        Assert.Equal(Stage.Resolution, (await steps.NextStepAsync(number, default)).Step!.Target);
    }

    private async Task<List<FeedbackEvent>> EventsAsync(string number, string type) =>
        [.. (await _app.Store.ReadEventsAsync(0, 1000, default)).Select(e => e.Event).Where(e => e.TicketNumber == number && e.Type == type)];

    public void Dispose() => _app.Dispose();
}
