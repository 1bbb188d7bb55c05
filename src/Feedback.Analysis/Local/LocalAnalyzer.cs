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

    /// <summary>Everything at once: the text is folded once and scored once (the batch and CLI path).</summary>
    public (SentimentResult Sentiment, Classification Classification, KeywordResult Keywords) Analyze(string text)
    {
        var folded = TextNormalizer.Fold(text);
        var sentiment = Sentiment(folded);
        return (sentiment, Classify(folded, sentiment.Score), Keywords(text, folded));
    }

    public SentimentResult AnalyzeSentiment(string text) => Sentiment(TextNormalizer.Fold(text));

    public Classification Classify(string text)
    {
        var folded = TextNormalizer.Fold(text);
        return Classify(folded, SentimentScorer.Default.Score(folded).Score);
    }

    /// <summary>The library's entries found in the text (each entry once, by its main term), most negative first, and its key phrases.</summary>
    public KeywordResult ExtractKeywords(string text) => Keywords(text, TextNormalizer.Fold(text));

    private static SentimentResult Sentiment(string folded)
    {
        var evidence = new List<string>();
        var (score, signals) = SentimentScorer.Default.Score(folded, evidence);
        var label = score > 0.25 ? SentimentLabel.Positive : score < -0.25 ? SentimentLabel.Negative : SentimentLabel.Neutral;
        // With no signal at all, "neutral" is a guess: confident enough to stand, not enough to skip the cloud.
        var confidence = signals == 0 ? 0.55 : Math.Min(0.97, 0.55 + 0.4 * Math.Abs(score) + 0.03 * Math.Min(signals, 3));
        return new SentimentResult(label, Math.Round(score, 3), Math.Round(confidence, 3), Name, Evidence: evidence.Distinct().ToList());
    }

    private static Classification Classify(string folded, double sentiment)
    {
        var (type, typeConfidence, nature, natureConfidence, evidence) = FeedbackClassifier.Classify(folded, sentiment);
        return new Classification(type, typeConfidence, nature, natureConfidence, evidence, Name);
    }

    private KeywordResult Keywords(string text, string folded)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var found = keywords.Current.Match(folded, today)
            .GroupBy(h => h.Entry)
            .Select(g => new Keyword(g.Key.Term, g.Key.Weight, g.Key.Category))
            .OrderBy(k => k.Weight)
            .ToList();
        return new KeywordResult(found, Name, phrases.ExtractFolded(folded).Select(p => p.Text).ToList());
    }
}
