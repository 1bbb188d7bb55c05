using System.Net;
using System.Net.Http.Headers;
using Feedback.Testing;

namespace Feedback.Cli.Tests;

/// <summary><c>feedback keys</c>: a key printed once, usable over HTTP, listed without its secret, revoked; and the serve guard.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task A_key_made_on_the_command_line_opens_its_roles_routes_and_stops_when_revoked()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            var (refused, _, why) = await FeedbackCommand.RunAsync("", "serve", "--data", data, "--urls", "http://0.0.0.0:0");
            Assert.Equal(1, refused);
            Assert.Contains("refusing to listen on http://0.0.0.0:0 without API keys", why);

            // On loopback without keys it starts, open to this machine, and says so.
            using (var open = new ServerProcess(data))
            {
                await open.StartAsync();
                await Eventually.TrueAsync(() => open.Output.Any(line => line.Contains("no API keys yet, so every route is open to this machine (loopback only)", StringComparison.Ordinal)),
                    TimeSpan.FromSeconds(5), "the open-host notice");
                using var audit = await open.Http.GetAsync("api/audit");
                Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
            }

            var (code, secret, errors) = await FeedbackCommand.RunAsync("", "keys", "create", "--role", "analyst", "--name", "赵分析", "--data", data);
            Assert.True(code == 0, errors);
            secret = secret.Trim();
            Assert.StartsWith("fbk_", secret);
            Assert.Contains("shown only now", errors);
            var id = secret.Split('_')[1];

            var (_, list, _) = await FeedbackCommand.RunAsync("", "keys", "list", "--data", data);
            Assert.Contains($"{id}\tanalyst\t赵分析\tactive", list);
            Assert.DoesNotContain(secret, list);

            await using (var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" }, data))
            {
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "api/reports/daily/2026-12-01", secret));
                Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, "api/audit", secret));
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "api/reports/daily/2026-12-01", null));
            }

            var (revoked, said, _) = await FeedbackCommand.RunAsync("", "keys", "revoke", id, "--data", data);
            Assert.Equal(0, revoked);
            Assert.Contains($"revoked {id}", said);
            await using (var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Reports:Schedule"] = "off" }, data))
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, "api/reports/daily/2026-12-01", secret));

            var (bad, _, badRole) = await FeedbackCommand.RunAsync("", "keys", "create", "--role", "root", "--name", "x", "--data", data);
            Assert.NotEqual(0, bad);
            Assert.Contains("root", badRole);
        }
        finally
        {
            RunningHost.TryDelete(data);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(RunningHost host, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}
