using Feedback.Analysis.KeyPhrases;

namespace Feedback.Analysis.Tests;

public sealed class KeyPhraseTests
{
    [Fact]
    public void Salient_words_come_first_and_function_words_are_left_out()
    {
        var phrases = new KeyPhraseExtractor(new BackgroundCorpus()).Extract("我的订单支付失败了，钱已经扣了但是订单一直没有生成").Select(p => p.Text).ToList();

        Assert.Equal("订单", phrases[0]);
        Assert.Contains("支付", phrases);
        Assert.DoesNotContain("已经", phrases);
        Assert.DoesNotContain("但是", phrases);
        Assert.All(phrases, p => Assert.True(p.Length >= 2));
    }

    [Fact]
    public void Both_scripts_give_the_same_phrases() =>
        Assert.Equal(
            new KeyPhraseExtractor(new BackgroundCorpus()).Extract("快递员态度很差，包裹也摔坏了").Select(p => p.Text),
            new KeyPhraseExtractor(new BackgroundCorpus()).Extract("快遞員態度很差，包裹也摔壞了").Select(p => p.Text));

    [Fact]
    public void English_phrases_are_words_without_stop_words()
    {
        var phrases = new KeyPhraseExtractor(new BackgroundCorpus()).Extract("The battery drains too fast and the battery gets hot").Select(p => p.Text).ToList();

        Assert.Equal("battery", phrases[0]);
        Assert.DoesNotContain("the", phrases);
    }

    [Fact]
    public void Against_a_background_of_recent_feedback_the_common_word_ranks_below_the_rare_one()
    {
        var background = new BackgroundCorpus();
        var extractor = new KeyPhraseExtractor(background);
        for (var i = 0; i < 300; i++) extractor.Extract(i % 2 == 0 ? $"订单问题第{i}次" : $"订单物流第{i}次");

        var phrases = extractor.Extract("订单显示电池鼓包", learn: false).Select(p => p.Text).ToList();

        Assert.True(background.Documents >= 300);
        Assert.True(phrases.IndexOf("鼓包") < phrases.IndexOf("订单"), string.Join(",", phrases));
    }

    [Fact]
    public void Hot_topics_are_the_phrases_most_items_share()
    {
        var extractor = new KeyPhraseExtractor(new BackgroundCorpus());
        string[] items =
        [
            "物流太慢了，快递三天还没到", "快递员态度差，物流信息也不更新", "物流一直显示运输中", "快递送错地址了",
            "支付失败，钱扣了订单没生成", "又是支付失败，订单取消了", "会员怎么续费",
        ];

        var top = HotTopics.Top(items.Select(i => extractor.Extract(i)).ToList(), 3);

        Assert.Equal(3, top.Count);
        Assert.Contains(top, t => t.Phrase is "物流" or "快递");
        Assert.All(top, t => Assert.True(t.Items >= 2));
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.Items >= p.Second.Items));
    }
}
