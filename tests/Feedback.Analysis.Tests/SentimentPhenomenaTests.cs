using Feedback.Analysis.Local;
using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Tests;

/// <summary>One test per thing the issue says sentiment must handle.</summary>
public sealed class SentimentPhenomenaTests
{
    private static readonly LocalAnalyzer Analyzer = new();

    private static SentimentResult Of(string text) => Analyzer.AnalyzeSentiment(text);

    [Theory]
    [InlineData("客服态度好", SentimentLabel.Positive)]
    [InlineData("客服态度不好", SentimentLabel.Negative)]
    [InlineData("一点都不好用", SentimentLabel.Negative)]
    [InlineData("没有任何问题，非常好用", SentimentLabel.Positive)]
    [InlineData("质量不错", SentimentLabel.Positive)]
    [InlineData("It is not good at all", SentimentLabel.Negative)]
    [InlineData("別買，買了就後悔", SentimentLabel.Negative)]
    public void Negation_turns_a_word_around(string text, SentimentLabel label) => Assert.Equal(label, Of(text).Label);

    [Fact]
    public void Degree_words_scale_the_feeling()
    {
        Assert.True(Of("发货太慢了").Score < Of("发货有点慢").Score);
        Assert.True(Of("非常满意").Score > Of("比较满意").Score);
    }

    [Theory]
    [InlineData("服务很好，就是物流太慢了", SentimentLabel.Negative)]
    [InlineData("虽然价格有点贵，但是质量真的很好", SentimentLabel.Positive)]
    [InlineData("Nice staff but the room was dirty and the AC was broken", SentimentLabel.Negative)]
    public void After_a_contrast_the_later_clause_weighs_more(string text, SentimentLabel label) => Assert.Equal(label, Of(text).Label);

    [Theory]
    [InlineData("怎么还没到？")]
    [InlineData("到底什么时候才能退款")]
    [InlineData("凭什么不给退？")]
    [InlineData("那我充会员干嘛")]
    public void A_question_that_complains_is_negative(string text) => Assert.Equal(SentimentLabel.Negative, Of(text).Label);

    [Theory]
    [InlineData("请问退款一般几天到账？")]
    [InlineData("可以开发票吗")]
    [InlineData("建议增加夜间模式，晚上用会更方便")]
    public void A_plain_question_or_a_wish_is_neutral(string text) => Assert.Equal(SentimentLabel.Neutral, Of(text).Label);

    [Fact]
    public void Praise_with_a_complaint_inside_surfaces_the_complaint()
    {
        Assert.Equal(SentimentLabel.Negative, Of("客服小姐姐态度很好，但问题一直没解决").Label);
        Assert.Equal(FeedbackType.Complaint, Analyzer.Classify("客服小姐姐态度很好，但问题一直没解决").Type);
    }

    [Theory]
    [InlineData("👍👍👍", SentimentLabel.Positive)]
    [InlineData("退款呢？😡", SentimentLabel.Negative)]
    [InlineData("yyds", SentimentLabel.Positive)]
    [InlineData("差评", SentimentLabel.Negative)]
    [InlineData("无语了", SentimentLabel.Negative)]
    [InlineData("垃圾", SentimentLabel.Negative)]
    [InlineData("真是\"高效\"啊，处理了半个月", SentimentLabel.Negative)]
    public void Emoji_slang_and_sarcasm_are_read(string text, SentimentLabel label) => Assert.Equal(label, Of(text).Label);

    [Fact]
    public void Every_result_names_its_analyzer_and_carries_a_confidence()
    {
        var result = Of("非常满意");
        Assert.Equal(LocalAnalyzer.Name, result.Analyzer);
        Assert.InRange(result.Confidence, 0.7, 1.0);
        Assert.InRange(Of("这是一句话").Confidence, 0.5, 0.6);
    }
}

public sealed class EvidenceTests
{
    private static readonly LocalAnalyzer Analyzer = new();

    [Fact]
    public void Sentiment_names_the_words_that_decided_it()
    {
        var result = Analyzer.AnalyzeSentiment("客服態度很差，等了很久");
        Assert.Contains("很差", result.Evidence!);
        Assert.Contains("等了很久", result.Evidence!);
    }

    [Theory]
    [InlineData("我的订单支付失败了", "keyword:支付失败")]
    [InlineData("App一直闪退", "keyword:闪退")]
    [InlineData("再不处理我就打12315", "keyword:12315")]
    [InlineData("我要发微博曝光你们", "keyword:曝光")]
    [InlineData("充电器冒烟了，有安全隐患", "keyword:安全隐患")]
    [InlineData("东西是坏的，我要求全额退款", "keyword:要求退款")]
    public void Urgent_signals_make_an_item_high_and_say_why(string text, string reason)
    {
        var sentiment = Analyzer.AnalyzeSentiment(text);
        var classification = Analyzer.Classify(text);
        var (urgency, reasons, confidence) = Feedback.Domain.Analysis.TriagePolicy.Decide(sentiment, classification, Analyzer.ExtractKeywords(text).Keywords);

        Assert.Equal(Feedback.Domain.Analysis.Urgency.High, urgency);
        Assert.Contains(reason, reasons);
        Assert.Equal(0.9, confidence);
    }

    [Fact]
    public void A_question_about_a_refund_is_not_urgent()
    {
        const string text = "请问退款一般几天到账？";
        var (urgency, _, _) = Feedback.Domain.Analysis.TriagePolicy.Decide(Analyzer.AnalyzeSentiment(text), Analyzer.Classify(text), Analyzer.ExtractKeywords(text).Keywords);
        Assert.NotEqual(Feedback.Domain.Analysis.Urgency.High, urgency);
    }
}
