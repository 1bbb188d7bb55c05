using Feedback.Analysis.Keywords;
using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Local;

/// <summary>
/// Type (咨询/投诉/建议/表扬/信息需求/其他) and nature from weighted cue phrases on folded text, with the
/// sentiment score as one more cue: a strongly negative item is a complaint even when it asks a question.
/// </summary>
public static class FeedbackClassifier
{
    private static readonly (FeedbackType Type, string Cue, double Weight)[] TypeCues = Cues<FeedbackType>(
        (FeedbackType.Complaint, "请立即 0.8|立刻处理 0.8|要求 0.4|没人接 0.8|why do i have to 1.0|投诉 1.5|差评 1.2|举报 1.2|曝光 1.2|12315 1.5|消协 1.5|维权 1.2|索赔 1.0|赔偿 0.8|要求退款 1.2|退款 0.6|退货 0.5|退钱 0.8|骗 1.0|坑 0.6|垃圾 1.0|太差 0.8|怎么还 0.8|到底 0.6|凭什么 1.0|不满 0.8|气死 0.8|失望 0.6|没人管 0.8|没人理 0.8|不回复 0.6|一直没 0.6|还没 0.4|给个说法 1.2|说法 0.6|严重 0.5|态度差 0.8|不处理 0.6|complain 1.2|unacceptable 1.0|refund 0.6"),
        (FeedbackType.Suggestion, "would love 1.2|建议 1.6|希望 1.0|简化 0.8|consider 1.0|you should 1.0|should 0.5|would help 1.0|would save 1.0|adding 0.6|feature 0.6|希望能 1.2|希望可以 1.2|能不能增加 1.5|能否增加 1.5|可以增加 1.2|增加 0.6|加个 0.8|加一个 0.8|添加 0.6|优化 0.7|改进 0.8|改善 0.7|完善 0.6|最好能 1.0|如果能 0.8|就好了 0.8|期待 0.6|提议 1.2|推出 0.6|出个 0.6|能不能出 1.0|考虑 0.5|应该 0.4|支持 0.3|suggest 1.5|would be nice 1.2|would be great 1.0|please add 1.2|feature request 1.5|could you add 1.2|wish 0.6|improve 0.6"),
        (FeedbackType.Praise, "表扬 1.5|感谢 0.8|谢谢 0.3|点赞 1.0|好评 1.0|五星 1.0|辛苦了 1.0|满意 0.6|给力 0.6|专业 0.4|耐心 0.5|推荐 0.4|棒 0.5|赞 0.5|锦旗 1.5|感激 0.8|thank 0.8|great job 1.2|kudos 1.2|love 0.5"),
        (FeedbackType.InformationRequest, "开户行 1.0|需要贵司 0.6|信息 0.3|请提供 1.0|提供 0.6|寄送 0.8|寄一份 1.0|明细 0.6|记录 0.3|型录 1.0|email me 1.0|a copy 0.8|receipt 0.8|certificate 0.8|provide 0.6|发票 1.2|开票 1.0|说明书 1.2|资料 1.0|报价 1.2|价目表 1.2|价格表 1.0|合同 0.8|证明 0.8|资质 1.0|目录 0.8|手册 1.0|索取 1.2|提供一下 0.8|发一份 1.2|发给我 0.8|需要一份 1.2|清单 0.6|电子版 0.8|规格 0.8|参数 0.8|文档 0.6|样品 0.6|彩页 1.0|invoice 1.2|brochure 1.2|manual 1.0|documentation 1.0|price list 1.2|quote 1.0|catalog 1.0|datasheet 1.2|send me 0.8"),
        (FeedbackType.Consultation, "请问 1.0|咨询 1.0|问一下 1.0|想问 1.0|如何 0.8|怎么 0.7|怎么操作 1.0|什么 0.5|几岁 0.6|几点 0.6|几天 0.6|哪 0.4|需要带 0.6|怎样 0.6|是否 0.6|能否 0.5|可否 0.5|多久 0.6|什么时候 0.5|哪里 0.6|哪个 0.5|多少 0.5|有没有 0.5|可以吗 0.8|了解一下 0.8|怎么办 0.6|how 0.8|can i 0.8|is it possible 0.8|do you 0.6|does it 0.6|where 0.5|when 0.4"));

    private static readonly (Nature Nature, string Cue, double Weight)[] NatureCues = Cues<Nature>(
        (Nature.AccountPayment, "支付 1|付款 1|扣款 1|扣费 1|扣钱 1|退款 0.8|到账 1|账户 1|账号 1|登录 1|登陆 1|密码 1|会员 0.6|充值 1|余额 1|优惠券 0.6|积分 0.6|银行卡 1|微信支付 1|支付宝 1|payment 1|account 1|login 1|password 1|charged 1"),
        (Nature.Logistics, "快递 1|物流 1|发货 1|送货 1|配送 1|到货 1|收货 0.8|包裹 1|运单 1|签收 1|派送 1|顺丰 1|延迟 0.4|没收到 1|还没到 1|包装 0.6|破损 0.6|delivery 1|shipping 1|package 1|courier 1|arrived 0.6"),
        (Nature.Price, "价格 1|收费 1|费用 1|贵 0.8|便宜 0.8|降价 1|差价 1|保价 1|涨价 1|性价比 1|乱收费 1|多收 1|price 1|expensive 1|cheap 0.8|fee 1|overcharged 1"),
        (Nature.Service, "客服 1|态度 1|服务 0.8|回复 0.8|响应 0.8|售后 1|人工 0.8|电话 0.5|专员 1|店员 1|工作人员 1|师傅 0.8|推诿 1|敷衍 1|不理 0.8|service 1|support 1|agent 1|staff 1|rude 1"),
        (Nature.Product, "功能 1|质量 1|卡顿 1|崩溃 1|闪退 1|故障 1|产品 0.6|app 0.6|软件 0.8|系统 0.6|版本 0.8|更新 0.6|屏幕 1|电池 1|发热 1|发烫 1|做工 1|材质 1|尺寸 0.8|bug 1|crash 1|feature 1|quality 1|battery 1"));

