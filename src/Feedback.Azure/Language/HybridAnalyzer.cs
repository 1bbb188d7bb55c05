using System.ComponentModel.DataAnnotations;
using Azure;
using Feedback.Analysis;
using Feedback.Analysis.Local;
using Feedback.Analysis.Text;
using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Azure.Language;

/// <summary>The <c>Language</c> section.</summary>
public sealed class LanguageOptions
{
    [Required] public Uri? Endpoint { get; set; }

    /// <summary>Below this local confidence the cloud is asked.</summary>
    [Range(0.0, 1.0)] public double ConfidenceThreshold { get; set; } = 0.7;

    /// <summary>Text records (1,000 characters each) the cloud may be sent per calendar month.</summary>
    [Range(0, long.MaxValue)] public long MonthlyTextRecords { get; set; } = 5000;

    public bool OpinionMining { get; set; } = true;
}

/// <summary>
/// Local first; Azure AI Language only where the local analyzer is unsure and the month's budget
/// of text records is not spent. When the service fails, the local result stands, marked for
/// re-analysis. Every result names the analyzer that produced it.
/// </summary>
public sealed partial class HybridAnalyzer(
    LocalAnalyzer local, LanguageClient cloud, ICounterStore store, TimeProvider time,
    IOptions<LanguageOptions> options, ILogger<HybridAnalyzer> logger) : ITextAnalyzer
{
    public const string CloudName = "azure-language";

    public async Task<SentimentResult> AnalyzeSentimentAsync(string text, CancellationToken ct)
    {
        var mine = await local.AnalyzeSentimentAsync(text, ct);
        if (mine.Confidence >= options.Value.ConfidenceThreshold) return mine;
        if (!await TrySpendAsync(LanguageClient.TextRecords(text), ct)) return mine;

        try
        {
            var answer = (await cloud.AnalyzeSentimentAsync([new TextDocument("1", text, ServiceLanguage(text))], options.Value.OpinionMining, ct))[0];
            if (answer.Value is { } sentiment) return Map(sentiment);
            LogDocumentError(logger, answer.Error!.Code);
        }
        catch (RequestFailedException ex)
        {
            LogServiceFailed(logger, ex.Status, ex.ErrorCode);
        }
        return mine with { Reanalyze = true };
    }

    public Task<Classification> ClassifyAsync(string text, CancellationToken ct) => local.ClassifyAsync(text, ct);

    public Task<KeywordResult> ExtractKeywordsAsync(string text, CancellationToken ct) => local.ExtractKeywordsAsync(text, ct);

    // The service assumes English when told nothing; it names Chinese scripts in lower case.
    private static string? ServiceLanguage(string text) => TextNormalizer.DetectLanguage(text) switch
    {
        Languages.Simplified => "zh-hans",
        Languages.Traditional => "zh-hant",
        Languages.English => "en",
        _ => null,
    };

    private async Task<bool> TrySpendAsync(int records, CancellationToken ct)
    {
        var month = time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        // Counted before the call: a request that fails was still sent, and may still be billed.
        var spent = await store.AddToCounterAsync($"language-text-records-{month}", records, ct);
        return spent <= options.Value.MonthlyTextRecords;
    }

    private static SentimentResult Map(DocumentSentiment s)
    {
        var label = s.Sentiment switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => s.Scores.Negative >= s.Scores.Positive ? SentimentLabel.Negative : SentimentLabel.Positive,
            _ => SentimentLabel.Neutral,
        };
        var confidence = Math.Max(s.Scores.Positive, Math.Max(s.Scores.Neutral, s.Scores.Negative));
        return new SentimentResult(label, Math.Round(s.Scores.Positive - s.Scores.Negative, 3), Math.Round(confidence, 3), CloudName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language rejected a document ({Code}); the local result stands")]
    private static partial void LogDocumentError(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language failed ({Status} {Code}); the local result stands, marked for re-analysis")]
    private static partial void LogServiceFailed(ILogger logger, int status, string? code);
}
