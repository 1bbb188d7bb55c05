namespace Feedback.Domain.Warnings;

/// <summary>The shipped rules: every signal the documents name, with thresholds ops can change.</summary>
public static class WarningRules
{
    public static readonly IReadOnlyList<string> FailureTerms = ["系统故障", "崩溃", "无法登录", "支付失败"];

    public static IReadOnlyList<WarningRule> Default { get; } =
    [
        new("urgent-keyword", WarningKinds.ContentKeyword, WarningLevel.Important, "紧急内容预警")
        {
            Terms = ["系统故障", "支付失败", "崩溃", "扣款", "泄露", "无法登录"],
        },
        new("customer-escalating", WarningKinds.CustomerEscalating, WarningLevel.Important, "客户投诉升级预警"),
        new("repeat-customer", WarningKinds.RepeatCustomer, WarningLevel.General, "客户重复反馈预警"),
        new("waiting-mentions", WarningKinds.WaitingMentions, WarningLevel.General, "催促等待集中预警") { Threshold = 5 },
        new("process-questions", WarningKinds.ProcessQuestions, WarningLevel.General, "同一流程咨询集中预警") { Threshold = 5 },
        new("complaint-surge", WarningKinds.Surge, WarningLevel.Important, "同类投诉激增预警")
        {
            Dimension = "nature", BaselineFactor = 3, MinCount = 10,
        },
        new("topic-surge", WarningKinds.Surge, WarningLevel.Important, "热点问题激增预警")
        {
            Dimension = "keyphrase", BaselineFactor = 3, MinCount = 10,
        },
        new("failure-burst", WarningKinds.Burst, WarningLevel.Severe, "系统故障集中反馈预警")
        {
            Window = TimeSpan.FromMinutes(10), Threshold = 5, Terms = FailureTerms,
        },
        new("social-wave", WarningKinds.SocialWave, WarningLevel.Severe, "负面舆情预警")
        {
            Threshold = 200, StatementWithin = TimeSpan.FromHours(24),
        },
        new("slow-response", WarningKinds.ResponseTime, WarningLevel.General, "响应时长超出均值预警")
        {
            BaselineFactor = 1.2, MinCount = 10,
        },
        new("low-resolution-rate", WarningKinds.ResolutionRate, WarningLevel.Important, "解决率低于目标预警")
        {
            Window = TimeSpan.FromDays(7), Threshold = 0.9, MinCount = 20,
        },
        new("satisfaction-falling", WarningKinds.SatisfactionFalling, WarningLevel.Important, "满意度连续下降预警")
        {
            Threshold = 3, MinCount = 5,
        },
        new("breach-share-rising", WarningKinds.BreachShareRising, WarningLevel.Important, "超时工单占比上升预警")
        {
            BaselineFactor = 1.5, MinCount = 10,
        },
        new("channel-health", WarningKinds.ChannelHealth, WarningLevel.General, "渠道异常预警"),
        new("churn-risk", WarningKinds.ChurnRisk, WarningLevel.Important, "客户流失预警") { Window = TimeSpan.FromDays(30) },
    ];
}
