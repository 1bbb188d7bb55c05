using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Evaluation;

/// <summary>Labels as people write them in evaluation files, in Chinese or English, to the analyzer's own.</summary>
public static class LabelNames
{
    private static readonly Dictionary<string, string> Sentiment = new(StringComparer.OrdinalIgnoreCase)
    {
        ["positive"] = "positive", ["pos"] = "positive", ["正面"] = "positive", ["积极"] = "positive", ["好评"] = "positive",
        ["negative"] = "negative", ["neg"] = "negative", ["负面"] = "negative", ["消极"] = "negative", ["差评"] = "negative",
        ["neutral"] = "neutral", ["neu"] = "neutral", ["中性"] = "neutral", ["中立"] = "neutral",
        ["1"] = "positive", ["0"] = "negative",
    };

    private static readonly Dictionary<string, string> Type = new(StringComparer.OrdinalIgnoreCase)
    {
        ["consultation"] = "consultation", ["咨询"] = "consultation", ["諮詢"] = "consultation",
        ["complaint"] = "complaint", ["投诉"] = "complaint", ["投訴"] = "complaint",
        ["suggestion"] = "suggestion", ["建议"] = "suggestion", ["建議"] = "suggestion",
        ["praise"] = "praise", ["表扬"] = "praise", ["表揚"] = "praise",
        ["informationrequest"] = "informationRequest", ["information request"] = "informationRequest", ["信息需求"] = "informationRequest", ["資訊需求"] = "informationRequest",
        ["other"] = "other", ["其他"] = "other",
    };

    public static string? ForSentiment(string label) => Sentiment.GetValueOrDefault(label.Trim());

    public static string? ForType(string label) => Type.GetValueOrDefault(label.Trim().Replace("_", "", StringComparison.Ordinal));

    public static string Of(SentimentLabel label) => label.ToString().ToLowerInvariant();

    public static string Of(FeedbackType type) => type == FeedbackType.InformationRequest ? "informationRequest" : type.ToString().ToLowerInvariant();
}
