using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Workflows;

/// <summary>
/// Runs the shared orchestrators and activities in this process, directly: an orchestrator's
/// <c>await</c> on an activity calls the activity, a durable timer is a timer on the injected clock,
/// a raised event completes a waiting task. Nothing is replayed or serialized. That is sound here
/// because nothing of a running workflow outlives the process anyway: the store is the record, and
/// after a restart the reconciler starts each open ticket's workflow again from it. The Functions app
/// runs the same classes on Durable Functions, where replay and serialization are tested.
/// </summary>
internal sealed partial class WorkflowRunner
{
    private readonly ConcurrentDictionary<string, RunningWorkflow> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _orchestrators;
    private readonly Dictionary<string, Func<ITaskActivity>> _activities;
    private readonly SemaphoreSlim _activitySlots;
    private readonly ILogger<WorkflowRunner> _logger;

    public WorkflowRunner(
        IServiceProvider services, IEnumerable<Type> orchestratorTypes, IEnumerable<Type> activityTypes, int maxConcurrentActivities,
        TimeProvider time, ILoggerFactory loggers)
    {
        _orchestrators = Factories<ITaskOrchestrator>(services, orchestratorTypes);
        _activities = Factories<ITaskActivity>(services, activityTypes);
        _activitySlots = new SemaphoreSlim(maxConcurrentActivities);
        Time = time;
        Loggers = loggers;
        _logger = loggers.CreateLogger<WorkflowRunner>();
    }

    public TimeProvider Time { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Starts the instance unless one with this id is running; null if one is.</summary>
    public RunningWorkflow? Start(TaskName name, string instanceId, object? input)
    {
        var create = _orchestrators.GetValueOrDefault(name.Name)
            ?? throw new ArgumentException($"No orchestrator is registered as '{name.Name}'.", nameof(name));
        var workflow = new RunningWorkflow(this, name, instanceId, input);
        if (!_running.TryAdd(instanceId, workflow)) return null;
        _ = RunAsync(workflow, create);
        return workflow;
    }

    public bool IsRunning(string instanceId) => _running.ContainsKey(instanceId);

    /// <summary>Delivers the event to the running instance; false if there is none.</summary>
    public bool Raise(string instanceId, string eventName, object? payload)
    {
        if (!_running.TryGetValue(instanceId, out var workflow)) return false;
        workflow.Deliver(eventName, payload);
        return true;
    }

    private async Task RunAsync(RunningWorkflow workflow, Func<ITaskOrchestrator> create)
    {
        // Off the caller's thread: a start from an HTTP request returns before the first activity runs.
        await Task.Yield();
        object? output = null;
        Exception? failure = null;
        try
        {
            do output = await create().RunAsync(workflow, workflow.Input);
            while (workflow.TakeContinueAsNew());
        }
        catch (Exception ex)
        {
            // As a failed orchestration on Durable Functions: the ticket keeps what was recorded, and
            // the reconciler's next pass starts the workflow again.
            failure = ex;
            LogFailed(_logger, ex, workflow.Name.Name, workflow.InstanceId);
        }
        // Gone before anyone hears it finished, so whoever is told may start the same id again.
        _running.TryRemove(new KeyValuePair<string, RunningWorkflow>(workflow.InstanceId, workflow));
        if (failure is null) workflow.Finished.TrySetResult(output);
        else workflow.Finished.TrySetException(failure);
    }

    /// <summary>One activity call with the caller's retry options, as the Durable Task SDK applies them.</summary>
    public async Task<object?> CallActivityAsync(RunningWorkflow caller, TaskName name, object? input, TaskRetryOptions? retry)
    {
        var create = _activities.GetValueOrDefault(name.Name)
            ?? throw new TaskFailedException(name.Name, 0, new InvalidOperationException($"No activity is registered as '{name.Name}'."));
        var taskId = caller.NextTaskId();
        var started = Time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            TaskFailureDetails failure;
            try
            {
                return await RunActivityOnceAsync(create, name, caller.InstanceId, input);
            }
            catch (Exception ex)
            {
                failure = TaskFailureDetails.FromException(ex);
                if (!await ShouldRetryAsync(caller, retry, attempt, ex, failure, Time.GetElapsedTime(started)))
                    throw new TaskFailedException(name.Name, taskId, ex);
            }
            LogRetrying(_logger, name.Name, caller.InstanceId, attempt, failure.ErrorMessage);
        }
    }

    private async Task<object?> RunActivityOnceAsync(Func<ITaskActivity> create, TaskName name, string instanceId, object? input)
    {
        await _activitySlots.WaitAsync();
        try
        {
            return await create().RunAsync(new ActivityContext(name, instanceId), input);
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    private async Task<bool> ShouldRetryAsync(RunningWorkflow caller, TaskRetryOptions? retry, int attempt, Exception exception, TaskFailureDetails failure, TimeSpan spent)
    {
        if (retry?.Handler is { } handler)
            return await handler(new RetryContext(caller, attempt, failure, spent, CancellationToken.None));
        if (retry?.Policy is not { } policy) return false;
        if (attempt >= policy.MaxNumberOfAttempts || !policy.Handle(exception)) return false;
        var delay = Backoff(policy, attempt);
        if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && spent + delay > policy.RetryTimeout) return false;
        await Task.Delay(delay, Time);
        return true;
    }

    /// <summary>The SDK's schedule: the first interval, times the coefficient per attempt, capped.</summary>
    public static TimeSpan Backoff(RetryPolicy policy, int attempt)
    {
        var ticks = policy.FirstRetryInterval.Ticks * Math.Pow(policy.BackoffCoefficient, attempt - 1);
        return ticks >= policy.MaxRetryInterval.Ticks ? policy.MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }

    private static Dictionary<string, Func<T>> Factories<T>(IServiceProvider services, IEnumerable<Type> types) =>
        types.ToDictionary(t => t.Name, t =>
        {
            // A new instance per run, as the Durable Task worker makes; the constructor is looked up once per type.
            var create = ActivatorUtilities.CreateFactory(t, []);
            return (Func<T>)(() => (T)create(services, null));
        }, StringComparer.Ordinal);

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow {Name} {InstanceId} failed; the reconciler starts it again")]
    private static partial void LogFailed(ILogger logger, Exception ex, string name, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Name} of {InstanceId} failed on attempt {Attempt}, retrying: {Error}")]
    private static partial void LogRetrying(ILogger logger, string name, string instanceId, int attempt, string error);
}
