using System.Diagnostics;
using System.Text.Json.Nodes;
using Feedback.Analysis.Local;
using Feedback.Domain.Analysis;

/// <summary>
/// Items per second of the whole local analysis (sentiment, classification, keywords, triage) on one
/// core, for short (≈40 characters) and long (≈400) feedback taken from the evaluation set.
/// </summary>
internal static class AnalyzerBench
{
    public static int Run(int seconds, string repoRoot)
    {
        // One core: the process is pinned to the first CPU and analysis runs on one thread.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;
        var texts = File.ReadAllLines(Path.Combine(repoRoot, "tests", "Feedback.Analysis.Tests", "Data", "eval.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!["text"]!.GetValue<string>()).ToList();
        var shortItems = texts.Where(t => t.Length is >= 30 and <= 50).ToList();
        var longItems = Enumerable.Range(0, 200).Select(i => Long(texts, i)).ToList();
        var analyzer = new LocalAnalyzer();

        Measure(analyzer, shortItems, 1, "warm-up");
        var s = Measure(analyzer, shortItems, seconds, $"short ({shortItems.Average(t => t.Length):0} chars)");
        var l = Measure(analyzer, longItems, seconds, $"long ({longItems.Average(t => t.Length):0} chars)");
        Console.WriteLine($"analyzer on one core: short {s:0} items/s, long {l:0} items/s (aim: 20,000 short items/s)");
        return 0;
    }

    private static double Measure(LocalAnalyzer analyzer, List<string> items, int seconds, string name)
    {
        var done = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var until = started + seconds * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < until)
        {
            foreach (var text in items)
            {
                var (sentiment, classification, keywords) = analyzer.Analyze(text);
                TriagePolicy.Decide(sentiment, classification, keywords.Keywords);
            }
            done += items.Count;
        }
        var perSecond = done / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)done;
        if (name != "warm-up") Console.WriteLine($"{name,-20} {perSecond,10:0} items/s  ({done} items, {bytes / 1024:0.0} KiB allocated each)");
        return perSecond;
    }

    // About 400 characters: consecutive items joined, as a long e-mail or call note would read.
    private static string Long(List<string> texts, int seed)
    {
        var parts = new List<string>();
        for (var i = seed; parts.Sum(p => p.Length) < 400; i = (i + 7) % texts.Count) parts.Add(texts[i]);
        var joined = string.Join("", parts);
        return joined[..Math.Min(joined.Length, 420)];
    }
}
