using Feedback.Application.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Hosting;

/// <summary>
/// The local host's report schedule: shortly after start (catching up what was missed while it was down; the
/// workflows resume first), then every ten minutes.
/// </summary>
internal sealed partial class ReportScheduler(ReportService reports, ILogger<ReportScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(20), stoppingToken);
            do
            {
                try
                {
                    foreach (var key in await reports.CatchUpAsync(stoppingToken)) LogBuilt(logger, key);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Report} built")]
    private static partial void LogBuilt(ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reports failed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
