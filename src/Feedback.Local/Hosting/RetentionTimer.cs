using Feedback.Application.Privacy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Hosting;

/// <summary>
/// The retention policy's timer on the local host: a pass every <c>Retention:Interval</c> (an hour), the first a
/// little after start. Each pass erases what has passed its time by the host's clock, so a fake clock drives it in tests.
/// </summary>
internal sealed partial class RetentionTimer(RetentionRun run, IOptions<RetentionOptions> options, ILogger<RetentionTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval);
        try
        {
            await Task.Delay(interval < TimeSpan.FromSeconds(30) ? interval : TimeSpan.FromSeconds(30), stoppingToken);
            do
            {
                try
                {
                    var pass = await run.RunAsync(stoppingToken);
                    if (pass.Contacts + pass.Attachments > 0) LogErased(logger, pass.Contacts, pass.Attachments, pass.Files);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Contacts} tickets' contacts and {Tickets} tickets' files ({Files} files) erased")]
    private static partial void LogErased(ILogger logger, int contacts, int tickets, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
