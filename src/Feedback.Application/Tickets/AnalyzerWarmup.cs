using Feedback.Analysis.Local;
using Microsoft.Extensions.Hosting;

namespace Feedback.Application.Tickets;

/// <summary>
/// Analyses two sample items once the host has started, off the request path: the segmenter loads its
/// dictionaries and the analysis code is compiled then, not while the first customer's ticket waits for triage.
/// </summary>
public sealed class AnalyzerWarmup(LocalAnalyzer analyzer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        analyzer.Analyze("订單支付失敗，錢扣了但訂單沒生成，客服電話一直打不通，太差了！");
        analyzer.Analyze("The app keeps crashing at checkout, please fix it soon.");
    }, stoppingToken);
}
