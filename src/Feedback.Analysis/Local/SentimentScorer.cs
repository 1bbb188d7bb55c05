using System.Globalization;
using Feedback.Analysis.Keywords;
using Feedback.Analysis.Text;

namespace Feedback.Analysis.Local;

/// <summary>
/// Lexicon sentiment over clauses. Reads folded text, so both scripts score alike. Handles negation
/// (不, 没, 未, 别, not), degree (很, 非常, 太, 有点), contrast (但是, 不过, but: the later clause weighs
/// more), questions that complain (怎么还没到?), praise with a complaint inside, emoji and slang.
/// </summary>
public sealed partial class SentimentScorer
{
    private static readonly string[] Negators = ["没有", "不是", "并不", "从不", "从没", "毫不", "绝不", "不", "没", "未", "别"];
    // Degree words that contain a negator character (非常, 特别) are taken out before looking for negation.
    private static readonly string[] NotNegators = ["非常", "特别", "区别", "别人", "分别", "级别", "不仅", "不但", "未来", "没想到"];
    private static readonly string[] EnglishNegators = ["not ", "n't ", "no ", "never ", "hardly ", "nothing ", "without "];
    private static readonly (string Word, double Factor)[] Degrees =
    [
        ("极其", 1.8), ("极度", 1.8), ("特别", 1.5), ("非常", 1.6), ("十分", 1.5), ("相当", 1.4), ("超级", 1.6), ("超", 1.4),
        ("太", 1.6), ("巨", 1.5), ("贼", 1.4), ("最", 1.6), ("很", 1.3), ("真的", 1.3), ("真", 1.3), ("挺", 1.2), ("蛮", 1.2), ("好", 1.2),
        ("比较", 0.9), ("还算", 0.8), ("有点儿", 0.6), ("有点", 0.6), ("有些", 0.6), ("稍微", 0.5), ("略", 0.6),
        ("very ", 1.4), ("so ", 1.4), ("really ", 1.3), ("extremely ", 1.8), ("too ", 1.5), ("quite ", 1.2), ("a bit ", 0.6), ("slightly ", 0.5),
    ];
    // A clause that starts with one of these outweighs what came before it.
    private static readonly string[] Contrasts = ["但是", "但", "不过", "可是", "然而", "却", "只是", "就是", "可惜", "无奈", "没想到", "结果", "谁知", "but ", "however", "though", "yet "];
    // Suggestions and wishes speak of what is not (yet) there: their praise words are hypothetical.
    private static readonly string[] Hypotheticals = ["would love", "建议", "希望", "如果", "要是", "能不能", "可不可以", "能否", "可以考虑", "最好能", "期待", "would be", "i wish", "suggest", "it would", "could you", "please add"];
    private static readonly string[] Concessions = ["虽然", "虽说", "尽管", "although", "even though"];
    // Questions that are complaints in question form.
    private static readonly string[] ComplainingQuestions =
        ["why do i have to", "去哪里住", "干嘛", "让我", "多少次", "难道", "有什么用", "不归", "怎么还", "为什么还", "为啥还", "怎么又", "到底", "凭什么", "还要等多久", "要等多久", "什么时候才", "怎么回事", "怎么搞的", "搞什么", "有没有人管", "有人管吗", "还没", "一直没", "why is it still", "how long do i have to", "when will"];
    // Words that frame what follows as a grievance: broken promises, disbelief, "not even".
    private static readonly (string Word, double Weight)[] Grievances =
    [
        ("根本", -0.4), ("竟然", -0.3), ("居然", -0.3), ("说好的", -0.5), ("说好", -0.3), ("到现在", -0.4), ("至今", -0.4),
        ("都没有", -0.3), ("连个", -0.4), ("一点都不", -0.3), ("还是老样子", -0.6), ("又是", -0.2), ("每次都", -0.3),
        ("要求赔偿", -0.6), ("要求退", -0.5), ("要求换", -0.4), ("立即", -0.2), ("立刻", -0.2), ("马上处理", -0.4), ("尽快处理", -0.3),
        ("给个说法", -0.7), ("什么道理", -0.6), ("这也能", -0.6), ("这就是", -0.3), ("谁负责", -0.5), ("谁出", -0.4),
        ("still not", -0.4), ("not even", -0.4), ("every single time", -0.4), ("for no reason", -0.5), ("it has been", -0.3),
    ];
    // Morphemes of damage and defect, counted only where no lexicon word covers them.
    private const string DefectCharacters = "坏破漏丢断烂脏臭错假缺吵霉锈裂砸烫凉馊糊";
    // These complain even without a question mark.
    private static readonly string[] Rhetorical = ["到底", "凭什么", "还没", "一直没", "干嘛", "难道", "有什么用", "多少次"];
    private static readonly char[] ClauseEnds = [',', '.', '!', '?', ';', ':', '。', '，', '；', '、', '\n', '~', '…'];

