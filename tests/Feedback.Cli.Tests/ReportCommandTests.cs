using Feedback.Testing;

namespace Feedback.Cli.Tests;

/// <summary><c>feedback report</c> reads the local data folder a host wrote.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task A_daily_report_of_the_data_folder_prints_as_markdown_csv_and_json()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            string day;
            await using (var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" }, data))
            {
                var number = await host.SubmitAsync(new { content = "快递太慢了，物流一直不更新", contact = "13800000000" });
                var ticket = await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
                day = TimeZoneInfo.ConvertTime(ticket["receivedAt"]!.GetValue<DateTimeOffset>(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd");
            }
            var (code, markdown, errors) = await FeedbackCommand.RunAsync("", "report", "daily", "--period", day, "--data", data);
            Assert.True(code == 0, errors);
            Assert.StartsWith($"**客户反馈日报 {day}**", markdown);
            Assert.Contains("新增反馈 1 条", markdown);
            var (_, csv, _) = await FeedbackCommand.RunAsync("", "report", "daily", "--period", day, "--format", "csv", "--data", data);
            Assert.StartsWith("period,metric,dimension,value,drill", csv.TrimStart('\uFEFF'));
            var (_, json, _) = await FeedbackCommand.RunAsync("", "report", "daily", "--period", day, "--format", "json", "--data", data);
            Assert.Contains("\"kind\":\"daily\"", json);
            var (bad, _, _) = await FeedbackCommand.RunAsync("", "report", "weekly", "--period", "2026-13", "--data", data);
            Assert.Equal(2, bad);
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }
}
