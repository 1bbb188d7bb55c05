namespace Feedback.Domain.Analysis;

/// <summary>Decides urgency from the analysis; the reasons are kept so the decision can be explained.</summary>
public static class TriagePolicy
{
    // Weight at or below which a single matched keyword alone makes an item urgent.
    private const double UrgentKeywordWeight = -0.8;

    public static (Urgency Urgency, IReadOnlyList<string> Reasons, double Confidence) Decide(
        SentimentResult sentiment, Classification classification, IReadOnlyList<Keyword> keywords)
    {
        var reasons = new List<string>();
        foreach (var keyword in keywords.Where(k => k.Weight <= UrgentKeywordWeight))
            reasons.Add($"keyword:{keyword.Term}");
        // A heavy keyword is explicit evidence; the other signals are inferred.
        if (reasons.Count > 0)
            return (Urgency.High, reasons, 0.9);

        if (classification.Type == FeedbackType.Complaint && sentiment.Score <= -0.6)
        {
            reasons.Add("strongly negative complaint");
            return (Urgency.High, reasons, 0.75);
        }
        if (classification.Type == FeedbackType.Complaint)
            reasons.Add("complaint");
        if (sentiment.Label == SentimentLabel.Negative)
            reasons.Add("negative sentiment");
        return reasons.Count > 0 ? (Urgency.Medium, reasons, 0.65) : (Urgency.Low, ["no urgency signal"], 0.6);
    }
}
