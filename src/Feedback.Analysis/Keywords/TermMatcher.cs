namespace Feedback.Analysis.Keywords;

/// <summary>A term found in a text: where, and what it stands for.</summary>
public readonly record struct TermMatch<T>(int Start, int Length, T Value);

/// <summary>
/// Aho–Corasick over folded text: every occurrence of every term in one pass, whatever the number
/// of terms. (No maintained Aho–Corasick package is on the mirror; this is small enough to own.)
/// </summary>
public sealed class TermMatcher<T>
{
    private readonly List<Dictionary<char, int>> _next = [[]];
    private readonly List<int> _fail = [0];
    private readonly List<List<(int Length, T Value)>> _outputs = [[]];

    public TermMatcher(IEnumerable<(string Term, T Value)> terms)
    {
        foreach (var (term, value) in terms)
        {
            if (term.Length == 0) continue;
            var state = 0;
            foreach (var c in term)
            {
                if (!_next[state].TryGetValue(c, out var to))
                {
                    to = _next.Count;
                    _next[state][c] = to;
                    _next.Add([]);
                    _fail.Add(0);
                    _outputs.Add([]);
                }
                state = to;
            }
            _outputs[state].Add((term.Length, value));
        }
        BuildFailureLinks();
    }

    public int TermCount => _outputs.Sum(o => o.Count);

    public List<TermMatch<T>> Matches(string text)
    {
        var found = new List<TermMatch<T>>();
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int to;
            while (!_next[state].TryGetValue(c, out to) && state != 0) state = _fail[state];
            state = _next[state].TryGetValue(c, out to) ? to : 0;
            foreach (var (length, value) in _outputs[state]) found.Add(new TermMatch<T>(i - length + 1, length, value));
        }
        return found;
    }

    private void BuildFailureLinks()
    {
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values) queue.Enqueue(child);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (c, child) in _next[state])
            {
                var fail = _fail[state];
                int to;
                while (!_next[fail].TryGetValue(c, out to) && fail != 0) fail = _fail[fail];
                _fail[child] = _next[fail].TryGetValue(c, out to) && to != child ? to : 0;
                // A state also reports what its failure state reports (落 in 失落 …).
                _outputs[child].AddRange(_outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }
    }
}
