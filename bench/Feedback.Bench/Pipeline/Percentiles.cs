/// <summary>How the benches print a latency distribution.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static string Line(string what, IEnumerable<double> values, string unit = "ms")
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? $"{what}: none"
            : $"{what}: p50 {Of(sorted, 0.50):0} {unit}, p99 {Of(sorted, 0.99):0} {unit}, max {sorted[^1]:0} {unit} (n = {sorted.Count})";
    }
}
