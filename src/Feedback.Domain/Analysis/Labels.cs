namespace Feedback.Domain.Analysis;

/// <summary>类型: what the customer wants from us.</summary>
public enum FeedbackType { Consultation, Complaint, Suggestion, Praise, InformationRequest, Other }

/// <summary>情感倾向.</summary>
public enum SentimentLabel { Positive, Neutral, Negative }

/// <summary>按性质: which part of the business the feedback is about.</summary>
public enum Nature { Product, Service, Price, Logistics, AccountPayment, Other }

/// <summary>紧急程度.</summary>
public enum Urgency { Low, Medium, High }

public static class ChineseLabels
{
    public static string Of(FeedbackType type) => type switch
    {
        FeedbackType.Consultation => "咨询",
        FeedbackType.Complaint => "投诉",
        FeedbackType.Suggestion => "建议",
        FeedbackType.Praise => "表扬",
        FeedbackType.InformationRequest => "信息需求",
        _ => "其他",
    };

    public static string Of(Urgency urgency) => urgency switch
    {
        Urgency.High => "高",
        Urgency.Medium => "中",
        _ => "低",
    };
}
