using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class KeywordApiTests
{
    [Fact]
    public async Task A_new_keyword_is_used_by_the_next_analysis_without_a_restart_and_survives_one()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            string version;
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                var library = await host.GetJsonAsync("api/keywords");
                Assert.Equal("default", RunningHost.Text(library["version"]));
                var entries = library["entries"]!.AsArray();
                entries.Add(new JsonObject { ["term"] = "充电桩坏了", ["synonyms"] = new JsonArray("充電樁壞了"), ["weight"] = -0.95, ["category"] = "product" });

                using var put = await host.Http.PutAsJsonAsync("api/keywords", new JsonObject { ["entries"] = entries.DeepClone() });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                version = RunningHost.Text((await RunningHost.ReadJsonAsync(put))["version"]);

                var number = await host.SubmitAsync(new { content = "小区的充電樁壞了三天了" });
                var ticket = await host.WaitForTicketAsync(number, t => t["analysis"] is not null, "triage");
                var keyword = ticket["analysis"]!["keywords"]!.AsArray().Single(k => RunningHost.Text(k!["term"]) == "充电桩坏了")!;
                Assert.Equal(-0.95, keyword["weight"]!.GetValue<double>());
                Assert.Equal("high", RunningHost.Text(ticket["urgency"]));
                Assert.Contains("keyword:充电桩坏了", ticket["analysis"]!["urgencyReasons"]!.AsArray().Select(r => RunningHost.Text(r)));
            }

            await using var restarted = await RunningHost.StartAsync(dataDirectory: data);
            var after = await restarted.GetJsonAsync("api/keywords");
            Assert.Equal(version, RunningHost.Text(after["version"]));
            Assert.Contains(after["entries"]!.AsArray(), e => RunningHost.Text(e!["term"]) == "充电桩坏了");
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }

    [Fact]
    public async Task A_bad_library_is_rejected_with_the_reason_and_the_old_one_stays()
    {
        await using var host = await RunningHost.StartAsync();
        var body = new JsonObject
        {
            ["entries"] = new JsonArray(
                new JsonObject { ["term"] = "退款", ["weight"] = -2, ["category"] = "accountPayment" },
                new JsonObject { ["term"] = "退款", ["weight"] = -0.5, ["category"] = "accountPayment" }),
        };

        using var put = await host.Http.PutAsJsonAsync("api/keywords", body);

        await WebFormIntakeTests.AssertProblemAsync(put, HttpStatusCode.BadRequest, "entries[0].weight", "weight out of range");
        await WebFormIntakeTests.AssertProblemAsync(put, HttpStatusCode.BadRequest, "entries[1].term", "duplicate term");
        Assert.Equal("default", RunningHost.Text((await host.GetJsonAsync("api/keywords"))["version"]));
    }

    [Fact]
    public async Task A_library_without_entries_or_in_bad_JSON_is_400()
    {
        await using var host = await RunningHost.StartAsync();

        using var missing = await host.PostRawAsync("api/keywords", "{}", "application/json");
        using var empty = await host.Http.PutAsync("api/keywords", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var badSeason = await host.Http.PutAsync("api/keywords", new StringContent("""{"entries":[{"term":"热","weight":-0.1,"category":"product","season":"monsoon"}]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, missing.StatusCode);
        await WebFormIntakeTests.AssertProblemAsync(empty, HttpStatusCode.BadRequest, "entries", "no entries");
        await WebFormIntakeTests.AssertProblemAsync(badSeason, HttpStatusCode.BadRequest, "entries[0].season", "unknown season");
    }
}
