using System.CommandLine;
using System.Text.Json;
using Feedback.Analysis.Evaluation;
using Feedback.Analysis.KeyPhrases;
using Feedback.Analysis.Local;
using Feedback.Analysis.Text;
using Feedback.Domain.Analysis;
using Feedback.Domain;

namespace Feedback.Cli;

/// <summary>
/// <c>feedback analyze [FILE] [--eval] [--task sentiment|type] [--format auto|lines|jsonl|csv]</c>:
/// one JSON result per line, or with --eval the accuracy, macro-F1, per-label precision and recall
/// and the confusion matrix against the labels in the input.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "Input file; standard input when absent or '-'.", Arity = ArgumentArity.ZeroOrOne };
        var eval = new Option<bool>("--eval") { Description = "Compare with the labels in the input and print the scores." };
        var task = new Option<string>("--task") { Description = "What --eval scores: sentiment or type.", DefaultValueFactory = _ => "sentiment" };
        task.AcceptOnlyFromAmong("sentiment", "type");
        var format = new Option<string>("--format") { Description = "Input format.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "lines", "jsonl", "csv");
        var errors = new Option<bool>("--show-errors") { Description = "With --eval, also list the items scored wrong." };
        var topics = new Option<int?>("--topics") { Description = "Instead of one result per item, the N hottest topics (热点话题) of the whole input." };

        var command = new Command("analyze", "Analyse feedback from a file or standard input with the local analyzer.") { file, eval, task, format, errors, topics };
        command.SetAction(async (result, ct) =>
        {
            var input = result.GetValue(file);
            using var reader = input is null || input.Name == "-" ? Console.In : new StreamReader(input.FullName);
            try
            {
                var items = AnalysisInput.Read(reader, result.GetValue(format)!);
                if (result.GetValue(topics) is { } n) return Topics(items, n);
                return result.GetValue(eval)
                    ? Evaluate(items, result.GetValue(task)!, result.GetValue(errors))
                    : await WriteResultsAsync(items, ct);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"feedback analyze: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> WriteResultsAsync(IEnumerable<InputItem> items, CancellationToken ct)
    {
        var analyzer = new LocalAnalyzer();
        await using var output = Console.OpenStandardOutput();
        foreach (var item in items)
        {
            var (sentiment, classification, keywords, urgency, reasons, urgencyConfidence) = Analyze(analyzer, item.Text);
            var keyPhrases = keywords.KeyPhrases;
            var line = new
            {
                text = item.Text,
                language = TextNormalizer.DetectLanguage(item.Text),
                sentiment,
                type = LabelNames.Of(classification.Type),
                typeLabel = ChineseLabels.Of(classification.Type),
                classification,
                urgency,
                urgencyReasons = reasons,
                urgencyConfidence,
                keywords = keywords.Keywords,
                keyPhrases,
            };
            await JsonSerializer.SerializeAsync(output, line, FeedbackJson.Options, ct);
            output.WriteByte((byte)'\n');
        }
        return 0;
    }

    private static int Topics(IEnumerable<InputItem> items, int n)
    {
        var extractor = new KeyPhraseExtractor(new BackgroundCorpus());
        var perItem = items.Select(i => extractor.Extract(i.Text)).ToList();
        var rank = 0;
        foreach (var topic in HotTopics.Top(perItem, n))
            Console.WriteLine($"{++rank,3}  {topic.Phrase,-16} {topic.Items,5} items  {topic.Share,6:P1}");
        return 0;
    }

    private static int Evaluate(IEnumerable<InputItem> items, string task, bool showErrors)
    {
        var analyzer = new LocalAnalyzer();
        var metrics = new Metrics();
        var unlabelled = 0;
        foreach (var item in items)
        {
            var raw = task == "type" ? item.Type ?? item.Label : item.Sentiment ?? item.Label;
            var expected = raw is null ? null : task == "type" ? LabelNames.ForType(raw) : LabelNames.ForSentiment(raw);
            if (expected is null)
            {
                unlabelled++;
                continue;
            }
            var predicted = task == "type"
                ? LabelNames.Of(analyzer.Classify(item.Text).Type)
                : LabelNames.Of(analyzer.AnalyzeSentiment(item.Text).Label);
            metrics.Add(expected, predicted);
            if (showErrors && expected != predicted) Console.Error.WriteLine($"{expected} → {predicted}\t{item.Text}");
        }
        if (metrics.Total == 0)
        {
            Console.Error.WriteLine($"feedback analyze: no item carries a {task} label to evaluate.");
            return 2;
        }
        Console.Write(metrics.Report());
        if (unlabelled > 0) Console.WriteLine($"({unlabelled} items without a usable {task} label were skipped)");
        return 0;
    }

    private static (SentimentResult, Classification, KeywordResult, Urgency, IReadOnlyList<string>, double) Analyze(LocalAnalyzer analyzer, string text)
    {
        var (sentiment, classification, keywords) = analyzer.Analyze(text);
        var (urgency, reasons, urgencyConfidence) = TriagePolicy.Decide(sentiment, classification, keywords.Keywords);
        return (sentiment, classification, keywords, urgency, reasons, urgencyConfidence);
    }
}
