using Feedback.Application.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Hosting;

public sealed class ReconcilerOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Runs the reconciler at start and then periodically. The local workflow backend lives in
/// memory, so after a restart this is what resumes every open ticket's workflow.
/// </summary>
public sealed partial class ReconcilerService(
    IServiceScopeFactory scopes, IOptions<ReconcilerOptions> options,
    TimeProvider time, ILogger<ReconcilerService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the pass at start has resumed (or tried to resume) every open ticket.</summary>
    public Task FirstPass => _firstPass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start path: listing thousands of open tickets must not hold up Kestrel's start.
        await Task.Yield();
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var resumed = await scope.ServiceProvider.GetRequiredService<WorkflowReconciler>().ReconcileAsync(stoppingToken);
                if (resumed > 0) LogResumed(logger, resumed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
            _firstPass.TrySetResult();
        }
        while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.Interval, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler resumed {Count} workflows")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler pass failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
