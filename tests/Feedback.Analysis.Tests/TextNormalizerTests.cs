using Feedback.Analysis.Text;

namespace Feedback.Analysis.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("這個產品質量太差了", "这个产品质量太差了")]
    [InlineData("客服態度很好，謝謝", "客服态度很好,谢谢")]
    [InlineData("裡面的說明書", "里面的说明书")]
    [InlineData("物流太慢，我要退款", "物流太慢,我要退款")]
    public void Traditional_folds_to_simplified(string text, string folded) =>
        Assert.Equal(folded, TextNormalizer.Fold(text));

    [Fact]
    public void Inline_pinyin_from_extraction_noise_is_removed()
    {
        // As in the fifth source document.
        Assert.Equal("提升客户对产品或服务的满意度", TextNormalizer.Fold("提升客戶對產(chǎn)品或服務的滿意度"));
        Assert.Equal("为了优化客户反馈处理流程", TextNormalizer.Fold("為了優(yōu)化客戶反饋處理流程"));
        Assert.Equal("质量(zhi liang)", TextNormalizer.Fold("質量(zhi liang)"));
        Assert.Equal("登录(login)失败", TextNormalizer.Fold("登錄(login)失敗"));
    }

    [Theory]
    [InlineData("ＡＰＰ闪退１２３次！", "app闪退123次!")]
    [InlineData("太差了！！！？？？", "太差了!?")]
    [InlineData("  你好   \t世界\n\n再见  ", "你好 世界 再见")]
    [InlineData("等了好久。。。。。", "等了好久。")]
    [InlineData("Great SERVICE!!", "great service!")]
    public void Width_case_whitespace_and_repeated_punctuation_are_folded(string text, string folded) =>
        Assert.Equal(folded, TextNormalizer.Fold(text));

    [Fact]
    public void Emoji_are_kept() => Assert.Equal("好评👍😡", TextNormalizer.Fold("好评👍😡"));

    [Fact]
    public void The_original_is_kept_beside_the_folded_form()
    {
        var normalized = TextNormalizer.Normalize("這個ＡＰＰ很卡！！");

        Assert.Equal(("這個ＡＰＰ很卡！！", "这个app很卡!", Languages.Traditional),
            (normalized.Original, normalized.Matching, normalized.Language));
    }

    [Theory]
    [InlineData("我的订单一直没有发货，请尽快处理", Languages.Simplified)]
    [InlineData("我的訂單一直沒有發貨，請儘快處理", Languages.Traditional)]
    [InlineData("這個app很好用", Languages.Traditional)]
    [InlineData("这个app很好用，就是login有点慢", Languages.Simplified)]
    [InlineData("The delivery was late and the box was damaged", Languages.English)]
    [InlineData("Great app 好用", Languages.English)]
    [InlineData("これはとても良い製品です", Languages.Other)]
    [InlineData("👍👍👍", Languages.Other)]
    [InlineData("著名品牌，质量不错", Languages.Simplified)]
    public void Language_is_detected_for_mixed_text_too(string text, string language) =>
        Assert.Equal(language, TextNormalizer.DetectLanguage(text));
}
