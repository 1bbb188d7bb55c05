namespace Feedback.Domain.Analysis;

/// <summary>
/// Score in [-1, 1]; confidence in [0, 1]. <paramref name="Reanalyze"/> marks a result that stands in
/// for a better analyzer that failed, so it can be analysed again later.
/// </summary>
public sealed record SentimentResult(SentimentLabel Label, double Score, double Confidence, string Analyzer, bool Reanalyze = false, IReadOnlyList<string>? Evidence = null);

/// <summary>Evidence is the matched terms, so an agent can see why.</summary>
public sealed record Classification(
    FeedbackType Type,
    double TypeConfidence,
    Nature Nature,
    double NatureConfidence,
    IReadOnlyList<string> Evidence,
    string Analyzer);

public sealed record Keyword(string Term, double Weight, string? Category = null);

/// <summary>Library keywords (weighted) and the item's salient phrases (TF-IDF), which roll up into hot topics.</summary>
public sealed record KeywordResult(IReadOnlyList<Keyword> Keywords, string Analyzer, IReadOnlyList<string>? KeyPhrases = null);

/// <summary>Everything the analysis said about one item, plus the triage decision drawn from it.</summary>
public sealed record TicketAnalysis(
    SentimentResult Sentiment,
    Classification Classification,
    IReadOnlyList<Keyword> Keywords,
    Urgency Urgency,
    IReadOnlyList<string> UrgencyReasons,
    IReadOnlyList<string>? KeyPhrases = null,
    double UrgencyConfidence = 0);
