using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Feedback.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>The one-row-per-ticket export: a stable header, parsed back, with figures computed by hand over a weekend.</summary>
public sealed class TicketFactsCsvTests
{
    private static readonly string[] Golden =
    [
        "number", "channel", "status", "type", "nature", "sentiment", "urgency", "department", "owner", "tier", "topic",
        "received_at", "responded_at", "resolved_at", "closed_at",
        "response_minutes", "response_working_minutes", "resolution_minutes", "resolution_working_minutes",
        "response_met", "resolution_met", "follow_up_met", "satisfaction", "close_reason", "escalation_level", "reopened", "reopens",
    ];

    [Fact]
    public async Task Rows_carry_local_times_elapsed_and_working_minutes_and_each_target_met()
    {
        // Friday 27 November 2026, 17:30 in Shanghai: half an hour of the working day left.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 17, 30, 0, TimeSpan.FromHours(8)));
        var settings = new Dictionary<string, string?>
        {
            ["Sla:Rules:0:Respond"] = "2 working hours", ["Sla:Rules:0:Resolve"] = "8 working hours", ["Warnings:Interval"] = "1.00:00:00",
        };
        await using var host = await RunningHost.StartAsync(settings, time: time);
        var friday = await host.SubmitAsync(new { content = "快递三天了还没到，太慢了", contact = "13800001111" });
        await host.WaitForTicketAsync(friday, t => t["analysis"] is not null, "triage");

        // Monday 09:30: responded (30 + 30 working minutes), then a second ticket answered at once.
        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8)));
        using (await host.PostJsonAsync($"api/tickets/{friday}/respond", new { agent = "李", message = "正在核实" })) { }
        var monday = await host.SubmitAsync(new { content = "请问发票怎么开？", contact = "13800002222" });
        await host.WaitForTicketAsync(monday, t => t["analysis"] is not null, "triage");
        time.Advance(TimeSpan.FromMinutes(20));
        using (await host.PostJsonAsync($"api/tickets/{monday}/respond", new { agent = "王", message = "已发送指引" })) { }
        time.Advance(TimeSpan.FromMinutes(100));
        using (await host.PostJsonAsync($"api/tickets/{friday}/resolve", Resolutions.Body("李", "已补发"))) { }

        using var response = await host.Http.GetAsync("api/reports/tickets.csv?from=2026-11-27&to=2026-12-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);

        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.Equal(Golden, csv.HeaderRecord);
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync()) rows.Add(Golden.ToDictionary(c => c, c => csv.GetField(c) ?? ""));

        Assert.Equal([friday, monday], rows.Select(r => r["number"]));
        var f = rows[0];
        Assert.Equal(("2026-11-27T17:30:00+08:00", "2026-11-30T09:30:00+08:00", "2026-11-30T11:30:00+08:00"), (f["received_at"], f["responded_at"], f["resolved_at"]));
        Assert.Equal(("3840", "60"), (f["response_minutes"], f["response_working_minutes"]));
        Assert.Equal(("3960", "180"), (f["resolution_minutes"], f["resolution_working_minutes"]));
        Assert.Equal(("true", "true", "Complaint", "Logistics", "resolved"), (f["response_met"], f["resolution_met"], f["type"], f["nature"], f["status"].ToLowerInvariant()));
        var m = rows[1];
        Assert.Equal(("20", "20", "", ""), (m["response_minutes"], m["response_working_minutes"], m["resolved_at"], m["resolution_met"]));
        Assert.Equal(("false", "0"), (m["reopened"], m["escalation_level"]));
        Assert.DoesNotContain("13800001111", Encoding.UTF8.GetString(bytes));

        // The same figures drill down to the tickets behind them.
        var complaints = await host.GetJsonAsync("api/tickets?from=2026-11-27&to=2026-12-01&type=投诉&nature=logistics");
        Assert.Equal([friday], complaints["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        var mondayOnly = await host.GetJsonAsync("api/tickets?from=2026-11-30&to=2026-12-01");
        Assert.Equal([monday], mondayOnly["tickets"]!.AsArray().Select(t => RunningHost.Text(t!["number"])));
        using var bad = await host.Http.GetAsync("api/tickets?type=weather");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var noRange = await host.Http.GetAsync("api/reports/tickets.csv?from=2026-11-30");
        Assert.NotNull((await RunningHost.ReadJsonAsync(noRange))["errors"]!["to"]);
    }
}
