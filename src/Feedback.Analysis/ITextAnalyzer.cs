using Feedback.Domain.Analysis;

namespace Feedback.Analysis;

/// <summary>The analysis port: each method is one activity of the ticket workflow.</summary>
public interface ITextAnalyzer
{
    SentimentResult AnalyzeSentiment(string text);
    Classification Classify(string text);
    KeywordResult ExtractKeywords(string text);
}
