using System.Diagnostics;
using System.Globalization;
using System.Text;
using Feedback.Application.Channels;
using Feedback.Testing;

/// <summary>
/// How fast the WeChat passive reply comes back under load: the platform waits 5 s, then retries.
/// Every push is a new text message (a new ticket: stored, workflow started) from one of 1,000 customers.
/// </summary>
internal static class WeChatBench
{
    public static async Task<int> RunAsync(int seconds, int clients)
    {
        await using var host = await RunningHost.StartAsync(ChannelFuzz.Configuration());
        var latencies = new List<double>();
        var errors = 0;
        var counter = 0;
        var end = DateTime.UtcNow.AddSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (DateTime.UtcNow < end)
            {
                var i = Interlocked.Increment(ref counter);
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var xml = $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o{i % 1000}]]></FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[第{i}条：快递三天了还没发货，订单号 {i:000000}]]></Content><MsgId>{i}</MsgId></xml>";
                var url = $"api/channels/wechat?signature={WeChatSignature.Compute(ChannelFuzz.WeChatToken, ts, "n")}&timestamp={ts}&nonce=n";
                var watch = Stopwatch.StartNew();
                using var response = await host.Http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "text/xml"));
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                lock (latencies)
                {
                    if (response.IsSuccessStatusCode && body.Contains("FB-", StringComparison.Ordinal)) latencies.Add(watch.Elapsed.TotalMilliseconds);
                    else errors++;
                }
            }
        }));
        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
        Console.WriteLine($"wechat passive reply: {latencies.Count:N0} pushes in {seconds} s ({latencies.Count / (double)seconds:0}/s), {clients} concurrent, host in-process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  p50 {P(0.5):0.0} ms  p99 {P(0.99):0.0} ms  max {latencies[^1]:0.0} ms  (the platform allows 5,000 ms)  errors: {errors}");
        return errors == 0 && latencies[^1] < 5000 ? 0 : 1;
    }
}
