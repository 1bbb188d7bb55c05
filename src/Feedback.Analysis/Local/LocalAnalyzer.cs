using Feedback.Analysis.KeyPhrases;
using Feedback.Analysis.Keywords;
using Feedback.Analysis.Text;
using Feedback.Domain.Analysis;

namespace Feedback.Analysis.Local;

/// <summary>The local analyzer: clause-level lexicon sentiment, cue-based classification, the keyword library. No cost, no network.</summary>
public sealed class LocalAnalyzer(IKeywordLibrarySource keywords, TimeProvider time, KeyPhraseExtractor phrases) : ITextAnalyzer
{
    public LocalAnalyzer() : this(DefaultKeywordSource.Instance, TimeProvider.System, new KeyPhraseExtractor(new BackgroundCorpus())) { }

    public const string Name = "local-rules-v2";

    public Task<SentimentResult> AnalyzeSentimentAsync(string text, CancellationToken cancellationToken) => Task.FromResult(AnalyzeSentiment(text));
    public Task<Classification> ClassifyAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Classify(text));
    public Task<KeywordResult> ExtractKeywordsAsync(string text, CancellationToken cancellationToken) => Task.FromResult(ExtractKeywords(text));

    public SentimentResult AnalyzeSentiment(string text)
    {
        var evidence = new List<string>();
        var (score, signals) = SentimentScorer.Default.Score(TextNormalizer.Fold(text), evidence);
        var label = score > 0.25 ? SentimentLabel.Positive : score < -0.25 ? SentimentLabel.Negative : SentimentLabel.Neutral;
        // With no signal at all, "neutral" is a guess: confident enough to stand, not enough to skip the cloud.
        var confidence = signals == 0 ? 0.55 : Math.Min(0.97, 0.55 + 0.4 * Math.Abs(score) + 0.03 * Math.Min(signals, 3));
        return new SentimentResult(label, Math.Round(score, 3), Math.Round(confidence, 3), Name, Evidence: evidence.Distinct().ToList());
    }

    public Classification Classify(string text)
    {
        var folded = TextNormalizer.Fold(text);
        var (score, _) = SentimentScorer.Default.Score(folded);
        var (type, typeConfidence, nature, natureConfidence, evidence) = FeedbackClassifier.Classify(folded, score);
        return new Classification(type, typeConfidence, nature, natureConfidence, evidence, Name);
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
        return new KeywordResult(found, Name, phrases.Extract(text).Select(p => p.Text).ToList());
    }
}
