using System.Collections.Concurrent;
using System.Text.Json;
using Feedback.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Feedback.Local.Tests;

/// <summary>The dashboard in headless Chromium: loads with no console error and nothing fetched off loopback, charts the seeded counts, a slice filters the list.</summary>
public sealed class DashboardTests
{
    private const string SocialSecret = "dashboard-social-secret";

    [Fact]
    public async Task The_page_charts_the_seeded_tickets_and_a_pie_slice_filters_the_ticket_list()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:Secrets:social"] = SocialSecret, ["Reports:Schedule"] = "off" });
        var numbers = new List<string>();
        foreach (var content in new[] { "快递太慢了，物流一直不更新", "请问发票怎么开？", "产品质量很好，点赞" })
            numbers.Add(await host.SubmitAsync(new { content, contact = "13800000000" }));
        for (var i = 0; i < 2; i++)
        {
            var mention = JsonSerializer.Serialize(new { platform = "微博", postId = $"dash-{i}", text = $"这家的客服太差了，等了三天没人理 {i}" });
            using var posted = await host.PostSignedAsync("api/channels/social", mention, SocialSecret);
            numbers.Add(RunningHost.Text((await RunningHost.ReadJsonAsync(posted))["ticketNumber"]));
        }
        foreach (var n in numbers) await host.WaitForTicketAsync(n, t => t["analysis"] is not null, "triage");

        var origin = host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            // The business day is Shanghai's; so is the browser's, as for the people who use it.
            var context = await browser.NewContextAsync(new() { TimezoneId = "Asia/Shanghai", ViewportSize = new() { Width = 1280, Height = 1600 } });
            var page = await context.NewPageAsync();
            var errors = new ConcurrentQueue<string>();
            var offHost = new ConcurrentQueue<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Enqueue(m.Text); };
            page.PageError += (_, e) => errors.Enqueue(e);
            page.Request += (_, r) => { if (!r.Url.StartsWith(origin, StringComparison.Ordinal)) offHost.Enqueue(r.Url); };

            await page.GotoAsync($"{origin}/dashboard");
            await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.ready === true", null, new() { Timeout = 15000 });

            Assert.Equal("5", await page.InnerTextAsync("#volume"));
            var channels = await page.EvaluateAsync<JsonElement>("() => { const c = Chart.getChart('channels'); return { keys: c.$keys, data: c.data.datasets[0].data }; }");
            var counts = channels.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)
                .Zip(channels.GetProperty("data").EnumerateArray().Select(v => v.GetDouble())).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal(new Dictionary<string, double> { ["social"] = 2, ["webform"] = 3 }, counts);
            var trend = await page.EvaluateAsync<double[]>("() => Chart.getChart('trend').data.datasets[0].data");
            Assert.Equal(14, trend.Length);
            Assert.Equal(5, trend[^1]);
            Assert.Equal(5, await page.Locator("#tickets tr").CountAsync());

            // Click the social slice where Chart.js drew it.
            var point = await page.EvaluateAsync<JsonElement>(
                "() => { const c = Chart.getChart('channels'); const i = c.$keys.indexOf('social'); const p = c.getDatasetMeta(0).data[i].tooltipPosition(); return { x: p.x, y: p.y }; }");
            var box = (await page.Locator("#channels").BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(box.X + point.GetProperty("x").GetSingle(), box.Y + point.GetProperty("y").GetSingle());
            await page.WaitForFunctionAsync("() => window.dashboard.channel === 'social' && document.querySelectorAll('#tickets tr').length === 2", null, new() { Timeout = 10000 });
            Assert.All(await page.Locator("#tickets tr").AllAsync(), async row => Assert.Equal("social", await row.GetAttributeAsync("data-channel")));
            Assert.Contains("社媒", await page.InnerTextAsync("#filter"));

            var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(artifacts);
            await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });
            Assert.Empty(errors);
            Assert.Empty(offHost);
        }
    }

    [Fact]
    public async Task With_keys_the_page_asks_to_sign_in_and_an_analysts_key_in_the_fragment_opens_it_without_reaching_any_log()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" });
        var key = (await host.App.Services.GetRequiredService<Feedback.Local.Security.ApiKeys>().CreateAsync("赵分析", "analyst", null, TestCallers.Admin, default)).Value.Secret;
        await host.SubmitAsync(new { content = "请问发票怎么开？" });
        var origin = host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var context = await browser.NewContextAsync(new() { TimezoneId = "Asia/Shanghai" });
            var page = await context.NewPageAsync();
            var sent = new ConcurrentQueue<string>();
            page.Request += (_, r) => sent.Enqueue(r.Url);

            await page.GotoAsync($"{origin}/dashboard");
            await page.WaitForSelectorAsync("#signin:not([hidden])", new() { Timeout = 15000 });

            // A fresh tab: a fragment change alone does not load the page again.
            var signedIn = await context.NewPageAsync();
            signedIn.Request += (_, r) => sent.Enqueue(r.Url);
            await signedIn.GotoAsync($"{origin}/dashboard#token={key}");
            await signedIn.WaitForFunctionAsync("() => window.dashboard && window.dashboard.ready === true", null, new() { Timeout = 15000 });
            Assert.Equal("1", await signedIn.InnerTextAsync("#volume"));
            Assert.True(await signedIn.IsHiddenAsync("#signin"));
            Assert.DoesNotContain("token=", signedIn.Url);
            Assert.DoesNotContain(sent, url => url.Contains(key, StringComparison.Ordinal));
        }
    }
}
