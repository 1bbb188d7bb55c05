using Feedback.Local.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Feedback.Domain.Calendars;
using Feedback.Testing;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Tests;

/// <summary>The business calendar over HTTP, and working-time SLA rules counted over it by the pipeline.</summary>
public sealed class CalendarApiTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task The_calendar_lists_each_day_with_its_kind_name_and_hours_and_says_which_years_have_no_notice()
    {
        await using var host = await RunningHost.StartAsync();

        var calendar = await host.GetJsonAsync("api/sla/calendar?from=2025-09-26&to=2025-10-12");
        var days = calendar["days"]!.AsArray().ToDictionary(d => RunningHost.Text(d!["date"]), d => d!);

        Assert.Equal("Asia/Shanghai", RunningHost.Text(calendar["timeZone"]));
        Assert.Equal(17, days.Count);
        Assert.Equal(("workday", "09:00-12:00,13:30-18:00"), (RunningHost.Text(days["2025-09-26"]["kind"]), RunningHost.Text(days["2025-09-26"]["hours"])));
        Assert.Equal(("weekend", ""), (RunningHost.Text(days["2025-09-27"]["kind"]), RunningHost.Text(days["2025-09-27"]["hours"])));
        Assert.Equal(("makeup-workday", "国庆节、中秋节"), (RunningHost.Text(days["2025-09-28"]["kind"]), RunningHost.Text(days["2025-09-28"]["name"])));
        Assert.Equal(("holiday", "国庆节、中秋节"), (RunningHost.Text(days["2025-10-01"]["kind"]), RunningHost.Text(days["2025-10-01"]["name"])));
        Assert.Equal("makeup-workday", RunningHost.Text(days["2025-10-11"]["kind"]));
        Assert.Empty(calendar["officialYearsMissing"]!.AsArray());
        var next = await host.GetJsonAsync("api/sla/calendar?from=2026-12-30&to=2027-01-02");
        Assert.Equal([2027], next["officialYearsMissing"]!.AsArray().Select(y => y!.GetValue<int>()));
    }

    [Theory]
    [InlineData("api/sla/calendar?to=2025-10-01", "from")]
    [InlineData("api/sla/calendar?from=2025-10-01", "to")]
    [InlineData("api/sla/calendar?from=2025-10-01&to=2025-09-01", "to")]
    [InlineData("api/sla/calendar?from=2025-01-01&to=2026-12-31", "to")]
    [InlineData("api/sla/calendar?from=1.10.2025&to=2025-10-02", "from")]
    public async Task A_bad_range_is_400_naming_the_parameter(string path, string field)
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task The_companys_own_days_are_validated_used_at_once_and_kept_across_a_restart()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var bad = await host.Http.PutAsJsonAsync("api/sla/calendar", new JsonObject
                {
                    ["days"] = new JsonArray(new JsonObject { ["date"] = "2025-13-01", ["name"] = "x", ["isOffDay"] = true }, new JsonObject { ["date"] = "2025-10-09", ["name"] = "值班" }),
                });
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                var errors = (await RunningHost.ReadJsonAsync(bad))["errors"]!;
                Assert.NotNull(errors["days[0].date"]);
                Assert.NotNull(errors["days[1].isOffDay"]);

                using var good = await host.Http.PutAsJsonAsync("api/sla/calendar", new JsonObject
                {
                    ["days"] = new JsonArray(new JsonObject { ["date"] = "2025-09-29", ["name"] = "公司年会", ["isOffDay"] = true }, new JsonObject { ["date"] = "2025-10-08", ["name"] = "值班", ["isOffDay"] = false }),
                });
                Assert.Equal(HttpStatusCode.OK, good.StatusCode);
                await AssertCustomAsync(host);
            }
            await using var restarted = await RunningHost.StartAsync(dataDirectory: data);
            await AssertCustomAsync(restarted);
        }
        finally
        {
            RunningHost.TryDelete(data);
        }

        static async Task AssertCustomAsync(RunningHost host)
        {
            var days = (await host.GetJsonAsync("api/sla/calendar?from=2025-09-29&to=2025-10-08"))["days"]!.AsArray();
            Assert.Equal(("holiday", "公司年会"), (RunningHost.Text(days[0]!["kind"]), RunningHost.Text(days[0]!["name"])));
            Assert.Equal(("makeup-workday", "值班"), (RunningHost.Text(days[9]!["kind"]), RunningHost.Text(days[9]!["name"])));
        }
    }

    [Fact]
    public async Task Working_time_rules_set_deadlines_over_the_calendar_and_a_new_closure_moves_the_next_tickets_deadline()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sla:Rules:0:Respond"] = "4 working hours",
            ["Sla:Rules:0:Resolve"] = "3 working days",
        });

        var first = await TriagedAsync(host, "物流太慢了，三天还没到", "13800000001");
        var expected = Calendar();
        Assert.Equal(expected.AddWorkingTime(first.Received, TimeSpan.FromHours(4)), first.RespondBy);
        Assert.Equal(expected.AddWorkingDays(first.Received, 3), first.ResolveBy);

        // Close the next ten days: the next ticket's clock starts after them, with no restart.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        var closed = Enumerable.Range(0, 10).Select(i => new SpecialDay(today.AddDays(i), "停业", IsOffDay: true)).ToList();
        using var put = await host.Http.PutAsJsonAsync("api/sla/calendar", new JsonObject
        {
            ["days"] = new JsonArray([.. closed.Select(d => (JsonNode)new JsonObject { ["date"] = d.Date.ToString("yyyy-MM-dd"), ["name"] = d.Name, ["isOffDay"] = true })]),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var second = await TriagedAsync(host, "发票还没开出来", "13800000002");
        var withClosure = Calendar(closed);
        Assert.Equal(withClosure.AddWorkingTime(second.Received, TimeSpan.FromHours(4)), second.RespondBy);
        Assert.True(second.RespondBy > TimeZoneInfo.ConvertTime(new DateTimeOffset(today.AddDays(10).ToDateTime(TimeOnly.MinValue), Shanghai.BaseUtcOffset), Shanghai));
    }

    [Fact]
    public async Task A_rule_whose_duration_is_not_one_refuses_to_start_and_says_where()
    {
        var app = LocalHost.Build(new LocalHostSettings
        {
            DataDirectory = RunningHost.NewDataDirectory(),
            Urls = "http://127.0.0.1:0",
            Configuration = new Dictionary<string, string?> { ["Sla:Rules:0:Respond"] = "soon", ["Sla:Rules:0:Resolve"] = "48h" },
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Sla", error.Message);
        await app.DisposeAsync();
    }

    private static BusinessCalendar Calendar(IEnumerable<SpecialDay>? custom = null) =>
        new(Shanghai, BusinessCalendar.StandardWeek, ChinaHolidays.Days, custom ?? [], ChinaHolidays.YearsCovered);

    private static async Task<(DateTimeOffset Received, DateTimeOffset RespondBy, DateTimeOffset ResolveBy)> TriagedAsync(RunningHost host, string content, string contact)
    {
        var number = await host.SubmitAsync(new { content, contact });
        var ticket = await host.WaitForTicketAsync(number, t => t["deadlines"] is not null, "triage");
        return (ticket["receivedAt"]!.GetValue<DateTimeOffset>(), ticket["deadlines"]!["respondBy"]!.GetValue<DateTimeOffset>(), ticket["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>());
    }
}
