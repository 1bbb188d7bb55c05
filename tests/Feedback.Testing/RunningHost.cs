using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Feedback.Local.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Feedback.Testing;

/// <summary>The real local host on Kestrel, on a free loopback port, with its own data folder.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private RunningHost(WebApplication app, string dataDirectory, bool ownsData)
    {
        _app = app;
        _ownsData = ownsData;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = app.Address(), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }
    public string DataDirectory { get; }
    public WebApplication App => _app;

    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "feedback-tests", Guid.NewGuid().ToString("N"));

    /// <param name="dataDirectory">Pass one to share data between hosts (restart tests); null makes a fresh one.</param>
    public static async Task<RunningHost> StartAsync(
        IReadOnlyDictionary<string, string?>? configuration = null, string? dataDirectory = null, TimeProvider? time = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, int port = 0)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();
        var settings = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>());
        if (!settings.Keys.Any(k => k.StartsWith("RateLimits:", StringComparison.Ordinal)))
            foreach (var (key, value) in OneAddress.Limits) settings[key] = value;
        var app = LocalHost.Build(new LocalHostSettings
        {
            DataDirectory = dataDirectory,
            Urls = $"http://127.0.0.1:{port}",
            Configuration = settings,
            Time = time,
            Services = services,
        });
        await app.StartAsync();
        return new RunningHost(app, dataDirectory, ownsData);
    }

    /// <summary>
    /// A configuration whose catch-all SLA rule has the given deadlines (tests use seconds, never hours). The
    /// satisfaction window is a second, so a resolved ticket nobody rates closes (as no-answer) at once.
    /// </summary>
    public static Dictionary<string, string?> Sla(TimeSpan respond, TimeSpan resolve) => new()
    {
        ["Sla:Rules:0:Respond"] = respond.ToString("c"),
        ["Sla:Rules:0:Resolve"] = resolve.ToString("c"),
        ["ClosedLoop:Window"] = "00:00:01",
    };

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType) =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Posts a web form and returns the ticket number it got.</summary>
    public async Task<string> SubmitAsync(object form)
    {
        using var response = await PostJsonAsync("api/channels/webform", form);
        var body = await ReadJsonAsync(response);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"webform: {(int)response.StatusCode} {body}");
        return body["ticketNumber"]!.GetValue<string>();
    }

    /// <summary>Posts a web form with a PNG screenshot (multipart) and returns the ticket number it got.</summary>
    public async Task<string> SubmitWithScreenshotAsync(string content, string name, string contact, byte[] png)
    {
        using var form = new MultipartFormDataContent { { new StringContent(content), "content" }, { new StringContent(name), "name" }, { new StringContent(contact), "contact" } };
        var part = new ByteArrayContent(png);
        part.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("image/png");
        form.Add(part, "screenshot", "screenshot.png");
        using var response = await Http.PostAsync("api/channels/webform", form);
        var body = await ReadJsonAsync(response);
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted) throw new HttpRequestException($"webform: {(int)response.StatusCode} {body}");
        return body["ticketNumber"]!.GetValue<string>();
    }

    /// <summary>Posts JSON signed the way the channels sign (<see cref="Feedback.Application.Channels.Signing.WebhookSignature"/>).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string json, string secret, DateTimeOffset? at = null, string? signature = null) =>
        PostSignedAsync(path, Encoding.UTF8.GetBytes(json), "application/json", secret, at, signature);

    public Task<HttpResponseMessage> PostSignedAsync(string path, byte[] body, string contentType, string secret, DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(Feedback.Application.Channels.Signing.WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(Feedback.Application.Channels.Signing.WebhookSignature.SignatureHeader,
            signature ?? Feedback.Application.Channels.Signing.WebhookSignature.Sign(secret, timestamp, body));
        return Http.SendAsync(request);
    }

    public Task<JsonNode> TicketAsync(string number) => GetJsonAsync($"api/tickets/{number}");

    /// <summary>One channel's entry of <c>GET /api/channels/health</c>.</summary>
    public async Task<JsonNode> ChannelHealthAsync(string channel) =>
        (await GetJsonAsync("api/channels/health"))["channels"]!.AsArray().Single(c => Text(c!["channel"]) == channel)!;

    public Task<JsonNode> WaitForTicketAsync(string number, Func<JsonNode, bool> done, string what, double seconds = 15) =>
        Eventually.GetAsync(() => TicketAsync(number), done, TimeSpan.FromSeconds(seconds), $"{number}: {what}");

    public async Task<List<JsonNode>> EventsAsync(string? ticketNumber = null)
    {
        var all = new List<JsonNode>();
        long after = 0;
        while (true)
        {
            var page = await GetJsonAsync($"api/events?after={after}&limit=1000");
            var events = page["events"]!.AsArray();
            if (events.Count == 0) return all;
            all.AddRange(events.Where(e => ticketNumber is null || e!["ticketNumber"]?.GetValue<string>() == ticketNumber)!);
            after = page["next"]!.GetValue<long>();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData) TryDelete(DataDirectory);
    }

    public static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}

/// <summary>Ports for hosts whose own address must be in their settings (the satisfaction link's base URL).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
