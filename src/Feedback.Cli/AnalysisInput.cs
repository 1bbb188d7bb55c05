using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Feedback.Cli;

/// <summary>One item to analyse, with the labels it came with, if any.</summary>
public sealed record InputItem(string Text, string? Label, string? Sentiment, string? Type);

/// <summary>Plain lines, JSONL (<c>{"text":…, "label"|"sentiment"|"type":…}</c>) or CSV (<c>label,text</c>).</summary>
public static class AnalysisInput
{
    public static IEnumerable<InputItem> Read(TextReader reader, string format)
    {
        var first = reader.ReadLine();
        while (first is not null && first.Trim().Length == 0) first = reader.ReadLine();
        if (first is null) yield break;
        var rest = new PrefixedReader(first, reader);
        var chosen = format != "auto" ? format : first.TrimStart().StartsWith('{') ? "jsonl" : LooksLikeCsv(first) ? "csv" : "lines";
        var items = chosen switch
        {
            "jsonl" => Jsonl(rest),
            "csv" => Csv(rest),
            "lines" => Lines(rest),
            _ => throw new ArgumentException($"Unknown format '{format}': use auto, lines, jsonl or csv."),
        };
        foreach (var item in items) yield return item;
    }

    // "label,text" where the label is one of the known labels, or a header row.
    private static bool LooksLikeCsv(string line)
    {
        var comma = line.IndexOf(',');
        if (comma <= 0) return false;
        var label = line[..comma].Trim().Trim('"');
        return label.Equals("label", StringComparison.OrdinalIgnoreCase)
            || Feedback.Analysis.Evaluation.LabelNames.ForSentiment(label) is not null
            || Feedback.Analysis.Evaluation.LabelNames.ForType(label) is not null;
    }

    private static IEnumerable<InputItem> Lines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            if (line.Trim().Length > 0) yield return new InputItem(line.Trim(), null, null, null);
    }

    private static IEnumerable<InputItem> Jsonl(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0) continue;
            JsonElement item;
            try { item = JsonDocument.Parse(line).RootElement; }
            catch (JsonException ex) { throw new FormatException($"line {number}: not JSON ({ex.Message})"); }
            if (!item.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new FormatException($"line {number}: no \"text\" string");
            yield return new InputItem(text.GetString()!, Field(item, "label"), Field(item, "sentiment"), Field(item, "type"));
        }
    }

    private static IEnumerable<InputItem> Csv(TextReader reader)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null });
        while (csv.Read())
        {
            var label = csv.GetField(0) ?? "";
            var text = csv.GetField(1) ?? "";
            if (label.Equals("label", StringComparison.OrdinalIgnoreCase) && text.Equals("text", StringComparison.OrdinalIgnoreCase)) continue;
            if (text.Trim().Length > 0) yield return new InputItem(text.Trim(), label.Trim(), null, null);
        }
    }

    private static string? Field(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Gives back the line already read to find the format, then the rest.</summary>
    private sealed class PrefixedReader(string first, TextReader rest) : TextReader
    {
        private string? _first = first + "\n";
        private int _at;

        public override int Peek() => _first is not null ? _first[_at] : rest.Peek();

        public override int Read()
        {
            if (_first is null) return rest.Read();
            var c = _first[_at++];
            if (_at == _first.Length) _first = null;
            return c;
        }

        public override string? ReadLine()
        {
            if (_first is null) return rest.ReadLine();
            var line = _first[_at..].TrimEnd('\n');
            _first = null;
            return line;
        }
    }
}
