using Feedback.Analysis.Keywords;
using Feedback.Analysis.Text;
using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Local;

/// <summary>A first rule-based analyzer: lexicon sentiment with negation, cue-word classification, the keyword library.</summary>
public sealed class LocalAnalyzer(IKeywordLibrarySource keywords, TimeProvider time) : ITextAnalyzer
{
    public LocalAnalyzer() : this(DefaultKeywordSource.Instance, TimeProvider.System) { }

    public const string Name = "local-rules-v1";

    public Task<SentimentResult> AnalyzeSentimentAsync(string text, CancellationToken cancellationToken) => Task.FromResult(AnalyzeSentiment(text));
    public Task<Classification> ClassifyAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Classify(text));
    public Task<KeywordResult> ExtractKeywordsAsync(string text, CancellationToken cancellationToken) => Task.FromResult(ExtractKeywords(text));

    public SentimentResult AnalyzeSentiment(string text)
    {
        var lower = text.ToLowerInvariant();
        double sum = 0;
        var hits = 0;
        foreach (var (term, weight) in Lexicon.Sentiment)
        {
            for (var at = lower.IndexOf(term, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(term, at + term.Length, StringComparison.Ordinal))
            {
                sum += IsNegated(lower, at) ? -weight * 0.8 : weight;
                hits++;
            }
        }
        if (hits == 0) return new SentimentResult(SentimentLabel.Neutral, 0, 0.5, Name);
        var score = Math.Clamp(sum / Math.Max(1, Math.Sqrt(hits)), -1, 1);
        var label = score > 0.2 ? SentimentLabel.Positive : score < -0.2 ? SentimentLabel.Negative : SentimentLabel.Neutral;
        return new SentimentResult(label, Math.Round(score, 3), Math.Round(Math.Min(0.95, 0.5 + Math.Abs(score) / 2), 3), Name);
    }

    public Classification Classify(string text)
    {
        var lower = text.ToLowerInvariant();
        var (type, typeEvidence) = Best(lower, Lexicon.TypeCues, FeedbackType.Other);
        var (nature, natureEvidence) = Best(lower, Lexicon.NatureCues, Nature.Other);
        return new Classification(
            type, Confidence(typeEvidence.Count), nature, Confidence(natureEvidence.Count),
            [.. typeEvidence, .. natureEvidence], Name);
    }

    /// <summary>The library's entries found in the text (each entry once, by its main term), most negative first.</summary>
    public KeywordResult ExtractKeywords(string text)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var found = keywords.Current.Match(TextNormalizer.Fold(text), today)
            .GroupBy(h => h.Entry)
            .Select(g => new Keyword(g.Key.Term, g.Key.Weight, g.Key.Category))
            .OrderBy(k => k.Weight)
            .ToList();
        return new KeywordResult(found, Name);
    }

    // A negator right before the term, or one character before it (不太满意), flips it.
    private static bool IsNegated(string text, int at)
    {
        var before = text.AsSpan(Math.Max(0, at - 5), Math.Min(5, at));
        foreach (var negator in Lexicon.Negators)
        {
            var i = before.LastIndexOf(negator, StringComparison.Ordinal);
            if (i >= 0 && before.Length - (i + negator.Length) <= 1) return true;
        }
        return false;
    }

    private static (T Label, List<string> Evidence) Best<T>(string text, IReadOnlyDictionary<T, string[]> cues, T fallback)
        where T : struct
    {
        // Dictionary order is the tie-break: complaint before consultation, as a question that complains is a complaint.
        var best = (Label: fallback, Evidence: new List<string>());
        foreach (var (label, terms) in cues)
        {
            var matched = terms.Where(t => text.Contains(t, StringComparison.Ordinal)).ToList();
            if (matched.Count > best.Evidence.Count) best = (label, matched);
        }
        return best;
    }

    private static double Confidence(int evidence) => evidence == 0 ? 0.3 : Math.Min(0.95, 0.55 + 0.15 * evidence);
}
