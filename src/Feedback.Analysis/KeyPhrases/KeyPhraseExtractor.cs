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

    public IReadOnlyList<KeyPhrase> Extract(string text, int count = 5, bool learn = true) =>
        ExtractFolded(TextNormalizer.Fold(text), count, learn);

    /// <summary>As <see cref="Extract"/>, for text already folded by <see cref="TextNormalizer"/>.</summary>
    public IReadOnlyList<KeyPhrase> ExtractFolded(string folded, int count = 5, bool learn = true)
    {
        var terms = Terms(folded);
        if (terms.Count == 0) return [];
        var frequencies = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
        foreach (var t in terms) frequencies[t] = frequencies.GetValueOrDefault(t) + 1;
        if (learn) _background.Add(frequencies.Keys);
        var (idf, median, _) = General.Value;
        var scored = new KeyPhrase[frequencies.Count];
        var i = 0;
        foreach (var (term, n) in frequencies)
            scored[i++] = new KeyPhrase(term, Math.Round(n / (double)terms.Count * Idf(term, idf, median), 4));
        Array.Sort(scored, (x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : string.CompareOrdinal(x.Text, y.Text));
        return scored.Length <= count ? scored : scored[..count];
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
        // jieba sees only runs of Chinese characters; English words are split here, on letters.
        var at = 0;
        while (at < folded.Length)
        {
            var c = folded[at];
            var end = at + 1;
            if (TextNormalizer.IsHan(c))
            {
                while (end < folded.Length && TextNormalizer.IsHan(folded[end])) end++;
                if (end - at >= 2)
                    foreach (var word in Segmenter.Value.Cut(folded[at..end]))
                        if (word.Length >= 2 && !stop.Contains(word)) terms.Add(word);
            }
            else if (char.IsAsciiLetter(c))
            {
                while (end < folded.Length && (char.IsAsciiLetter(folded[end]) || folded[end] == '\'')) end++;
                var word = folded[at..end];
                if (word.Length >= 3 && !stop.Contains(word)) terms.Add(word);
            }
            at = end;
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
