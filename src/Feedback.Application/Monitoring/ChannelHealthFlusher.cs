using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Monitoring;

/// <summary>Writes the channel counts to the store every few seconds and once more at shutdown.</summary>
public sealed partial class ChannelHealthFlusher(ChannelHealth health, ILogger<ChannelHealthFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await health.FlushAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(logger, ex); // kept in memory; the next tick tries again
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel counts could not be written; they are kept for the next try")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex);
}
