using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Feedback.Testing;

/// <summary>Web-form posts as customers send them: each one new text from a new contact.</summary>
public static class Posting
{
    private static int _counter;

    /// <summary>Posts one item; returns its ticket number and when the 202 came back, or null if it was not accepted.</summary>
    public static async Task<(string Number, DateTimeOffset AckedAt)?> PostAsync(HttpClient http)
    {
        var i = Interlocked.Increment(ref _counter);
        var json = $$"""{"content":"第{{i}}条：订单支付失败，钱扣了但订单没生成，请尽快处理","name":"张三","contact":"139{{i:00000000}}"}""";
        try
        {
            using var response = await http.PostAsync("api/channels/webform", new StringContent(json, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.Accepted) return null;
            var acked = DateTimeOffset.UtcNow;
            var number = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ticketNumber"]!.GetValue<string>();
            return (number, acked);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Open loop: posts at a steady rate whatever the answers' latency, as channels do.</summary>
    public static async Task<ConcurrentDictionary<string, DateTimeOffset>> AtRateAsync(HttpClient http, double perSecond, double seconds)
    {
        var acked = new ConcurrentDictionary<string, DateTimeOffset>();
        var inFlight = new List<Task>();
        var total = (int)(perSecond * seconds);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * perSecond) + 1);
            for (; sent < due; sent++)
                inFlight.Add(Task.Run(async () => { if (await PostAsync(http) is { } a) acked[a.Number] = a.AckedAt; }));
            await Task.Delay(2);
        }
        await Task.WhenAll(inFlight);
        return acked;
    }

    /// <summary>Closed loop: <paramref name="clients"/> clients each posting as fast as answers come, until cancelled.</summary>
    public static Task ClientsAsync(HttpClient http, int clients, ConcurrentDictionary<string, DateTimeOffset> acked, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                if (await PostAsync(http) is { } a) acked[a.Number] = a.AckedAt;
        })));
}
