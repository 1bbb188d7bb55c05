using Feedback.Application.Warnings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Hosting;

public sealed class WarningTimerOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The warnings' timer on the local host: every minute (<c>Warnings:Interval</c>). The first pass waits a few
/// seconds, so that after a restart the workflows resume (and overdue deadlines fire) before the aggregates catch up.
/// </summary>
internal sealed partial class WarningTimer(WarningRun run, IOptions<WarningTimerOptions> options, ILogger<WarningTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            await Task.Delay(StartDelay(options.Value.Interval), stoppingToken);
            do
            {
                try
                {
                    var (_, raised) = await run.RunAsync(stoppingToken);
                    if (raised.Count > 0) LogRaised(logger, raised.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static TimeSpan StartDelay(TimeSpan interval) => interval < TimeSpan.FromSeconds(10) ? interval : TimeSpan.FromSeconds(10);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warning pass: {Count} warnings raised or updated")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warning pass failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