    private readonly TermMatcher<double> _lexicon;

    public SentimentScorer(IEnumerable<(string Term, double Weight)> lexicon) =>
        _lexicon = new TermMatcher<double>(lexicon.Select(e => (TextNormalizer.Fold(e.Term), e.Weight)));

    public static SentimentScorer Default { get; } = new(LoadLexicon());

    /// <summary>Score in [-1, 1] and how many signals decided it.</summary>
    public (double Score, int Signals) Score(string folded) => Score(folded, null);

    /// <summary>As <see cref="Score(string)"/>, also naming the words that decided it.</summary>
    public (double Score, int Signals) Score(string folded, List<string>? evidence)
    {
        var hits = Longest(_lexicon.Matches(folded), folded);
        var clauses = Clauses(folded);
        var hypothetical = Hypotheticals.Any(h => folded.Contains(h, StringComparison.Ordinal));
        var covered = new bool[folded.Length];
        foreach (var h in hits) Array.Fill(covered, true, h.Start, h.Length);
        var next = 0;
        var sums = new double[clauses.Count];
        var weights = Enumerable.Repeat(1.0, clauses.Count).ToArray();
        var signals = 0;

        for (var c = 0; c < clauses.Count; c++)
        {
            var (start, end) = clauses[c];
            var clause = folded[start..end];
            if (StartsWithAny(clause, Contrasts))
            {
                for (var p = 0; p < c; p++) weights[p] *= 0.6;
                weights[c] *= 1.5;
            }
            if (StartsWithAny(clause, Concessions)) weights[c] *= 0.6;
            var question = IsQuestion(folded, end, clause);
            if (ComplainingQuestions.Any(q => clause.Contains(q, StringComparison.Ordinal)) && (question || Rhetorical.Any(r => clause.Contains(r, StringComparison.Ordinal))))
            {
                sums[c] -= 0.7;
                signals++;
                evidence?.Add(clause.Trim());
            }
            var previousEnd = start;
            while (next < hits.Count && hits[next].Start < start) next++;
            for (; next < hits.Count && hits[next].Start < end; next++)
            {
                var hit = hits[next];
                if (hit.Value == 0) { previousEnd = hit.Start + hit.Length; continue; }
                var window = folded[Math.Max(previousEnd, hit.Start - 6)..hit.Start];
                var value = hit.Value * Degree(window);
                // Praise in quotation marks is sarcasm: 真是"高效"啊.
                if (value > 0 && IsQuoted(folded, hit.Start, hit.Length)) value = -value;
                if (IsNegated(window)) value = -value * (window.Contains("不太") || window.Contains("不怎么") || window.Contains("不够") ? 0.6 : 0.8);
                // Asking about a refund is not a complaint, nor is wishing for a feature praise.
                if (question && (value > 0 || Math.Abs(hit.Value) < 0.5)) value *= 0.3;
                else if (hypothetical && value > 0) value *= 0.3;
                sums[c] += value;
                signals++;
                evidence?.Add(folded.Substring(hit.Start, hit.Length));
                previousEnd = hit.Start + hit.Length;
            }
            foreach (var (word, weight) in Grievances)
                if (clause.Contains(word, StringComparison.Ordinal)) { sums[c] += weight; signals++; evidence?.Add(word); }
            // "十天才发", "三个小时才到": a delay told as a duration.
            if (DelayPattern().IsMatch(clause)) { sums[c] -= 0.5; signals++; }
            var defects = 0;
            for (var i = start; i < end && defects < 2; i++)
                if (!covered[i] && DefectCharacters.Contains(folded[i])) defects++;
            if (defects > 0) { sums[c] -= 0.25 * defects; signals++; }
            if (sums[c] < 0 && end < folded.Length && folded[end] == '!') sums[c] *= 1.2;
        }

        var total = 0.0;
        for (var c = 0; c < clauses.Count; c++) total += sums[c] * weights[c];
        return (Math.Tanh(total), signals);
    }

