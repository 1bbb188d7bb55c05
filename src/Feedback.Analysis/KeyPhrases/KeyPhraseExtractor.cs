using System.Collections.Concurrent;
using System.Globalization;
using Feedback.Analysis.Text;
using JiebaNet.Segmenter;

namespace Feedback.Analysis.KeyPhrases;

public sealed record KeyPhrase(string Text, double Score);

/// <summary>
/// Salient phrases of one item: words from jieba.NET's segmentation (English split on letters), scored
/// by TF-IDF against a background of recent feedback. Until the background holds enough items, jieba's
/// own IDF table (general Chinese) stands in, so the first items are scored sensibly too.
/// </summary>
public sealed class KeyPhraseExtractor
{
    private const int MinimumBackground = 200;
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
        return new JiebaSegmenter();
    });
    private static readonly Lazy<(Dictionary<string, double> Idf, double Median, HashSet<string> Stop)> General = new(LoadGeneral);

    private readonly BackgroundCorpus _background;

    public KeyPhraseExtractor(BackgroundCorpus background) => _background = background;

    public IReadOnlyList<KeyPhrase> Extract(string text, int count = 5, bool learn = true)
    {
        var terms = Terms(TextNormalizer.Fold(text));
        if (terms.Count == 0) return [];
        var frequencies = terms.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        if (learn) _background.Add(frequencies.Keys);
        var (idf, median, _) = General.Value;
        return frequencies
            .Select(f => new KeyPhrase(f.Key, Math.Round(f.Value / (double)terms.Count * Idf(f.Key, idf, median), 4)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Text, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private double Idf(string term, Dictionary<string, double> general, double median) =>
        _background.Documents >= MinimumBackground
            ? Math.Log((_background.Documents + 1.0) / (_background.Frequency(term) + 1.0)) + 1
            : general.GetValueOrDefault(term, median);

    /// <summary>Content words: no stop words, no punctuation or numbers, no single Chinese characters.</summary>
    public static List<string> Terms(string folded)
    {
        var stop = General.Value.Stop;
        var terms = new List<string>();
        foreach (var raw in Segmenter.Value.Cut(folded))
        {
            var word = raw.Trim();
            if (word.Length == 0 || stop.Contains(word) || !word.Any(char.IsLetter)) continue;
            if (word.All(TextNormalizer.IsHan) ? word.Length < 2 : word.Length < 3) continue;
            terms.Add(word);
        }
        return terms;
    }

    private static (Dictionary<string, double>, double, HashSet<string>) LoadGeneral()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jieba");
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "idf.txt")))
        {
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                idf[line[..space]] = value;
        }
        var sorted = idf.Values.Order().ToList();
        var stop = new HashSet<string>(File.ReadLines(Path.Combine(folder, "stopwords.txt")).Select(l => l.Trim()), StringComparer.Ordinal);
        // Words every piece of feedback has; they say nothing about what it is about.
        foreach (var w in new[] { "你们", "我们", "请问", "一下", "已经", "还是", "就是", "但是", "一直", "没有", "现在", "今天", "非常", "真的", "怎么", "什么", "可以", "the", "and", "for", "you", "your", "was", "are", "this", "that", "with", "have", "has", "not", "but", "can", "please" })
            stop.Add(w);
        return (idf, sorted[sorted.Count / 2], stop);
    }
}

/// <summary>Document frequencies of the most recent items, so "hot" means hot against recent feedback.</summary>
public sealed class BackgroundCorpus(int capacity = 5000)
{
    private readonly ConcurrentQueue<string[]> _window = new();
    private readonly ConcurrentDictionary<string, int> _frequency = new(StringComparer.Ordinal);
    private int _documents;

    public int Documents => Volatile.Read(ref _documents);

    public int Frequency(string term) => _frequency.GetValueOrDefault(term);

    public void Add(IEnumerable<string> distinctTerms)
    {
        var terms = distinctTerms.ToArray();
        foreach (var t in terms) _frequency.AddOrUpdate(t, 1, (_, n) => n + 1);
        _window.Enqueue(terms);
        Interlocked.Increment(ref _documents);
        while (Volatile.Read(ref _documents) > capacity && _window.TryDequeue(out var old))
        {
            foreach (var t in old) _frequency.AddOrUpdate(t, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _documents);
        }
    }
}

/// <summary>热点话题: the phrases that most items of a period share, most frequent first.</summary>
public static class HotTopics
{
    public sealed record Topic(string Phrase, int Items, double Share);

    public static IReadOnlyList<Topic> Top(IReadOnlyCollection<IReadOnlyList<KeyPhrase>> phrasesPerItem, int n)
    {
        if (phrasesPerItem.Count == 0) return [];
        return phrasesPerItem
            .SelectMany(p => p.Select(k => k.Text).Distinct())
            .GroupBy(t => t)
            .Select(g => new Topic(g.Key, g.Count(), Math.Round(g.Count() / (double)phrasesPerItem.Count, 3)))
            .Where(t => t.Items > 1)
            .OrderByDescending(t => t.Items).ThenBy(t => t.Phrase, StringComparer.Ordinal)
            .Take(n)
            .ToList();
    }
}
