using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Local;

/// <summary>
/// A first lexicon, small on purpose: enough to triage end to end. Terms are lower case;
/// weights are in [-1, 1], the most negative words pushing an item forward.
/// </summary>
internal static class Lexicon
{
    public static readonly IReadOnlyDictionary<string, double> Sentiment = new Dictionary<string, double>
    {
        ["满意"] = 0.8, ["感谢"] = 0.8, ["谢谢"] = 0.6, ["好评"] = 0.9, ["不错"] = 0.6, ["喜欢"] = 0.7,
        ["棒"] = 0.8, ["赞"] = 0.7, ["专业"] = 0.5, ["及时"] = 0.5, ["耐心"] = 0.6, ["表扬"] = 0.8, ["很好"] = 0.7,
        ["great"] = 0.8, ["good"] = 0.6, ["thanks"] = 0.6, ["thank you"] = 0.7, ["love"] = 0.8, ["excellent"] = 0.9,
        ["差"] = -0.7, ["差评"] = -0.9, ["慢"] = -0.5, ["失望"] = -0.8, ["垃圾"] = -0.9, ["无语"] = -0.7,
        ["投诉"] = -0.6, ["故障"] = -0.6, ["失败"] = -0.6, ["崩溃"] = -0.8, ["卡顿"] = -0.5, ["错误"] = -0.4,
        ["退款"] = -0.5, ["骗"] = -0.8, ["坑"] = -0.6, ["生气"] = -0.8, ["太差"] = -0.9, ["破损"] = -0.6,
        ["还没"] = -0.4, ["没有收到"] = -0.5, ["不能用"] = -0.7, ["态度"] = -0.2,
        ["bad"] = -0.6, ["slow"] = -0.5, ["broken"] = -0.7, ["terrible"] = -0.9, ["refund"] = -0.5,
        ["failed"] = -0.6, ["crash"] = -0.8, ["angry"] = -0.8, ["worst"] = -0.9,
    };

    public static readonly string[] Negators = ["不", "没", "未", "别", "not ", "no "];

    public static readonly IReadOnlyDictionary<FeedbackType, string[]> TypeCues = new Dictionary<FeedbackType, string[]>
    {
        [FeedbackType.Complaint] = ["投诉", "差评", "退款", "骗", "垃圾", "失望", "怎么还", "还没", "故障", "失败", "崩溃", "太差", "complain", "refund", "terrible", "worst"],
        [FeedbackType.Suggestion] = ["建议", "希望", "能不能", "可否", "最好能", "增加", "suggest", "would be nice", "please add"],
        [FeedbackType.Praise] = ["表扬", "感谢", "点赞", "好评", "非常满意", "辛苦了", "thank", "great job", "excellent"],
        [FeedbackType.InformationRequest] = ["发票", "说明书", "资料", "报价", "目录", "invoice", "brochure"],
        [FeedbackType.Consultation] = ["请问", "如何", "怎么", "是否", "吗", "？", "?", "how do", "can i"],
    };

    public static readonly IReadOnlyDictionary<Nature, string[]> NatureCues = new Dictionary<Nature, string[]>
    {
        [Nature.AccountPayment] = ["支付", "付款", "扣款", "账户", "账号", "登录", "密码", "payment", "account", "login"],
        [Nature.Logistics] = ["快递", "物流", "发货", "送货", "配送", "到货", "delivery", "shipping"],
        [Nature.Price] = ["价格", "收费", "贵", "费用", "price", "charge", "expensive"],
        [Nature.Service] = ["客服", "态度", "服务", "回复", "响应", "service", "support", "agent"],
        [Nature.Product] = ["功能", "质量", "卡顿", "崩溃", "闪退", "故障", "产品", "bug", "crash", "feature"],
    };
}
