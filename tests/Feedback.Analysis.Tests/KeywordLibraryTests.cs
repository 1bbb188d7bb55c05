using Feedback.Analysis.Keywords;
using Feedback.Analysis.Text;

namespace Feedback.Analysis.Tests;

public sealed class KeywordLibraryTests
{
    private static readonly DateOnly July = new(2026, 7, 15);
    private static readonly DateOnly January = new(2026, 1, 15);

    [Fact]
    public void The_matcher_finds_every_occurrence_of_every_term_overlaps_included()
    {
        var matcher = new TermMatcher<string>(new[] { "he", "she", "his", "hers" }.Select(t => (t, t)));

        var found = matcher.Matches("ushers").Select(m => (m.Start, m.Value)).OrderBy(m => m.Start).ThenBy(m => m.Value);

        Assert.Equal([(1, "she"), (2, "he"), (2, "hers")], found);
    }

    [Fact]
    public void The_matcher_scales_to_thousands_of_terms()
    {
        var terms = Enumerable.Range(0, 5000).Select(i => ($"词{i:0000}号", i)).ToList();
        var matcher = new TermMatcher<int>(terms);
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"有词{i * 97 % 5000:0000}号吗"));

        var found = matcher.Matches(text).Select(m => m.Value).ToList();

        Assert.Equal(5000, matcher.TermCount);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 97 % 5000), found);
    }

    [Theory]
    [InlineData("我的支付失败了")]
    [InlineData("我的支付失敗了")]
    [InlineData("付不了款，怎么回事")]
    [InlineData("Payment Failed twice")]
    [InlineData("ＰＡＹＭＥＮＴ ＦＡＩＬＥＤ")]
    public void A_term_matches_in_either_script_width_or_case_and_through_its_synonyms(string text)
    {
        var hit = Assert.Single(DefaultKeywords.Load().Match(TextNormalizer.Fold(text), July), h => h.Entry.Term == "支付失败");
        Assert.Equal(-1.0, hit.Entry.Weight);
    }

    [Fact]
    public void A_longer_match_hides_the_shorter_one_inside_it()
    {
        var hits = DefaultKeywords.Load().Match(TextNormalizer.Fold("被重复扣款了，另外还有一笔扣款"), July);

        Assert.Equal(["重复扣款", "扣款"], hits.Select(h => h.Entry.Term));
    }

    [Fact]
    public void Seasonal_and_dated_entries_apply_only_in_their_time()
    {
        var (library, _) = KeywordLibrary.Create(
        [
            new("发烫", null, -0.6, "product", Season.Summer),
            new("双十一", null, -0.2, "logistics", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20)),
        ], "v1");

        Assert.Single(library!.Match("手机发烫", July));
        Assert.Empty(library.Match("手机发烫", January));
        Assert.Single(library.Match("双十一的快递", new DateOnly(2026, 11, 11)));
        Assert.Empty(library.Match("双十一的快递", new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Bad_entries_are_rejected_with_the_field_and_the_reason()
    {
        var (library, errors) = KeywordLibrary.Create(
        [
            new("质量问题", ["質量問題"], -0.6, "product"),
            new(" ", null, -0.5, "product"),
            new("退款", null, -1.5, ""),
            new("优惠", null, 0.2, "price", null, new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1)),
            new("品质问题", ["質量問題"], -0.5, "product"),
        ], "v2");

        Assert.Null(library);
        Assert.Equal(["entries[1].term", "entries[2].category", "entries[2].weight", "entries[3].validTo", "entries[4].synonyms[0]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("already in entries[0]", errors["entries[4].synonyms[0]"][0]);
    }

    [Fact]
    public void The_default_library_is_valid_and_covers_the_urgent_signals()
    {
        var library = DefaultKeywords.Load();
        string[] urgent = ["支付失败", "系统故障", "崩溃", "12315", "曝光", "安全隐患", "起诉"];

        Assert.True(library.Entries.Count >= 60);
        Assert.All(urgent, term => Assert.True(library.Entries.Single(e => e.Term == term).Weight <= -0.9, term));
        Assert.Contains(library.Entries, e => e.Season == Season.Summer);
    }
}
