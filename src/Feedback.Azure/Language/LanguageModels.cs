namespace Feedback.Azure.Language;

/// <summary>One text to analyse; the id ties the result back to it.</summary>
public sealed record TextDocument(string Id, string Text, string? Language = null);

/// <summary>The service's answer for one document: a value, or that document's own error.</summary>
public sealed record DocumentResult<T>(string Id, T? Value, DocumentError? Error) where T : class;

public sealed record DocumentError(string Code, string Message);

public sealed record SentimentScores(double Positive, double Neutral, double Negative);

/// <summary>An opinion: the target (产品, 物流 …) and what was said of it.</summary>
public sealed record Opinion(string Target, string TargetSentiment, IReadOnlyList<string> Assessments);

public sealed record DocumentSentiment(string Sentiment, SentimentScores Scores, IReadOnlyList<Opinion> Opinions);

public sealed record DetectedLanguage(string Name, string Iso6391Name, double ConfidenceScore);
