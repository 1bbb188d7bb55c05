using Feedback.Application.Warnings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Hosting;

public sealed class WarningTimerOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The warnings' timer on the local host: every minute (<c>Warnings:Interval</c>), and once at start.</summary>
internal sealed partial class WarningTimer(WarningRun run, IOptions<WarningTimerOptions> options, ILogger<WarningTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Warning pass: {Count} warnings raised or updated")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warning pass failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
