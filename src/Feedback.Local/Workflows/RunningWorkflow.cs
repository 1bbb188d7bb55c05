using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Workflows;

/// <summary>
/// One running orchestration and the context its code sees. Events keep the Durable Task rules: an
/// event waits in a buffer until the orchestrator asks for it, and waiters of one name are served in order.
/// </summary>
internal sealed class RunningWorkflow(WorkflowRunner runner, TaskName name, string instanceId, object? input) : TaskOrchestrationContext
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<object?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<Waiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private (object? Input, bool PreserveEvents)? _continueAsNew;
    private int _taskIds;

    public object? Input { get; private set; } = input;

    public object? CustomStatus { get; private set; }

    public override TaskName Name => name;

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => runner.Time.GetUtcNow().UtcDateTime;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => runner.Loggers;

    public override T GetInput<T>() => Input is T value ? value : default!;

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var result = await runner.CallActivityAsync(this, name, input, options?.Retry);
        return result is null ? default! : (TResult)result;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var id = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        var child = runner.Start(orchestratorName, id, input)
            ?? throw new TaskFailedException(orchestratorName.Name, 0, new InvalidOperationException($"An orchestration '{id}' is already running."));
        var result = await child.Completion;
        return result is null ? default! : (TResult)result;
    }

    /// <summary>A timer on the injected clock; the timer task ends as cancelled if its token is.</summary>
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        DelayUntilAsync(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc), cancellationToken);

    private async Task DelayUntilAsync(DateTime fireAt, CancellationToken cancellationToken)
    {
        // Timers run on a monotonic clock that drifts from the wall clock by a little, so the wait repeats
        // until the clock reads the due time: a deadline must never be declared missed early. Task.Delay
        // takes at most about 49 days at once, so a longer wait goes in steps.
        TimeSpan left;
        while ((left = fireAt - CurrentUtcDateTime) > TimeSpan.Zero)
        {
            var step = left < MaxDelay ? left : MaxDelay;
            await Task.Delay(step < MinDelay ? MinDelay : step, runner.Time, cancellationToken);
        }
    }

    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(30);
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_buffered.TryGetValue(eventName, out var queue) && queue.Count > 0)
            {
                var payload = queue.Dequeue();
                return Task.FromResult(payload is null ? default! : (T)payload);
            }
            var waiter = new Waiter();
            if (!_waiters.TryGetValue(eventName, out var list)) _waiters[eventName] = list = new LinkedList<Waiter>();
            var node = list.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
                cancellationToken.Register(() => { lock (_gate) list.Remove(node); waiter.Result.TrySetCanceled(cancellationToken); });
            return Cast<T>(waiter.Result.Task);
        }
    }

    public void Deliver(string eventName, object? payload)
    {
        Waiter? waiter = null;
        lock (_gate)
        {
            if (_waiters.TryGetValue(eventName, out var list) && list.First is { } first)
            {
                list.RemoveFirst();
                waiter = first.Value;
            }
            else
            {
                if (!_buffered.TryGetValue(eventName, out var queue)) _buffered[eventName] = queue = new Queue<object?>();
                queue.Enqueue(payload);
            }
        }
        waiter?.Result.TrySetResult(payload);
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => runner.Raise(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _continueAsNew = (newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => Feedback.Domain.Ids.NewGuid();

    /// <summary>The sequence number a scheduled task would have in the history, for failure reports.</summary>
    public int NextTaskId() => Interlocked.Increment(ref _taskIds) - 1;

    public override TaskOrchestrationEntityFeature Entities =>
        throw new NotSupportedException("Durable entities are not used by these workflows, and the local runner does not host them.");

    /// <summary>The orchestrator's result, or its failure, once it has finished.</summary>
    public TaskCompletionSource<object?> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Completion => Finished.Task;

    /// <summary>True if the orchestrator asked to run again; its new input is in place.</summary>
    public bool TakeContinueAsNew()
    {
        if (_continueAsNew is not { } next) return false;
        _continueAsNew = null;
        Input = next.Input;
        if (!next.PreserveEvents) lock (_gate) _buffered.Clear();
        return true;
    }

    private static async Task<T> Cast<T>(Task<object?> task)
    {
        var payload = await task;
        return payload is null ? default! : (T)payload;
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
