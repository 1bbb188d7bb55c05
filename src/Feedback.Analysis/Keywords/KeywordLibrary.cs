using Feedback.Analysis.Text;

namespace Feedback.Analysis.Keywords;

public enum Season { Spring, Summer, Autumn, Winter }

/// <summary>
/// One entry of the keyword library (关键词库): a term and its synonyms, a weight in [-1, 1] (heavily
/// negative words push an item forward), a category, and when it applies (a season, a date window).
/// </summary>
public sealed record KeywordEntry(
    string Term,
    IReadOnlyList<string>? Synonyms,
    double Weight,
    string Category,
    Season? Season = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null)
{
    public bool AppliesOn(DateOnly day) =>
        (ValidFrom is null || day >= ValidFrom) && (ValidTo is null || day <= ValidTo) &&
        (Season is null || Season == SeasonOf(day));

    /// <summary>Northern-hemisphere meteorological seasons: spring is March to May.</summary>
    public static Season SeasonOf(DateOnly day) => day.Month switch
    {
        3 or 4 or 5 => Keywords.Season.Spring,
        6 or 7 or 8 => Keywords.Season.Summer,
        9 or 10 or 11 => Keywords.Season.Autumn,
        _ => Keywords.Season.Winter,
    };
}

/// <summary>A matched entry: the text that matched, which entry, where.</summary>
public sealed record KeywordHit(string Text, KeywordEntry Entry, int Start);

/// <summary>
/// An immutable snapshot of the library with its matcher; a change builds a new one and swaps it in,
/// so analysis never sees half a library. Terms match in either script and any width or case.
/// </summary>
public sealed class KeywordLibrary
{
    public const int MaxEntries = 20_000;
    public const int MaxTermLength = 50;

    private readonly TermMatcher<(KeywordEntry Entry, string Surface)> _matcher;

    private KeywordLibrary(IReadOnlyList<KeywordEntry> entries, string version)
    {
        Entries = entries;
        Version = version;
        _matcher = new TermMatcher<(KeywordEntry, string)>(entries.SelectMany(e =>
            new[] { e.Term }.Concat(e.Synonyms ?? []).Select(t => (TextNormalizer.Fold(t), (e, t)))));
    }

    public IReadOnlyList<KeywordEntry> Entries { get; }

    /// <summary>Changes with every accepted update, so readers can tell a new library from the old.</summary>
    public string Version { get; }

    public static KeywordLibrary Empty { get; } = new([], "empty");

    /// <summary>Every entry that matches and applies on the day; a longer match hides a shorter one inside it.</summary>
    public IReadOnlyList<KeywordHit> Match(string foldedText, DateOnly day)
    {
        var hits = _matcher.Matches(foldedText)
            .Where(m => m.Value.Entry.AppliesOn(day))
            .OrderBy(m => m.Start).ThenByDescending(m => m.Length)
            .ToList();
        var kept = new List<KeywordHit>();
        var coveredUntil = -1;
        foreach (var m in hits)
        {
            var end = m.Start + m.Length - 1;
            if (end <= coveredUntil) continue;
            kept.Add(new KeywordHit(foldedText.Substring(m.Start, m.Length), m.Value.Entry, m.Start));
            coveredUntil = Math.Max(coveredUntil, end);
        }
        return kept;
    }

    /// <summary>Validates every entry; errors are keyed like <c>entries[3].weight</c>.</summary>
    public static (KeywordLibrary? Library, IReadOnlyDictionary<string, string[]> Errors) Create(IReadOnlyList<KeywordEntry>? entries, string version)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (entries is null) Add("entries", "'entries' is required.");
        else if (entries.Count > MaxEntries) Add("entries", $"At most {MaxEntries} entries.");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; entries is not null && i < entries.Count; i++)
        {
            var e = entries[i];
            var at = $"entries[{i}]";
            if (e is null) { Add(at, "An entry is required."); continue; }
            foreach (var (term, field) in new[] { (e.Term, $"{at}.term") }.Concat((e.Synonyms ?? []).Select((s, j) => (s, $"{at}.synonyms[{j}]"))))
            {
                if (string.IsNullOrWhiteSpace(term)) { Add(field, "A term cannot be empty."); continue; }
                if (term.Length > MaxTermLength) Add(field, $"A term is at most {MaxTermLength} characters.");
                var folded = TextNormalizer.Fold(term);
                if (folded.Length == 0) Add(field, "A term must have letters.");
                // The same term in the other script within one entry is harmless; across entries it is ambiguous.
                else if (seen.TryGetValue(folded, out var other)) { if (other != i) Add(field, $"'{term}' is already in entries[{other}]."); }
                else seen[folded] = i;
            }
            if (double.IsNaN(e.Weight) || e.Weight is < -1 or > 1) Add($"{at}.weight", "The weight must be between -1 and 1.");
            if (string.IsNullOrWhiteSpace(e.Category) || e.Category.Length > 30) Add($"{at}.category", "A category of 1 to 30 characters is required.");
            if (e.Season is { } s && !Enum.IsDefined(s)) Add($"{at}.season", "The season must be spring, summer, autumn or winter.");
            if (e.ValidFrom > e.ValidTo) Add($"{at}.validTo", "'validTo' must not be before 'validFrom'.");
        }
        return errors.Count > 0
            ? (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            : (new KeywordLibrary(entries!, version), new Dictionary<string, string[]>());
    }
}
