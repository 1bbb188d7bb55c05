namespace Feedback.Domain.Analysis;

/// <summary>
/// Folds a 1–5 star rating into the text's sentiment. Stars are the reviewer's own verdict, so they
/// weigh like a confident reading; a sure text can still outweigh them ("5 stars, but it crashes").
/// </summary>
public static class StarRating
{
    private const double StarWeight = 0.8;

    public static SentimentResult Blend(SentimentResult text, int stars)
    {
        var starScore = (Math.Clamp(stars, 1, 5) - 3) / 2.0;
        var weight = Math.Max(text.Confidence, 0.05);
        var score = Math.Round((text.Score * weight + starScore * StarWeight) / (weight + StarWeight), 3);
        var label = score > 0.25 ? SentimentLabel.Positive : score < -0.25 ? SentimentLabel.Negative : SentimentLabel.Neutral;
        var agree = Math.Sign(starScore) == Math.Sign(text.Score);
        var confidence = Math.Round(Math.Min(0.99, agree ? Math.Max(text.Confidence, 0.8) : 0.6), 3);
        return text with { Label = label, Score = score, Confidence = confidence, Evidence = [.. text.Evidence ?? [], $"rating:{stars}★"] };
    }
}
