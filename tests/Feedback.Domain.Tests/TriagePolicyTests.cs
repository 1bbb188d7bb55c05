using Feedback.Domain.Analysis;

namespace Feedback.Domain.Tests;

public sealed class TriagePolicyTests
{
    private static readonly SentimentResult Negative = new(SentimentLabel.Negative, -0.4, 0.7, "test");
    private static readonly SentimentResult Neutral = new(SentimentLabel.Neutral, 0, 0.5, "test");

    private static Classification Of(FeedbackType type) => new(type, 0.8, Nature.Other, 0.5, [], "test");

    [Fact]
    public void A_heavily_weighted_keyword_makes_an_item_urgent_and_says_so()
    {
        var (urgency, reasons, confidence) = TriagePolicy.Decide(Neutral, Of(FeedbackType.Consultation), [new Keyword("支付失败", -1.0)]);

        Assert.Equal(Urgency.High, urgency);
        Assert.Equal(["keyword:支付失败"], reasons);
        Assert.Equal(0.9, confidence);
    }

    [Fact]
    public void A_complaint_is_at_least_medium() =>
        Assert.Equal(Urgency.Medium, TriagePolicy.Decide(Negative, Of(FeedbackType.Complaint), []).Urgency);

    [Fact]
    public void A_strongly_negative_complaint_is_urgent() =>
        Assert.Equal(Urgency.High, TriagePolicy.Decide(Negative with { Score = -0.9 }, Of(FeedbackType.Complaint), []).Urgency);

    [Fact]
    public void A_neutral_question_is_low() =>
        Assert.Equal(Urgency.Low, TriagePolicy.Decide(Neutral, Of(FeedbackType.Consultation), [new Keyword("物流", -0.2)]).Urgency);
}
