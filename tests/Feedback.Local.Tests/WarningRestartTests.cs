using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Feedback.Testing;
using Xunit.Abstractions;

namespace Feedback.Local.Tests;

/// <summary>Warnings at volume across a restart: the aggregates count every ticket once, and a condition stays one warning.</summary>
public sealed class WarningRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_hundred_tickets_counted_once_across_a_restart_and_the_burst_stays_one_warning()
    {
        var data = RunningHost.NewDataDirectory();
        var settings = new Dictionary<string, string?> { ["Warnings:Interval"] = "1.00:00:00", ["Reports:Schedule"] = "off" };
        string[] ordinary = ["请问发票怎么开？", "快递什么时候到？", "产品质量很好，点赞", "建议增加夜间模式", "退款多久到账？"];
        try
        {
            var watch = Stopwatch.StartNew();
            await using (var first = await RunningHost.StartAsync(settings, data))
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                {
                    var content = i % 50 == 0 ? $"APP 系统故障，打不开了 {i}" : $"{ordinary[i % ordinary.Length]}（{i}）";
                    await first.SubmitAsync(new { content, contact = $"1380000{i:0000}" });
                });
                await Eventually.GetAsync(() => first.GetJsonAsync("api/health"),
                    h => h["parts"]?["workflows"]?["backlog"]?["untriaged"]?.GetValue<int>() == 0, TimeSpan.FromSeconds(60), "triage");
                // Half the counting happens before the restart, half after.
                await EvaluateAsync(first);
                for (var i = 300; i < 303; i++) await first.SubmitAsync(new { content = $"系统故障又出现了 {i}", contact = $"1390000{i:0000}" });
                await Eventually.GetAsync(() => first.GetJsonAsync("api/health"),
                    h => h["parts"]?["workflows"]?["backlog"]?["untriaged"]?.GetValue<int>() == 0, TimeSpan.FromSeconds(30), "triage");
            }
            await using var second = await RunningHost.StartAsync(settings, data);
            var after = await EvaluateAsync(second);
            output.WriteLine($"303 tickets posted, counted and evaluated across a restart in {watch.ElapsedMilliseconds} ms");

            var bursts = (await second.GetJsonAsync("api/warnings?limit=1000"))["warnings"]!.AsArray().Where(w => RunningHost.Text(w!["ruleId"]) == "failure-burst").ToList();
            var burst = Assert.Single(bursts)!;
            // 6 before the restart and 3 after, each counted once: nothing projected twice, nothing lost.
            Assert.Equal(9, burst["figures"]!["count"]!.GetValue<double>());
            Assert.Equal(9, burst["tickets"]!.AsArray().Count);
            Assert.Contains(after, w => RunningHost.Text(w["id"]) == RunningHost.Text(burst["id"]));
            var report = await second.GetJsonAsync($"api/reports/daily/{TodayInShanghai()}");
            Assert.Equal(303, report["rows"]!.AsArray().Single(r => RunningHost.Text(r!["metric"]) == "volume" && RunningHost.Text(r["dimension"]) == "all")!["value"]!.GetValue<double>());
            // Its detail is readable by id, and the raise went out once.
            var byId = await second.GetJsonAsync($"api/warnings/{RunningHost.Text(burst["id"])}");
            Assert.Equal("failure-burst:系统故障", RunningHost.Text(byId["key"]));
            Assert.Single(await second.EventsAsync(), e => RunningHost.Text(e["type"]) == "warning.raised" && RunningHost.Text(e["about"]) == $"warning:{RunningHost.Text(burst["id"])}");
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }

    private static string TodayInShanghai() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd");

    private static async Task<List<JsonNode>> EvaluateAsync(RunningHost host)
    {
        using var response = await host.Http.PostAsync("api/warnings/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await RunningHost.ReadJsonAsync(response))["warnings"]!.AsArray().Select(w => w!)];
    }
}
