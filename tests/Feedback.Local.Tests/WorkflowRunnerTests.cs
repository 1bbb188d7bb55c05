using Feedback.Testing;
using Feedback.Local.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>The local runner keeps the Durable Task rules the shared workflow relies on, on a clock the test moves.</summary>
public sealed class WorkflowRunnerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Flaky _flaky = new();

    private WorkflowRunner Runner() => new(
        new ServiceCollection().AddSingleton(_flaky).BuildServiceProvider(),
        [typeof(WaitsThenCalls), typeof(Races), typeof(Counts), typeof(Parent)], [typeof(FlakyActivity)], 4, _time, NullLoggerFactory.Instance);

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_is_kept_for_it_and_events_of_one_name_arrive_in_order()
    {
        var runner = Runner();
        var run = runner.Start(nameof(WaitsThenCalls), "a", 2)!;
        runner.Raise("a", "go", "first");
        runner.Raise("a", "go", "second");

        Assert.Equal("first,second", await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(runner.IsRunning("a"));
        Assert.False(runner.Raise("a", "go", "late"));
    }

    [Fact]
    public async Task A_second_start_of_a_running_id_is_refused_and_a_finished_id_can_start_again()
    {
        var runner = Runner();
        var run = runner.Start(nameof(WaitsThenCalls), "a", 1)!;

        Assert.Null(runner.Start(nameof(WaitsThenCalls), "a", 1));
        runner.Raise("a", "go", "x");
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(runner.Start(nameof(WaitsThenCalls), "a", 1));
    }

    [Fact]
    public async Task A_timer_fires_at_its_due_time_on_the_injected_clock_and_not_a_tick_before()
    {
        var runner = Runner();
        var due = _time.GetUtcNow().AddHours(48);
        var run = runner.Start(nameof(Races), "t", due)!;
        await Task.Delay(50);

        _time.Advance(TimeSpan.FromHours(48) - TimeSpan.FromTicks(1));
        await Task.Delay(50);
        Assert.False(run.Completion.IsCompleted, "the timer fired before its due time");
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("timer", await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_event_that_wins_the_race_ends_the_wait_without_the_timer()
    {
        var runner = Runner();
        var run = runner.Start(nameof(Races), "t", _time.GetUtcNow().AddHours(1))!;
        runner.Raise("t", "go", "agent");

        Assert.Equal("agent", await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_failing_activity_is_retried_on_the_policy_schedule_and_fails_the_workflow_after_the_last_attempt()
    {
        var runner = Runner();
        _flaky.FailuresLeft = 2;
        var run = runner.Start(nameof(WaitsThenCalls), "r", 1)!;
        runner.Raise("r", "go", "x");
        await Eventually.TrueAsync(() => _flaky.Attempts == 1, TimeSpan.FromSeconds(5), "first attempt");
        await Task.Delay(50);   // the retry's timer is set on the fake clock only after the failure is seen

        _time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, _flaky.Attempts);
        _time.Advance(TimeSpan.FromMilliseconds(1));   // first retry after 1 s
        await Eventually.TrueAsync(() => _flaky.Attempts == 2, TimeSpan.FromSeconds(5), "second attempt");
        await Task.Delay(50);
        _time.Advance(TimeSpan.FromSeconds(2));         // then 2 s
        Assert.Equal("x", await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(3, _flaky.Attempts);

        _flaky.FailuresLeft = 10;
        _flaky.Attempts = 0;
        var failing = runner.Start(nameof(WaitsThenCalls), "f", 1)!;
        runner.Raise("f", "go", "x");
        for (var i = 0; i < 3; i++)
        {
            await Eventually.TrueAsync(() => _flaky.Attempts == i + 1, TimeSpan.FromSeconds(5), $"attempt {i + 1}");
            await Task.Delay(50);
            _time.Advance(TimeSpan.FromSeconds(1 << i));
        }
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => failing.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(nameof(FlakyActivity), error.TaskName);
        Assert.Equal(3, _flaky.Attempts);
        Assert.False(runner.IsRunning("f"));
    }

    [Fact]
    public async Task Continue_as_new_runs_the_orchestrator_again_with_its_new_input()
    {
        var run = Runner().Start(nameof(Counts), "c", 0)!;

        Assert.Equal(3, await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_result_to_the_parent()
    {
        var runner = Runner();
        var run = runner.Start(nameof(Parent), "p", null)!;
        await Eventually.TrueAsync(() => runner.IsRunning("p-child") || run.Completion.IsCompleted, TimeSpan.FromSeconds(5), "child start");
        if (run.Completion.IsFaulted) throw run.Completion.Exception!;
        runner.Raise("p-child", "go", "from child");

        Assert.Equal("from child", await run.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Waits for <c>go</c> as many times as its input says, then passes the first payload through an activity.</summary>
    private sealed class WaitsThenCalls : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            var payloads = new List<string>();
            for (var i = 0; i < input; i++) payloads.Add(await context.WaitForExternalEvent<string>("go"));
            if (input == 1)
            {
                var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2));
                return await context.CallActivityAsync<string>(nameof(FlakyActivity), payloads[0], retry);
            }
            return string.Join(',', payloads);
        }
    }

    private sealed class Races : TaskOrchestrator<DateTimeOffset, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, DateTimeOffset due)
        {
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(due.UtcDateTime, cts.Token);
            var agent = context.WaitForExternalEvent<string>("go");
            var winner = await Task.WhenAny(timer, agent);
            cts.Cancel();
            return winner == timer ? "timer" : await agent;
        }
    }

    private sealed class Counts : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            if (input < 3) context.ContinueAsNew(input + 1);
            return Task.FromResult(input);
        }
    }

    private sealed class Parent : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.CallSubOrchestratorAsync<string>(nameof(Races), new DateTimeOffset(context.CurrentUtcDateTime).AddHours(1), new SubOrchestrationOptions { InstanceId = "p-child" });
    }

    private sealed class Flaky
    {
        public int FailuresLeft;
        public int Attempts;
    }

    private sealed class FlakyActivity(Flaky flaky) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input)
        {
            Interlocked.Increment(ref flaky.Attempts);
            if (Interlocked.Decrement(ref flaky.FailuresLeft) >= 0) throw new IOException("the store is away");
            return Task.FromResult(input);
        }
    }
}
