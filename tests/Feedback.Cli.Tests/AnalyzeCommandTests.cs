using System.Text.Json.Nodes;

namespace Feedback.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task Plain_lines_give_one_JSON_result_per_line()
    {
        var (code, output, _) = await FeedbackCommand.RunAsync("我的订单支付失败了，太差了\n\n请问怎么开发票？\n", "analyze");

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(0, code);
        Assert.Equal(2, results.Count);
        Assert.Equal(("negative", "complaint", "high"), (Text(results[0]["sentiment"]!["label"]), Text(results[0]["type"]), Text(results[0]["urgency"])));
        Assert.Contains("keyword:支付失败", results[0]["urgencyReasons"]!.AsArray().Select(Text));
        Assert.Equal(("consultation", "咨询", "zh-Hans"), (Text(results[1]["type"]), Text(results[1]["typeLabel"]), Text(results[1]["language"])));
    }

    [Fact]
    public async Task A_labelled_CSV_is_scored_with_accuracy_macro_F1_per_label_scores_and_a_confusion_matrix()
    {
        const string csv = "label,text\nnegative,物流太慢了\npositive,\"质量很好，推荐\"\nneutral,请问几点开门\nnegative,\"退款一直不到账\"\n";

        var (code, output, _) = await FeedbackCommand.RunAsync(csv, "analyze", "--eval");

        Assert.Equal(0, code);
        Assert.Contains("items     4", output);
        Assert.Matches(@"accuracy  [01]\.\d{3}", output);
        Assert.Matches(@"macro-F1  [01]\.\d{3}", output);
        Assert.Contains("precision", output);
        Assert.Contains("confusion (rows expected, columns predicted)", output);
    }

    [Fact]
    public async Task JSONL_is_scored_on_the_task_asked_for_and_labels_may_be_Chinese()
    {
        const string jsonl = """
            {"text":"建议增加夜间模式","type":"建议","sentiment":"中性"}
            {"text":"快递员态度很差，我要投诉","type":"投诉","sentiment":"负面"}
            """;

        var (code, output, _) = await FeedbackCommand.RunAsync(jsonl, "analyze", "--eval", "--task", "type");

        Assert.Equal(0, code);
        Assert.Contains("accuracy  1.000", output);
        Assert.Contains("suggestion", output);
        Assert.Contains("complaint", output);
    }

    [Fact]
    public async Task Topics_roll_the_input_up_into_its_hottest_phrases()
    {
        const string input = "物流太慢了，快递三天还没到\n快递员态度差，物流信息也不更新\n物流一直显示运输中\n支付失败，钱扣了订单没生成\n";

        var (code, output, _) = await FeedbackCommand.RunAsync(input, "analyze", "--topics", "2");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        Assert.Contains("物流", lines[0]);
        Assert.Contains("3 items", lines[0]);
    }

    [Fact]
    public async Task A_broken_JSONL_line_fails_with_its_number()
    {
        var (code, _, errors) = await FeedbackCommand.RunAsync("{\"text\":\"好\"}\n{\"txt\":\"没有 text\"}\n", "analyze");

        Assert.Equal(2, code);
        Assert.Contains("line 2", errors);
    }

    [Fact]
    public async Task Evaluation_without_labels_says_so()
    {
        var (code, _, errors) = await FeedbackCommand.RunAsync("没有标签的一行\n", "analyze", "--eval");

        Assert.Equal(2, code);
        Assert.Contains("no item carries a sentiment label", errors);
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
