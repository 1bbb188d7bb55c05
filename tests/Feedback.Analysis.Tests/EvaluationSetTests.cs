using System.Text.Json.Nodes;
using Feedback.Analysis.Evaluation;
using Feedback.Analysis.Local;
using Feedback.Analysis.Text;

namespace Feedback.Analysis.Tests;

/// <summary>The quality the issue asks for, measured on the team's own labelled set.</summary>
public sealed class EvaluationSetTests
{
    private static readonly LocalAnalyzer Analyzer = new();
    private static readonly List<(string Text, string Sentiment, string Type)> Items = File
        .ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "eval.jsonl"))
        .Where(l => l.Length > 0)
        .Select(l => JsonNode.Parse(l)!)
        .Select(n => (n["text"]!.GetValue<string>(), n["sentiment"]!.GetValue<string>(), n["type"]!.GetValue<string>()))
        .ToList();

    [Fact]
    public void The_set_has_600_items_covering_every_label_both_scripts_and_English()
    {
        Assert.True(Items.Count >= 600, $"{Items.Count} items");
        Assert.Equal(["complaint", "consultation", "informationRequest", "other", "praise", "suggestion"], Items.Select(i => i.Type).Distinct().Order());
        Assert.Equal(["negative", "neutral", "positive"], Items.Select(i => i.Sentiment).Distinct().Order());
        var languages = Items.GroupBy(i => TextNormalizer.DetectLanguage(i.Text)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(languages[Languages.Traditional] >= 50 && languages[Languages.English] >= 80, string.Join(", ", languages));
    }

    [Fact]
    public void Sentiment_accuracy_is_at_least_0_88() =>
        Assert.True(Score(Items, sentiment: true).Accuracy >= 0.88, Score(Items, sentiment: true).Report());

    [Fact]
    public void Type_macro_F1_is_at_least_0_80() =>
        Assert.True(Score(Items, sentiment: false).MacroF1 >= 0.80, Score(Items, sentiment: false).Report());

    [Fact]
    public void Traditional_text_scores_within_two_points_of_the_same_text_in_simplified()
    {
        var toTraditional = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "s2t.txt"))
            .Where(l => l.Length == 2).ToDictionary(l => l[0], l => l[1]);
        var simplified = Items.Where(i => TextNormalizer.DetectLanguage(i.Text) == Languages.Simplified).ToList();
        var traditional = simplified.Select(i => (new string(i.Text.Select(c => toTraditional.GetValueOrDefault(c, c)).ToArray()), i.Sentiment, i.Type)).ToList();

        Assert.True(traditional.Count(t => TextNormalizer.DetectLanguage(t.Item1) == Languages.Traditional) > simplified.Count * 0.8);
        foreach (var sentiment in new[] { true, false })
        {
            var (a, b) = (Score(simplified, sentiment), Score(traditional, sentiment));
            Assert.True(Math.Abs(a.Accuracy - b.Accuracy) <= 0.02, $"{(sentiment ? "sentiment" : "type")}: simplified {a.Accuracy:0.000}, traditional {b.Accuracy:0.000}");
            Assert.True(Math.Abs(a.MacroF1 - b.MacroF1) <= 0.02, $"{(sentiment ? "sentiment" : "type")}: simplified F1 {a.MacroF1:0.000}, traditional F1 {b.MacroF1:0.000}");
        }
    }

    private static Metrics Score(IEnumerable<(string Text, string Sentiment, string Type)> items, bool sentiment)
    {
        var metrics = new Metrics();
        foreach (var (text, s, t) in items)
            metrics.Add(sentiment ? s : t, sentiment ? LabelNames.Of(Analyzer.AnalyzeSentiment(text).Label) : LabelNames.Of(Analyzer.Classify(text).Type));
        return metrics;
    }
}