    private static readonly TermMatcher<int> TypeMatcher = new(TypeCues.Select((c, i) => (c.Cue, i)));
    private static readonly TermMatcher<int> NatureMatcher = new(NatureCues.Select((c, i) => (c.Cue, i)));

    public static (FeedbackType Type, double Confidence, Nature Nature, double NatureConfidence, List<string> Evidence)
        Classify(string folded, double sentiment)
    {
        var scores = new Dictionary<FeedbackType, double>();
        var evidence = new List<string>();
        foreach (var m in TypeMatcher.Matches(folded))
        {
            var (type, cue, weight) = TypeCues[m.Value];
            if (IsPartOfWord(folded, m.Start, m.Length)) continue;
            scores[type] = scores.GetValueOrDefault(type) + weight;
            evidence.Add(cue);
        }
        var question = IsQuestion(folded);
        if (question) scores[FeedbackType.Consultation] = scores.GetValueOrDefault(FeedbackType.Consultation) + 0.8;
        // Negative feedback with no other cue is a complaint; a mention of an old complaint in praise is not.
        if (sentiment < -0.25) scores[FeedbackType.Complaint] = scores.GetValueOrDefault(FeedbackType.Complaint) + 0.4 + (-sentiment) * 1.5;
        if (sentiment > 0.4 && scores.ContainsKey(FeedbackType.Complaint)) scores[FeedbackType.Complaint] *= 0.4;
        if (sentiment > 0.55 && !question) scores[FeedbackType.Praise] = scores.GetValueOrDefault(FeedbackType.Praise) + sentiment * 1.2;
        // A greeting, an acknowledgement or a lone mark is not feedback of any type.
        if (folded.Count(char.IsLetterOrDigit) < 3 && !scores.ContainsKey(FeedbackType.Complaint)) scores.Clear();

        // Equal scores go to the first in this order: a complaint is never lost to a question.
        FeedbackType[] order = [FeedbackType.Complaint, FeedbackType.Suggestion, FeedbackType.InformationRequest, FeedbackType.Consultation, FeedbackType.Praise];
        var best = order.OrderByDescending(t => Math.Round(scores.GetValueOrDefault(t), 6)).First();
        var top = scores.GetValueOrDefault(best);
        var total = scores.Values.Sum();
        var (typeResult, typeConfidence) = top < 0.5 ? (FeedbackType.Other, 0.4) : (best, Math.Round(Math.Min(0.97, 0.45 + 0.5 * top / Math.Max(total, 1e-9) * Math.Min(1, top / 1.5)), 3));

        var natures = new Dictionary<Nature, double>();
        foreach (var m in NatureMatcher.Matches(folded))
        {
            var (nature, cue, weight) = NatureCues[m.Value];
            if (IsPartOfWord(folded, m.Start, m.Length)) continue;
            natures[nature] = natures.GetValueOrDefault(nature) + weight;
            evidence.Add(cue);
        }
        var natureResult = natures.Count == 0 ? Nature.Other : natures.MaxBy(n => n.Value).Key;
        var natureConfidence = natures.Count == 0 ? 0.4 : Math.Round(Math.Min(0.95, 0.5 + 0.2 * natures[natureResult]), 3);
        return (typeResult, typeConfidence, natureResult, natureConfidence, evidence.Distinct().ToList());
    }

    private static readonly string[] QuestionWords = ["请问", "怎么", "如何", "什么", "哪里", "哪个", "哪些", "多少", "多久", "几点", "几天", "几岁", "是否", "能否", "可否", "有没有", "可不可以", "能不能"];

    public static bool IsQuestion(string folded) =>
        folded.Contains('?') || folded.EndsWith('吗') || folded.EndsWith('呢') || folded.Contains("吗,") || folded.Contains("吗。")
        || QuestionWords.Any(w => folded.Contains(w, StringComparison.Ordinal));

    // English cues must be whole words ("how" is not in "show").
    private static bool IsPartOfWord(string text, int start, int length) =>
        char.IsAsciiLetter(text[start]) &&
        ((start > 0 && char.IsAsciiLetter(text[start - 1])) || (start + length < text.Length && char.IsAsciiLetter(text[start + length])));

    private static (T, string, double)[] Cues<T>(params (T Label, string Spec)[] groups) =>
        groups.SelectMany(g => g.Spec.Split('|').Select(item =>
        {
            var space = item.LastIndexOf(' ');
            return (g.Label, item[..space], double.Parse(item[(space + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        })).ToArray();
}