    private static double Degree(string window)
    {
        foreach (var (word, factor) in Degrees)
            if (window.EndsWith(word, StringComparison.Ordinal) || (word.Length > 1 && window.Contains(word, StringComparison.Ordinal)))
                return factor;
        return 1.0;
    }

    // A negator in the few characters before the term (不满意 and 不错 are lexicon entries of their own).
    private static bool IsNegated(string window)
    {
        foreach (var word in NotNegators) window = window.Replace(word, "", StringComparison.Ordinal);
        var tail = window.Length > 3 ? window[^3..] : window;
        if (Negators.Any(n => tail.Contains(n, StringComparison.Ordinal))) return true;
        var english = window.Length > 0 && char.IsAsciiLetter(window[^1]) ? window : window + " ";
        return EnglishNegators.Any(n => english.Contains(n, StringComparison.Ordinal));
    }

    private static bool IsQuoted(string text, int start, int length) =>
        start > 0 && start + length < text.Length && "\"“'「『".Contains(text[start - 1]) && "\"”'」』".Contains(text[start + length]);

    private static bool IsQuestion(string text, int end, string clause) =>
        (end < text.Length && text[end] == '?') || clause.EndsWith('吗') || clause.EndsWith('呢') || clause.EndsWith("吗?");

    private static bool StartsWithAny(string clause, string[] words)
    {
        var trimmed = clause.TrimStart();
        return words.Any(w => trimmed.StartsWith(w, StringComparison.Ordinal));
    }

    /// <summary>Clauses end at punctuation and begin again before a contrast word.</summary>
    private static List<(int Start, int End)> Clauses(string text)
    {
        var clauses = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(ClauseEnds, text[i]) >= 0)
            {
                if (i > start) clauses.Add((start, i));
                start = i + 1;
            }
            else if (i > start && StartsContrast(text, i))
            {
                clauses.Add((start, i));
                start = i;
            }
        }
        if (text.Length > start) clauses.Add((start, text.Length));
        return clauses.Count > 0 ? clauses : [(0, text.Length)];
    }

    private static bool StartsContrast(string text, int i)
    {
        foreach (var w in Contrasts)
            if (w.Length > 1 && w[0] == text[i] && string.CompareOrdinal(text, i, w, 0, w.Length) == 0) return true;
        return false;
    }

    /// <summary>Longest match wins where matches overlap; Latin terms must stand as whole words.</summary>
    private static List<TermMatch<double>> Longest(List<TermMatch<double>> matches, string text)
    {
        var kept = new List<TermMatch<double>>();
        var coveredUntil = -1;
        foreach (var m in matches.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            var end = m.Start + m.Length;
            if (m.Start < coveredUntil) continue;
            if (char.IsAsciiLetter(text[m.Start]) && ((m.Start > 0 && char.IsAsciiLetter(text[m.Start - 1])) || (end < text.Length && char.IsAsciiLetter(text[end])))) continue;
            kept.Add(m);
            coveredUntil = end;
        }
        return kept;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\d一二两三四五六七八九十几半]+(?:个)?(?:天|小时|分钟|周|星期|个月|礼拜)(?:了)?才")]
    private static partial System.Text.RegularExpressions.Regex DelayPattern();

    private static IEnumerable<(string, double)> LoadLexicon()
    {
        using var stream = typeof(SentimentScorer).Assembly.GetManifestResourceStream("sentiment.txt")
            ?? throw new InvalidOperationException("The embedded sentiment.txt lexicon is missing.");
        using var reader = new StreamReader(stream);
        // A later line for the same term replaces an earlier one.
        var entries = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            entries[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return entries.Select(e => (e.Key, e.Value));
    }
}
