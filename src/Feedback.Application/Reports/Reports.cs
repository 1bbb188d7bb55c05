using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Reports;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Reports;

/// <summary>The <c>Reports</c> section: when the scheduled reports are due, in business time.</summary>
public sealed class ReportOptions
{
    /// <summary>The daily brief of the day before is ready by then.</summary>
    public TimeOnly DailyBy { get; set; } = new(8, 30);
    public DayOfWeek WeeklyOn { get; set; } = DayOfWeek.Friday;

    /// <summary>The monthly report of the month before is written on this day of the month.</summary>
    public int MonthlyBy { get; set; } = 5;
}

/// <summary>
/// Reports by period: built once a period is over, stored under <c>kind:period</c> (so a rerun writes the same
/// document), read back as JSON, flat CSV (UTF-8 with BOM) or, for the daily brief, a short Markdown text.
/// </summary>
public sealed class ReportService(
    ReportBuilder builder, IReportStore store, TicketFactsExport facts, IOptions<BusinessOptions> business, IOptions<ReportOptions> options, TimeProvider time)
{
    public static readonly IReadOnlyList<string> CsvColumns = ["period", "metric", "dimension", "value", "drill"];

    /// <summary>The stored report, or one built now (and stored, once the period is over).</summary>
    public async Task<Report> GetAsync(ReportPeriod period, CancellationToken ct)
    {
        if (await store.ReadReportAsync(period.Kind, period.Id, ct) is { } stored) return stored;
        var report = await builder.BuildAsync(period, ct);
        if (period.To <= Today()) await StoreAsync(report, ct);
        return report;
    }

    /// <summary>Builds and stores the period's report again (the same id: idempotent).</summary>
    public async Task<Report> RebuildAsync(ReportPeriod period, CancellationToken ct)
    {
        var report = await builder.BuildAsync(period, ct);
        await StoreAsync(report, ct);
        return report;
    }

    /// <summary>Every scheduled report that is due and missing (the host was down, say), built now.</summary>
    public async Task<IReadOnlyList<string>> CatchUpAsync(CancellationToken ct)
    {
        var built = new List<string>();
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), business.Value.Zone);
        var today = DateOnly.FromDateTime(now.DateTime);
        var o = options.Value;
        var due = new List<ReportPeriod>();
        for (var d = 1; d <= 7; d++)
            if (d > 1 || TimeOnly.FromDateTime(now.DateTime) >= o.DailyBy) due.Add(ReportPeriod.Day(today.AddDays(-d)));
        var lastWeeklyDay = today.AddDays(-(((int)today.DayOfWeek - (int)o.WeeklyOn + 7) % 7));
        due.Add(ReportPeriod.Week(lastWeeklyDay.AddDays(-7)));
        if (today.Day >= o.MonthlyBy) due.Add(ReportPeriod.Month(today.AddMonths(-1)));
        foreach (var period in due.DistinctBy(p => p.Key))
        {
            if (await store.ReadReportAsync(period.Kind, period.Id, ct) is not null) continue;
            await StoreAsync(await builder.BuildAsync(period, ct), ct);
            built.Add(period.Key);
        }
        return built;
    }

    public static async Task WriteCsvAsync(Report report, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var c in CsvColumns) csv.WriteField(c);
        await csv.NextRecordAsync();
        foreach (var row in report.Rows)
        {
            csv.WriteField(row.Period);
            csv.WriteField(row.Metric);
            csv.WriteField(row.Dimension);
            csv.WriteField(row.Value.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Drill);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>The daily brief (每日简报) as a few lines a chat can show: volume, urgent items, hot topics, warnings.</summary>
    public static string Markdown(Report r)
    {
        double Value(string metric, string dimension) => r.Rows.FirstOrDefault(x => x.Metric == metric && x.Dimension == dimension)?.Value ?? 0;
        var topics = r.Rows.Where(x => x.Metric == "top_topic").Select(x => $"{x.Dimension.Split(':', 3)[2]}（{x.Value:0}）");
        var warnings = r.Rows.Where(x => x.Metric == "warnings_raised" && x.Value > 0).Select(x => $"{x.Dimension} {x.Value:0}");
        var trend = Value("volume_trend", "all");
        static string Percent(double share) => $"{share * 100:0}%";
        return string.Join('\n',
            $"**客户反馈{(r.Kind == ReportPeriod.Daily ? "日报" : r.Kind == ReportPeriod.Weekly ? "周报" : "月报")} {r.Period}**",
            $"- 新增反馈 {Value("volume", "all"):0} 条（环比 {(trend >= 0 ? "+" : "")}{Percent(trend)}），紧急 {Value("urgent", "all"):0} 条",
            $"- 热点话题：{(topics.Any() ? string.Join("、", topics) : "无")}",
            $"- 解决率 {Percent(Value("resolution_rate", "all"))}（目标 90%），响应达标 {(Value("response_count", "all") > 0 ? Percent(Value("sla_met", "all|response")) : "–")}",
            $"- 预警：{(warnings.Any() ? string.Join("，", warnings) : "无")}",
            "") ;
    }

    /// <summary>The rows; with a daily report, also that day's tickets as flat facts.</summary>
    private async Task StoreAsync(Report report, CancellationToken ct)
    {
        await store.WriteReportAsync(report, ct);
        if (report.Kind == ReportPeriod.Daily) await store.WriteTicketFactsAsync(report.Period, await facts.ReadRowsAsync(report.From, report.To, ct), ct);
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), business.Value.Zone).DateTime);
}
