using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Feedback.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>
/// Reports against figures computed by hand, over two weeks that hold the National Day holiday (1–7 October 2026)
/// and its make-up working Saturday (10 October), with a reopened ticket and an unanswered one.
/// </summary>
public sealed class ReportTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Weekly_daily_and_monthly_figures_match_the_hand_computed_ones_and_export_as_flat_rows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 9, 28, 9, 0, 0, Shanghai));
        var settings = new Dictionary<string, string?>
        {
            ["Sla:Rules:0:Respond"] = "1 working hour", ["Sla:Rules:0:Resolve"] = "8 working hours",
            ["ClosedLoop:Window"] = "1.00:00:00", ["ClosedLoop:RemindAfter"] = "2.00:00:00",
            ["Warnings:Interval"] = "1.00:00:00", ["Reports:Schedule"] = "off",
        };
        await using var host = await RunningHost.StartAsync(settings, time: time);

        // Monday 28 September.
        var t1 = await TriagedAsync(host, "快递太慢了，物流一直不更新，太差了", "13800000001");
        await AtAsync(time, 9, 28, 9, 30); await Post(host, t1, "respond", new { agent = "李", message = "正在催促" });
        await AtAsync(time, 9, 28, 10, 0);
        var t2 = await TriagedAsync(host, "请问发票怎么开？", "13800000002");
        await AtAsync(time, 9, 28, 10, 10); await Post(host, t2, "resolve", Resolutions.Body("王", "已发送开票指引"));
        await AtAsync(time, 9, 28, 11, 0); await Post(host, t1, "resolve", Resolutions.Body("李", "已到货"));
        await RateAsync(host, t1, "满意");

        // Wednesday 30 September, 17:30: half an hour before the holiday.
        await AtAsync(time, 9, 30, 17, 30);
        var t3 = await TriagedAsync(host, "退款一直不到账，太差了", "13800000003");
        // Thursday 8 October, after the holiday: answered at 09:40 (70 working minutes: 30 before it, 40 after; late), sent back once.
        await AtAsync(time, 10, 8, 9, 40); await Post(host, t3, "respond", new { agent = "赵", message = "马上核实" });
        await AtAsync(time, 10, 8, 10, 0); await Post(host, t3, "resolve", Resolutions.Body("赵", "已退款"));
        await RateAsync(host, t3, "不满意");
        await AtAsync(time, 10, 8, 11, 0); await Post(host, t3, "resolve", Resolutions.Body("赵", "已补退差额"));
        await RateAsync(host, t3, "满意", round: 2);

        // Saturday 10 October, a make-up working day.
        await AtAsync(time, 10, 10, 10, 0);
        var t4 = await TriagedAsync(host, "建议增加夜间模式，晚上看着太刺眼了", "13800000004");
        await AtAsync(time, 10, 10, 10, 30); await Post(host, t4, "respond", new { agent = "王", message = "已转产品部" });
        await AtAsync(time, 10, 12, 9, 0);
        await host.WaitForTicketAsync(t2, t => RunningHost.Text(t["status"]) == "closed", "no answer");

        var week = await ReportAsync(host, "weekly/2026-W40");
        Assert.Equal(("2026-09-28", "2026-10-05"), (RunningHost.Text(week["from"]), RunningHost.Text(week["to"])));
        var w = Rows(week);
        Assert.Equal(3, w[("volume", "all")]);
        Assert.Equal((2, 1), (w[("volume", "type:complaint")], w[("volume", "type:consultation")]));
        // 30 September 17:30 to 8 October 09:40 is 7 days and 16 h 10 min: 11,050 minutes.
        Assert.Equal(Math.Round((30 + 10 + 11050) / 3.0, 4), w[("response_minutes", "mean:elapsed")]);
        Assert.Equal(Math.Round((30 + 10 + 70) / 3.0, 4), w[("response_minutes", "mean:working")]);
        Assert.Equal((30, 70), (w[("response_minutes", "p50:working")], w[("response_minutes", "p90:working")]));
        Assert.Equal(1, w[("resolution_rate", "all")]);
        Assert.Equal(Math.Round(1 / 3.0, 4), w[("first_contact_resolution", "all")]);
        Assert.Equal(1, w[("reopened", "all")]);
        Assert.Equal(Math.Round(2 / 3.0, 4), w[("sla_met", "all|response")]);
        Assert.Equal((2, 1, 0), (w[("satisfaction", "满意")], w[("satisfaction", "no-answer")], w[("satisfaction", "不满意")]));
        Assert.Equal(2, w[("complaint_root_cause", "供应商问题")]);
        Assert.Equal("/api/tickets?from=2026-09-28&to=2026-10-05&type=complaint",
            week["rows"]!.AsArray().Single(r => RunningHost.Text(r!["metric"]) == "volume" && RunningHost.Text(r["dimension"]) == "type:complaint")!["drill"]!.GetValue<string>());
        Assert.All(week["rows"]!.AsArray(), r => Assert.StartsWith("/api/tickets?from=2026-09-28&to=2026-10-05", RunningHost.Text(r!["drill"])));
        var breachedDrill = RunningHost.Text(week["rows"]!.AsArray().Single(r => RunningHost.Text(r!["metric"]) == "breached" && RunningHost.Text(r["dimension"]) == "all")!["drill"]);
        Assert.Equal([t3], (await host.GetJsonAsync(breachedDrill.TrimStart('/')))["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        var drilled = await host.GetJsonAsync("api/tickets?from=2026-09-28&to=2026-10-05&type=complaint");
        Assert.Equal([t3, t1], drilled["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));

        var next = Rows(await ReportAsync(host, "weekly/2026-W41"));
        Assert.Equal((1, 30), (next[("volume", "all")], next[("response_minutes", "mean:working")]));
        Assert.Equal(2, Rows(await ReportAsync(host, "daily/2026-09-28"))[("volume", "all")]);
        var october = Rows(await ReportAsync(host, "monthly/2026-10"));
        Assert.Equal((1, 1, -0.6667), (october[("volume", "all")], october[("volume", "type:suggestion")], october[("volume_trend", "all")]));

        // The same period twice is the same document; the CSV is flat rows with a stable header; the brief is text.
        Assert.Equal(week["builtAt"]!.GetValue<DateTimeOffset>(), (await ReportAsync(host, "weekly/2026-W40"))["builtAt"]!.GetValue<DateTimeOffset>());
        using var csvResponse = await host.Http.GetAsync("api/reports/weekly/2026-W40?format=csv");
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.Equal(["period", "metric", "dimension", "value", "drill"], csv.HeaderRecord!);
        var parsed = 0;
        while (await csv.ReadAsync()) parsed++;
        Assert.Equal(week["rows"]!.AsArray().Count, parsed);
        var brief = await host.Http.GetStringAsync("api/reports/daily/2026-09-28?format=md");
        Assert.StartsWith("**客户反馈日报 2026-09-28**", brief);
        Assert.Contains("新增反馈 2 条", brief);

        using var badPeriod = await host.Http.GetAsync("api/reports/weekly/2026-13");
        Assert.NotNull((await RunningHost.ReadJsonAsync(badPeriod))["errors"]!["period"]);
        using var badKind = await host.Http.GetAsync("api/reports/hourly/2026-10-01");
        Assert.Equal(HttpStatusCode.NotFound, badKind.StatusCode);
    }

    [Fact]
    public async Task The_date_dimension_flags_the_holiday_the_make_up_day_and_weekends()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" });
        var text = Encoding.UTF8.GetString((await host.Http.GetByteArrayAsync("api/reports/dates.csv?from=2026-09-30&to=2026-10-12"))[3..]);
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.Equal(["date", "year", "quarter", "month", "iso_year", "iso_week", "weekday", "kind", "is_workday", "is_holiday", "is_makeup_workday", "holiday_name", "working_minutes"], csv.HeaderRecord!);
        var days = new Dictionary<string, (string Kind, string Workday, string Name, string Minutes)>();
        while (await csv.ReadAsync()) days[csv.GetField("date")!] = (csv.GetField("kind")!, csv.GetField("is_workday")!, csv.GetField("holiday_name")!, csv.GetField("working_minutes")!);
        Assert.Equal(12, days.Count);
        Assert.Equal(("workday", "true", "", "450"), days["2026-09-30"]);
        Assert.Equal(("holiday", "false", "国庆节", "0"), days["2026-10-01"]);
        Assert.Equal(("makeup-workday", "true", "国庆节", "450"), days["2026-10-10"]);
        Assert.Equal(("weekend", "false", "", "0"), days["2026-10-11"]);
    }

    [Fact]
    public async Task Missed_scheduled_reports_are_built_at_start_once_each()
    {
        // Friday 9 October 2026, 09:00: yesterday's brief, last week's report and September's are all due.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 9, 9, 0, 0, Shanghai));
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" }, time: time);
        var reports = (Feedback.Application.Reports.ReportService)host.App.Services.GetService(typeof(Feedback.Application.Reports.ReportService))!;

        var built = await reports.CatchUpAsync(default);
        Assert.Equal(["daily:2026-10-02", "daily:2026-10-03", "daily:2026-10-04", "daily:2026-10-05", "daily:2026-10-06", "daily:2026-10-07", "daily:2026-10-08",
            "monthly:2026-09", "weekly:2026-W40"], built.Order());
        Assert.Empty(await reports.CatchUpAsync(default));
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["daily:2026-10-09"], await reports.CatchUpAsync(default));
    }

    private static Dictionary<(string, string), double> Rows(JsonNode report) =>
        report["rows"]!.AsArray().ToDictionary(r => (RunningHost.Text(r!["metric"]), RunningHost.Text(r["dimension"])), r => r!["value"]!.GetValue<double>());

    private static async Task<JsonNode> ReportAsync(RunningHost host, string path)
    {
        using var response = await host.Http.GetAsync($"api/reports/{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RunningHost.ReadJsonAsync(response);
    }

    private static Task AtAsync(FakeTimeProvider time, int month, int day, int hour, int minute)
    {
        time.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, Shanghai));
        return Task.CompletedTask;
    }

    private static async Task Post(RunningHost host, string number, string action, object body)
    {
        using var response = await host.PostJsonAsync($"api/tickets/{number}/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {number}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> TriagedAsync(RunningHost host, string content, string contact)
    {
        var number = await host.SubmitAsync(new { content, contact });
        await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
        return number;
    }

    /// <summary>The verdict through the link of the latest contact task, as the call centre would pass it on.</summary>
    private static async Task RateAsync(RunningHost host, string number, string verdict, int round = 1)
    {
        // The request is recorded before it goes out; its contact task is written with the message, so wait for that.
        await host.WaitForTicketAsync(number, t => t["closedLoop"]!["survey"] is { } s && s["answeredAt"] is null && s["round"]!.GetValue<int>() == round
            && t["closedLoop"]!["messages"]!.AsArray().Count(m => RunningHost.Text(m!["template"]) == "satisfaction-request") == round, "an open request sent");
        var task = (await host.EventsAsync(number)).Last(e => RunningHost.Text(e["type"]) == "customer.contact-requested");
        var token = RunningHost.Text(task!["detail"]).Split("/s/")[1];
        using var rated = await host.PostJsonAsync($"api/tickets/{number}/satisfaction", new { token, verdict });
        Assert.True(rated.StatusCode == HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
    }
}
