using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Feedback.Local.Security;
using Feedback.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Local.Tests;

/// <summary>
/// Every route × every caller over HTTP on the local host: no credentials, a wrong key, an expired token, a token
/// signed with another key, an API key of each role, and an Entra-style token with a role. The expected table is
/// written here, not read from the code, and every route the host serves must be in it.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private const string Agent = "agent", Supervisor = "supervisor", Admin = "admin", Analyst = "analyst";
    private static readonly string[] Staff = [Agent, Supervisor, Admin, Analyst];
    private static readonly string[] Workers = [Agent, Supervisor, Admin];
    private static readonly string[] Leads = [Supervisor, Admin];
    private static readonly string[] Analysts = [Analyst, Supervisor, Admin];
    private static readonly string[] Admins = [Admin];

    /// <summary>null: public or signed by the channel, the same answer for every caller.</summary>
    private static readonly Dictionary<string, string[]?> Expected = new()
    {
        ["GET api/health"] = null,
        ["POST api/channels/webform"] = null,
        ["POST api/channels/hotline"] = null,
        ["POST api/channels/social"] = null,
        ["POST api/channels/survey"] = null,
        ["GET api/channels/wechat"] = null,
        ["POST api/channels/wechat"] = null,
        ["POST api/channels/reviews"] = null,
        ["POST api/channels/email"] = null,
        ["GET api/channels/health"] = Staff,
        ["GET api/attachments/{id}"] = Workers,
        ["GET api/tickets"] = Staff,
        ["GET api/tickets/{number}"] = Staff,
        ["POST api/tickets/{number}/respond"] = Workers,
        ["POST api/tickets/{number}/resolve"] = Workers,
        ["POST api/tickets/{number}/wait"] = Workers,
        ["POST api/tickets/{number}/resume"] = Workers,
        ["POST api/tickets/{number}/assign"] = Leads,
        ["POST api/tickets/{number}/reopen"] = Workers,
        ["GET api/events"] = Analysts,
        ["GET api/keywords"] = Staff,
        ["PUT api/keywords"] = Admins,
        ["GET api/sla/calendar"] = Staff,
        ["PUT api/sla/calendar"] = Admins,
        ["GET api/sla/policy"] = Staff,
        ["PUT api/sla/policy"] = Admins,
        ["GET api/sla/events"] = Leads,
        ["GET api/routing"] = Staff,
        ["PUT api/routing"] = Admins,
        ["POST api/tickets/{number}/satisfaction"] = null,
        ["GET api/closed-loop/causes"] = Staff,
        ["PUT api/closed-loop/causes"] = Admins,
        ["POST api/improvements"] = Workers,
        ["GET api/improvements"] = Staff,
        ["GET api/improvements/{id}"] = Staff,
        ["POST api/improvements/{id}/{action}"] = Leads,
        ["GET api/reports/tickets.csv"] = Analysts,
        ["GET api/reports/dates.csv"] = Analysts,
        ["GET api/reports/{kind}/{period}"] = Analysts,
        ["GET api/warnings/rules"] = Staff,
        ["PUT api/warnings/rules"] = Admins,
        ["POST api/warnings/evaluate"] = Leads,
        ["GET api/warnings"] = Staff,
        ["GET api/warnings/{id}"] = Staff,
        ["POST api/warnings/{id}/{action}"] = Leads,
        ["GET api/audit"] = Admins,
        ["POST api/customers/{customerId}/erase"] = Admins,
        ["POST api/customers/erase"] = Admins,
        ["POST api/retention/run"] = Admins,
        ["GET api/keys"] = Admins,
        ["POST api/keys"] = Admins,
        ["POST api/keys/{id}/revoke"] = Admins,
        ["GET dashboard"] = null,
        ["GET dashboard/{file}"] = null,
        ["GET s/{token}"] = null,
        ["POST s/{token}"] = null,
    };

    private RunningHost _host = null!;
    private readonly Dictionary<string, string> _keys = [];
    private string _ticket = "";

    public async Task InitializeAsync()
    {
        var settings = TestTokens.Settings();
        settings["Reports:Schedule"] = "off";
        _host = await RunningHost.StartAsync(settings);
        var keys = _host.App.Services.GetRequiredService<ApiKeys>();
        foreach (var role in Staff)
            _keys[role] = (await keys.CreateAsync($"{role}-测试", role, null, TestCallers.Admin, default)).Value.Secret;
        _ticket = await _host.SubmitAsync(new { content = "物流太慢了，一周还没到", name = "张三", contact = "13812345678" });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_route_the_host_serves_is_in_the_expected_table()
    {
        Assert.Equal(Expected.Keys.Order(), Routes().Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_its_roles_say_with_problem_details_for_every_refusal()
    {
        // Roles null: not signed in at all.
        var callers = new Dictionary<string, (string? Token, string[]? Roles)>
        {
            ["no credentials"] = (null, null),
            ["wrong key"] = ("fbk_000000000000_" + new string('x', 43), null),
            ["expired token"] = (TestTokens.Create("过期", [Admin], DateTime.UtcNow.AddHours(-1)), null),
            ["token of another issuer's key"] = (TestTokens.Create("冒充", [Admin], key: Convert.ToBase64String(new byte[32])), null),
            ["token without a role"] = (TestTokens.Create("无角色", []), []),
            ["token as supervisor"] = (TestTokens.Create("钱主管", [Supervisor]), [Supervisor]),
        };
        foreach (var role in Staff) callers[$"{role} key"] = (_keys[role], [role]);

        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (route, pattern) in Routes())
        {
            var allowed = Expected[route];
            int? publicStatus = null;
            foreach (var (caller, (token, roles)) in callers)
            {
                using var response = await SendAsync(route, pattern, token);
                var status = (int)response.StatusCode;
                checkedCount++;
                string? wrong = null;
                if (allowed is null)
                {
                    // Same answer whoever asks (the channel's own signature decides, or nothing does).
                    publicStatus ??= status;
                    if (status != publicStatus) wrong = $"{status}, another caller got {publicStatus}";
                }
                else if (roles is null && status != 401) wrong = $"{status}, expected 401";
                else if (roles is not null && !roles.Any(allowed.Contains) && status != 403) wrong = $"{status}, expected 403";
                else if (roles is not null && roles.Any(allowed.Contains) && status is 401 or 403) wrong = $"{status}, expected to be let through";
                if (wrong is not null) failures.Add($"{route} as {caller}: {wrong}");
                if (allowed is not null && status is 401 or 403)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    if (status == 401) Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Expected.Count * callers.Count, checkedCount);
    }

    [Fact]
    public async Task The_contact_is_shown_to_agents_on_the_ticket_view_only_and_never_to_analysts()
    {
        var asAgent = await GetTextAsync($"api/tickets/{_ticket}", _keys[Agent]);
        var asAnalyst = await GetTextAsync($"api/tickets/{_ticket}", _keys[Analyst]);
        var list = await GetTextAsync("api/tickets", _keys[Agent]);

        Assert.Contains("13812345678", asAgent);
        Assert.Contains("张三", asAgent);
        Assert.DoesNotContain("13812345678", asAnalyst);
        Assert.DoesNotContain("张三", asAnalyst);
        Assert.Contains("****5678", asAnalyst);
        Assert.Contains(_ticket, list);
        Assert.DoesNotContain("13812345678", list);
    }

    [Fact]
    public async Task History_names_the_signed_in_agent_not_the_name_in_the_body_and_a_revoked_key_stops_working()
    {
        using var respond = Request(HttpMethod.Post, $"api/tickets/{_ticket}/respond", _keys[Agent],
            """{"agent":"冒名顶替","message":"您好，已为您催促物流。"}""");
        using var responded = await _host.Http.SendAsync(respond);
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);

        var ticket = await GetTextAsync($"api/tickets/{_ticket}", _keys[Admin]);
        Assert.Contains("\"actor\":\"agent-测试\"", ticket);
        Assert.DoesNotContain("冒名顶替", ticket);

        var token = TestTokens.Create("孙客服", [Agent]);
        using var byToken = Request(HttpMethod.Post, $"api/tickets/{_ticket}/wait", token, """{"agent":"别人","reason":"customer","message":"请提供订单号"}""");
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(byToken)).StatusCode);
        Assert.Contains("\"actor\":\"孙客服\"", await GetTextAsync($"api/tickets/{_ticket}", _keys[Admin]));

        var keys = _host.App.Services.GetRequiredService<ApiKeys>();
        var made = (await keys.CreateAsync("临时", Agent, null, TestCallers.Admin, default)).Value;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("api/tickets", made.Secret));
        using var revoke = Request(HttpMethod.Post, $"api/keys/{made.Key.Id}/revoke", _keys[Admin], "{}");
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(revoke)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("api/tickets", made.Secret));
    }

    [Fact]
    public async Task An_admin_makes_a_key_over_HTTP_that_is_shown_once_and_listed_without_its_secret()
    {
        using var create = Request(HttpMethod.Post, "api/keys", _keys[Admin], """{"name":"周分析","role":"analyst","expiresInDays":30}""");
        using var created = await _host.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await RunningHost.ReadJsonAsync(created))["key"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("api/reports/daily/2026-12-01", secret));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync("api/audit", secret));
        var listed = await GetTextAsync("api/keys", _keys[Admin]);
        Assert.Contains("周分析", listed);
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain("hash", listed);

        var audit = await GetTextAsync("api/audit?after=0&limit=1000", _keys[Admin]);
        Assert.Contains("\"actor\":\"admin-测试\",\"role\":\"admin\",\"action\":\"key.create\"", audit);
        Assert.DoesNotContain(secret, audit);

        using var bad = Request(HttpMethod.Post, "api/keys", _keys[Admin], """{"name":"x","role":"root"}""");
        using var refused = await _host.Http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role", (await RunningHost.ReadJsonAsync(refused))["errors"]!.AsObject().Select(e => e.Key));
    }

    private IEnumerable<KeyValuePair<string, string>> Routes() =>
        ((IEndpointRouteBuilder)_host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m =>
            {
                var pattern = e.RoutePattern.RawText!.TrimStart('/');
                return KeyValuePair.Create($"{m} {pattern}", pattern);
            }));

    private async Task<HttpResponseMessage> SendAsync(string route, string pattern, string? token)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ')]);
        var path = pattern.Replace("{number}", _ticket).Replace("{id}", "none").Replace("{action}", "start")
            .Replace("{kind}", "daily").Replace("{period}", "2026-12-01").Replace("{token}", "not-a-token")
            .Replace("{file}", "dashboard.js").Replace("{customerId}", "nobody");
        if (pattern.EndsWith(".csv", StringComparison.Ordinal) || pattern == "api/sla/calendar") path += "?from=2026-12-01&to=2026-12-02";
        using var request = Request(method, path, token, method == HttpMethod.Get ? null : "{}");
        return await _host.Http.SendAsync(request);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string token)
    {
        using var request = Request(HttpMethod.Get, path, token, null);
        using var response = await _host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> GetTextAsync(string path, string token)
    {
        using var request = Request(HttpMethod.Get, path, token, null);
        using var response = await _host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
