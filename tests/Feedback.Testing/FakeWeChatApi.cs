using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Testing;

/// <summary>
/// The official account's API cannot be reached from here, so this answers its documented shapes over HTTPS on
/// loopback: <c>GET /cgi-bin/token</c> ({"access_token","expires_in"}, or 40013/40125 for a wrong AppId or
/// secret) and <c>POST /cgi-bin/message/custom/send</c> ({"errcode":0,"errmsg":"ok"}, 40001/42001 for a stale
/// token, and the scripted errors per OpenID: 45015 reply window expired, 45047 out of limit, -1 busy).
/// </summary>
public sealed class FakeWeChatApi : IAsyncDisposable
{
    public const string AppId = "wx1234567890abcdef";
    public const string AppSecret = "test-app-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _script = new();
    private string _token = "";
    private int _tokens;

    private FakeWeChatApi(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }
    public string ApiBase => _app.Urls.First();
    public ConcurrentQueue<JsonNode> Sent { get; } = new();
    public int TokensIssued => _tokens;

    /// <summary>The next sends to this OpenID answer these error codes, in order.</summary>
    public void Fail(string openId, params int[] codes)
    {
        var queue = _script.GetOrAdd(openId, _ => new ConcurrentQueue<int>());
        foreach (var code in codes) queue.Enqueue(code);
    }

    /// <summary>Every token issued so far stops working, as when another server fetched a new one.</summary>
    public void ExpireTokens() => _token = "";

    public HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == Certificate.Thumbprint,
    };

    /// <summary>The settings that point a host at this fake.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Channels:WeChat:AppId"] = AppId,
        ["Channels:WeChat:AppSecret"] = AppSecret,
        ["Channels:WeChat:ApiBase"] = ApiBase,
    };

    public static async Task<FakeWeChatApi> StartAsync()
    {
        var certificate = FakeLanguageServer.SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var api = new FakeWeChatApi(app, certificate);
        app.MapGet("/cgi-bin/token", (HttpRequest r) => api.Token(r));
        app.MapPost("/cgi-bin/message/custom/send", (Delegate)api.SendAsync);
        await app.StartAsync();
        return api;
    }

    private IResult Token(HttpRequest request)
    {
        if (request.Query["grant_type"] != "client_credential" || request.Query["appid"] != AppId)
            return Results.Json(new { errcode = 40013, errmsg = "invalid appid" });
        if (request.Query["secret"] != AppSecret) return Results.Json(new { errcode = 40125, errmsg = "invalid appsecret" });
        Interlocked.Increment(ref _tokens);
        _token = "TOKEN-" + Guid.NewGuid().ToString("N");
        return Results.Json(new { access_token = _token, expires_in = 7200 });
    }

    private async Task<IResult> SendAsync(HttpContext context)
    {
        var token = context.Request.Query["access_token"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        if (token.Length == 0 || token != _token)
            return Results.Json(new { errcode = 42001, errmsg = "access_token expired rid: 6746e1a3-2b4c" });
        var openId = body["touser"]?.GetValue<string>() ?? "";
        if (body["msgtype"]?.GetValue<string>() != "text" || body["text"]?["content"] is null)
            return Results.Json(new { errcode = 44002, errmsg = "empty post data" });
        if (_script.TryGetValue(openId, out var queue) && queue.TryDequeue(out var code))
            return Results.Json(new { errcode = code, errmsg = code switch
            {
                45015 => "response out of time limit or subscription is canceled",
                45047 => "out of response count limit",
                -1 => "system error",
                _ => "error",
            } });
        Sent.Enqueue(body);
        return Results.Json(new { errcode = 0, errmsg = "ok", msgid = 1000 + Sent.Count });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
