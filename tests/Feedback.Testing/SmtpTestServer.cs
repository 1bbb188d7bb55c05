using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Feedback.Testing;

/// <summary>
/// A real SMTP server (tests/servers/smtp.js, smtp-server from npm) on loopback; what it received is read back
/// over its small HTTP API. Recipients starting with "refuse" get 550, as an unknown mailbox does.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly NodeServer _server;
    private readonly HttpClient _http;

    private SmtpTestServer(NodeServer server, int apiPort)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
    }

    public int Port => _server.Port;

    public static SmtpTestServer Start()
    {
        var apiPort = 0;
        var server = NodeServer.Start("smtp.js", [], line =>
        {
            if (line.Split(' ') is not ["ready", var smtp, var api]) return null;
            apiPort = int.Parse(api, System.Globalization.CultureInfo.InvariantCulture);
            return int.Parse(smtp, System.Globalization.CultureInfo.InvariantCulture);
        }, TimeSpan.FromSeconds(30));
        return new SmtpTestServer(server, apiPort);
    }

    /// <summary>The settings that make a host send through this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Messaging:Smtp:Host"] = "127.0.0.1",
        ["Messaging:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Smtp:Security"] = "None",
        ["Messaging:Smtp:From"] = "客户服务 <service@company.example>",
    };

    public async Task<List<JsonNode>> MessagesAsync() => [.. (await _http.GetFromJsonAsync<JsonArray>("messages"))!.Select(n => n!)];

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
