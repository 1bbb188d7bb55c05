using DurableTask.Core;
using Feedback.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Workflows;

/// <summary>
/// Runs the shared orchestrators and activities in this process on DurableTask.Core's own worker, through
/// the SDK's shims: the same <see cref="TaskOrchestrator{TInput,TOutput}"/> code, replayed by the same
/// executor the gRPC worker uses, without a gRPC hop for every work item.
/// </summary>
internal sealed class InProcessWorker(IServiceProvider services, ConcurrentOrchestrationService backend, ILoggerFactory loggers)
    : IHostedService, IDisposable
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggers);
        // Failure details are what the SDK's retry policies and TaskFailedException read.
        _worker = new TaskHubWorker(backend, loggers) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        // A new instance per work item, as the gRPC worker makes; the constructor is looked up once per type.
        _worker.AddTaskOrchestrations([.. WorkflowRegistry.OrchestratorTypes.Select(type =>
        {
            var create = ActivatorUtilities.CreateFactory(type, []);
            return new Creator<TaskOrchestration>(type.Name, () => shims.CreateOrchestration(new TaskName(type.Name), (ITaskOrchestrator)create(services, null)));
        })]);
        _worker.AddTaskActivities([.. WorkflowRegistry.ActivityTypes.Select(type =>
        {
            var create = ActivatorUtilities.CreateFactory(type, []);
            return new Creator<TaskActivity>(type.Name, () => shims.CreateActivity(new TaskName(type.Name), (ITaskActivity)create(services, null)));
        })]);
        await _worker.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null) await _worker.StopAsync(isForced: true);
    }

    public void Dispose() => _worker?.Dispose();

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override T Create() => _create();
    }
}
