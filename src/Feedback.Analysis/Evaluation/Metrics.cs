using System.Globalization;
using System.Text;

namespace Feedback.Analysis.Evaluation;

public sealed record LabelScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, macro-F1, per-label precision and recall, and the confusion matrix of a labelled run.</summary>
public sealed class Metrics
{
    private readonly Dictionary<(string Expected, string Predicted), int> _counts = [];
    private readonly SortedSet<string> _labels = new(StringComparer.Ordinal);

    public int Total { get; private set; }
    public int Correct { get; private set; }

    public void Add(string expected, string predicted)
    {
        _labels.Add(expected);
        _labels.Add(predicted);
        _counts[(expected, predicted)] = Count(expected, predicted) + 1;
        Total++;
        if (expected == predicted) Correct++;
    }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public IReadOnlyList<string> Labels => [.. _labels];

    public int Count(string expected, string predicted) => _counts.GetValueOrDefault((expected, predicted));

    /// <summary>Per label; a label never expected (only predicted) has no support and counts in precision only.</summary>
    public IReadOnlyList<LabelScore> PerLabel() => _labels.Select(label =>
    {
        var truePositive = Count(label, label);
        var predicted = _labels.Sum(e => Count(e, label));
        var support = _labels.Sum(p => Count(label, p));
        var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
        var recall = support == 0 ? 0 : (double)truePositive / support;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new LabelScore(label, precision, recall, f1, support);
    }).ToList();

    /// <summary>Mean F1 over the labels that occur in the expected answers.</summary>
    public double MacroF1
    {
        get
        {
            var scored = PerLabel().Where(s => s.Support > 0).ToList();
            return scored.Count == 0 ? 0 : scored.Average(s => s.F1);
        }
    }

    public string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"items     {Total}");
        sb.AppendLine(c, $"accuracy  {Accuracy:0.000}");
        sb.AppendLine(c, $"macro-F1  {MacroF1:0.000}");
        sb.AppendLine();
        sb.AppendLine(c, $"{"label",-20} {"precision",9} {"recall",7} {"F1",6} {"support",8}");
        foreach (var s in PerLabel())
            sb.AppendLine(c, $"{s.Label,-20} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000} {s.Support,8}");
        sb.AppendLine();
        sb.AppendLine("confusion (rows expected, columns predicted)");
        var width = Math.Max(8, _labels.Max(l => l.Length) + 1);
        sb.Append(new string(' ', width));
        foreach (var p in _labels) sb.Append(p.PadLeft(width));
        sb.AppendLine();
        foreach (var e in _labels)
        {
            sb.Append(e.PadRight(width));
            foreach (var p in _labels) sb.Append(Count(e, p).ToString(c).PadLeft(width));
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
