using System.CommandLine;
using Feedback.Application.Common;
using Feedback.Application.Reports;
using Feedback.Domain.Reports;
using Feedback.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feedback.Cli;

/// <summary>
/// <c>feedback report daily|weekly|monthly [--period …] [--format json|csv|md] [--data DIR]</c>: a report from the
/// local data folder, printed; by default the last finished period (yesterday, last week, last month).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(Option<string> data)
    {
        var kind = new Argument<string>("kind") { Description = "daily, weekly or monthly." };
        kind.AcceptOnlyFromAmong([.. ReportPeriod.Kinds]);
        var period = new Option<string?>("--period") { Description = "2026-12-01, 2026-W49 or 2026-12; the last finished one if left out." };
        var format = new Option<string>("--format") { Description = "json, csv or md.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("json", "csv", "md");
        var command = new Command("report", "Print a daily, weekly or monthly report from the local data.") { kind, period, format, data };
        command.SetAction(async (result, ct) =>
        {
            await using var app = LocalHost.Build(new LocalHostSettings
            {
                DataDirectory = result.GetValue(data)!,
                Configuration = new Dictionary<string, string?> { ["Reports:Schedule"] = "off" },
            });
            var services = app.Services;
            var zone = services.GetRequiredService<IOptions<BusinessOptions>>().Value.Zone;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
            var k = result.GetValue(kind)!;
            var p = result.GetValue(period) is { } id ? ReportPeriod.Parse(k, id) : k switch
            {
                ReportPeriod.Daily => ReportPeriod.Day(today.AddDays(-1)),
                ReportPeriod.Weekly => ReportPeriod.Week(today.AddDays(-7)),
                _ => ReportPeriod.Month(today.AddMonths(-1)),
            };
            if (p is null)
            {
                await Console.Error.WriteLineAsync("--period must be yyyy-MM-dd (daily), yyyy-Www (weekly) or yyyy-MM (monthly).");
                return 2;
            }
            var report = await services.GetRequiredService<ReportService>().GetAsync(p, ct);
            switch (result.GetValue(format))
            {
                case "csv":
                    await using (var stdout = Console.OpenStandardOutput()) await ReportService.WriteCsvAsync(report, stdout, ct);
                    break;
                case "json":
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Feedback.Domain.FeedbackJson.Options));
                    break;
                default:
                    Console.Write(ReportService.Markdown(report));
                    break;
            }
            return 0;
        });
        return command;
    }
}
