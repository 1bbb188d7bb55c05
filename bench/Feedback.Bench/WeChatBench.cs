using Feedback.Application.Channels.WeChat;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Feedback.Application.Channels;
using Feedback.Testing;

/// <summary>
/// How fast the WeChat passive reply comes back under load: the platform waits 5 s, then retries.
/// Every push is a new text message (a new ticket: stored, workflow started) from one of 1,000 customers.
/// With <c>aes</c> every push is sealed as in 安全模式 and every reply is opened to check it.
/// </summary>
internal static class WeChatBench
{
    public static async Task<int> RunAsync(int seconds, int clients, bool sealedPushes)
    {
        await using var host = await RunningHost.StartAsync(ChannelFuzz.Configuration());
        var crypto = WeChatCrypto.From(new WeChatOptions { EncodingAesKey = ChannelFuzz.WeChatEncodingAesKey, AppId = ChannelFuzz.WeChatAppId })!;
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
                if (sealedPushes)
                {
                    var encrypted = crypto.Encrypt(Encoding.UTF8.GetBytes(xml));
                    xml = $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>";
                    url += $"&encrypt_type=aes&msg_signature={WeChatSignature.Compute(ChannelFuzz.WeChatToken, ts, "n", encrypted)}";
                }
                var watch = Stopwatch.StartNew();
                using var response = await host.Http.PostAsync(url, new StringContent(xml, Encoding.UTF8, "text/xml"));
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (sealedPushes && response.IsSuccessStatusCode) body = Opened(crypto, body);
                lock (latencies)
                {
                    if (response.IsSuccessStatusCode && body.Contains("FB-", StringComparison.Ordinal)) latencies.Add(watch.Elapsed.TotalMilliseconds);
                    else errors++;
                }
            }
        }));
        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
        Console.WriteLine($"wechat passive reply{(sealedPushes ? " (安全模式, sealed both ways)" : "")}: {latencies.Count:N0} pushes in {seconds} s ({latencies.Count / (double)seconds:0}/s), {clients} concurrent, host in-process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  p50 {P(0.5):0.0} ms  p99 {P(0.99):0.0} ms  max {latencies[^1]:0.0} ms  (the platform allows 5,000 ms)  errors: {errors}");
        return errors == 0 && latencies[^1] < 5000 ? 0 : 1;
    }

    private static string Opened(WeChatCrypto crypto, string reply)
    {
        var encrypted = System.Xml.Linq.XDocument.Parse(reply).Root!.Element("Encrypt")?.Value;
        return encrypted is null ? "" : Encoding.UTF8.GetString(crypto.Decrypt(encrypted).Message ?? []);
    }
}
