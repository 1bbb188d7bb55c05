using Feedback.Domain.Analysis;

namespace Feedback.Analysis;

/// <summary>The analysis port: each method is one activity of the ticket workflow.</summary>
public interface ITextAnalyzer
{
    Task<SentimentResult> AnalyzeSentimentAsync(string text, CancellationToken cancellationToken);
    Task<Classification> ClassifyAsync(string text, CancellationToken cancellationToken);
    Task<KeywordResult> ExtractKeywordsAsync(string text, CancellationToken cancellationToken);
}
