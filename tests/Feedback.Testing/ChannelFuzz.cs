using Feedback.Application.Channels.WeChat;
using Feedback.Application.Channels.Signing;
using System.Globalization;
using System.Net;
using System.Text;
using Feedback.Application.Channels;

namespace Feedback.Testing;

/// <summary>
/// Random and mutated bodies for every channel, sent with valid signatures so that they reach the
/// parsers rather than stop at the 401. What must hold: no 5xx, whatever arrives.
/// </summary>
public sealed partial class ChannelFuzz(HttpClient http, IReadOnlyDictionary<string, string> secrets, string wechatToken, int seed)
{
    public static readonly Dictionary<string, string> Secrets = new()
    {
        ["hotline"] = "fuzz-hotline", ["social"] = "fuzz-social", ["survey"] = "fuzz-survey", ["reviews"] = "fuzz-reviews", ["email"] = "fuzz-email",
    };
    public const string WeChatToken = "fuzz-wechat";
    public const string WeChatEncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string WeChatAppId = "wx5823bf96d3bd56c7";

    /// <summary>A text push sealed for <see cref="WeChatAppId"/> by OpenSSL (aes-256-cbc -nopad, the prefix 00..0f).</summary>
    public const string WeChatSealedText =
        "IG+0eOkLdhYW9kHtuT3HY5ijgP3c5cE+fMfwkGfcoL9838a2Vqxp9B0QNrQdKftWoPBZyWJlaW656yymQDHuk//IGxBfYuY0prEN+65e5zMD/GXgoVRInIMHReee53P4BCTSRBwdMefxwig30UT0roi32q6pfSJdp9+J4K/tui8udw5PWa9L7fr/dUzRGeGyKTl+J1EfIY5pQ6PiZlLZxUfUXQ0JczOt9cMrljez88YGUGh8bKZi1tNP1ZrlOlkEczLzgJRJxsf4kxkRtxkTy19brEdN9GVl6+alKXDUguhCUOKIH/nn4+1W50lWKvd9ElTjN90vPYWidhPPXYDtkuBVxBP+a76mx7xo/KOm4aaz4QBV3iCVtf5ODjAc9l/a";

    /// <summary>The host configuration that opens every channel to the fuzzer.</summary>
    public static Dictionary<string, string?> Configuration() =>
        Secrets.ToDictionary(s => $"Channels:Secrets:{s.Key}", s => (string?)s.Value)
            .Append(new KeyValuePair<string, string?>("Channels:WeChat:Token", WeChatToken))
            .Append(new KeyValuePair<string, string?>("Channels:WeChat:EncodingAesKey", WeChatEncodingAesKey))
            .Append(new KeyValuePair<string, string?>("Channels:WeChat:AppId", WeChatAppId)).ToDictionary();

    private readonly Random _random = new(seed);

    public sealed record Failure(string Channel, int Status, string Body, string Response);

    /// <summary>Sends <paramref name="count"/> inputs spread over the channels; returns status counts and any 5xx.</summary>
    public async Task<(Dictionary<string, int> Statuses, List<Failure> Failures)> RunAsync(int count, int concurrency = 8)
    {
        var statuses = new Dictionary<string, int>();
        var failures = new List<Failure>();
        var inputs = Enumerable.Range(0, count).Select(_ => Next()).ToList(); // drawn up front: one seed, one sequence
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (input, ct) =>
        {
            using var response = await SendAsync(input, ct);
            var key = $"{input.Channel} {(int)response.StatusCode}";
            var text = (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync(ct) : null;
            lock (statuses)
            {
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                if (text is not null) failures.Add(new Failure(input.Channel, (int)response.StatusCode, Encoding.UTF8.GetString(input.Body), text));
            }
        });
        return (statuses, failures);
    }

    private sealed record Input(string Channel, string Path, byte[] Body, string ContentType);

    private Input Next()
    {
        var (channel, path, seedBody, type) = Samples[_random.Next(Samples.Length)];
        var body = _random.Next(10) switch
        {
            0 => RandomBytes(_random.Next(0, 3000)),
            1 => Encoding.UTF8.GetBytes(seedBody),
            _ => Mutate(Encoding.UTF8.GetBytes(seedBody)),
        };
        if (_random.Next(20) == 0) type = Pick("application/json", "text/xml", "message/rfc822", "text/plain", "multipart/form-data; boundary=fz", "");
        return new Input(channel, path, body, type);
    }

    private Task<HttpResponseMessage> SendAsync(Input input, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var path = input.Path;
        if (input.Channel == "wechat")
            path += $"{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}signature={WeChatSignature.Compute(wechatToken, now, "123")}&timestamp={now}&nonce=123";
        if (path.Contains("encrypt_type=aes", StringComparison.Ordinal))
        {
            // Sign whatever ciphertext the mutation left, so that the run reaches the decryption.
            var sealedText = SealedText().Match(Encoding.UTF8.GetString(input.Body)).Groups[1].Value;
            path += $"&msg_signature={WeChatSignature.Compute(wechatToken, now, "123", sealedText)}";
        }
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(input.Body) };
        if (input.ContentType.Length > 0 && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(input.ContentType, out var mediaType))
            request.Content.Headers.ContentType = mediaType;
        if (secrets.TryGetValue(input.Channel, out var secret))
        {
            var timestamp = long.Parse(now, CultureInfo.InvariantCulture);
            request.Headers.Add(WebhookSignature.TimestampHeader, now);
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, input.Body));
        }
        return http.SendAsync(request, ct);
    }

    private byte[] Mutate(byte[] body)
    {
        var bytes = new List<byte>(body);
        for (var n = _random.Next(1, 6); n > 0; n--)
        {
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0: bytes[_random.Next(bytes.Count)] ^= (byte)(1 << _random.Next(8)); break;
                case 1 when bytes.Count > 0:
                    var from = _random.Next(bytes.Count);
                    bytes.RemoveRange(from, Math.Min(bytes.Count - from, _random.Next(1, 40)));
                    break;
                case 2: bytes.InsertRange(_random.Next(bytes.Count + 1), RandomBytes(_random.Next(1, 20))); break;
                case 3: bytes.InsertRange(_random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(Pick(Tokens))); break;
                case 4 when bytes.Count > 1: bytes.RemoveRange(_random.Next(bytes.Count / 2, bytes.Count), 1); break; // truncate a byte
                case 5 when bytes.Count > 0:
                    var at = _random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 50)));
                    break;
                case 6: bytes = [.. bytes.Take(_random.Next(bytes.Count + 1))]; break;
                default:
                    // Deep nesting: what recursive parsers choke on.
                    var opener = Pick("[", "{", "<a>", "(", "\"");
                    bytes.InsertRange(_random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(opener, _random.Next(1, 300)))));
                    break;
            }
        }
        return [.. bytes];
    }

    private static readonly string[] Tokens =
    [
        "null", "[]", "{}", "1e309", "-0", "\"\\ud800\"", "99999999999999999999999", "true", "\"\"", "\\u0000", "😡", "＜script＞",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "]]>", "<![CDATA[", "\r\n\r\n", "--mixed-1--", "=?UTF-8?B?####?=",
        "Content-Transfer-Encoding: base64\r\n", "Message-ID: <>\r\n", "FB-20261124-000001", "FB-99999999-999999", "\"rating\":0", "\"ticketNumber\":\"FB-20261124-000001\"",
    ];

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<Encrypt><!\[CDATA\[(.*?)\]\]>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex SealedText();

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private static readonly (string Channel, string Path, string Body, string Type)[] Samples =
    [
        ("webform", "api/channels/webform", """{"content":"支付失败，钱扣了订单没生成","name":"张三","contact":"13800138000","externalId":"f1","submittedAt":"2026-11-24T08:00:00+08:00"}""", "application/json"),
        ("webform", "api/channels/webform", "--fz\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\n页面打不开\r\n--fz\r\nContent-Disposition: form-data; name=\"screenshot\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n\u001a\n0000\r\n--fz--\r\n", "multipart/form-data; boundary=fz"),
        ("hotline", "api/channels/hotline", """{"callId":"c1","callerNumber":"13900001111","startedAt":"2026-11-24T09:00:00+08:00","endedAt":"2026-11-24T09:05:00+08:00","ivrChoice":"投诉","agentNotes":"客户投诉物流慢","satisfactionKey":3,"recordingUrl":"https://rec.example/c1.mp3"}""", "application/json"),
        ("social", "api/channels/social", """{"platform":"微博","postId":"p1","author":"a","text":"某品牌扫地机器人三天就坏","url":"https://weibo.com/1/p1","reach":{"followers":1000,"reposts":3}}""", "application/json"),
        ("survey", "api/channels/survey", """{"surveyId":"s1","responseId":"r1","ratings":{"easeOfUse":4,"attitude":2,"resolutionEfficiency":1},"text":"处理太慢"}""", "application/json"),
        ("reviews", "api/channels/reviews", """{"reviews":[{"store":"appstore","app":"1","reviewId":"r1","rating":1,"title":"差","body":"闪退","author":"x","territory":"CHN","createdAt":"2026-11-24T00:00:00Z","updatedAt":"2026-11-24T01:00:00Z"}]}""", "application/json"),
        ("wechat", "api/channels/wechat", "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1764000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[快递还没到]]></Content><MsgId>1</MsgId></xml>", "text/xml"),
        ("wechat", "api/channels/wechat?encrypt_type=aes", $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{WeChatSealedText}]]></Encrypt></xml>", "text/xml"),
        ("email", "api/channels/email", "From: Li <li@example.cn>\r\nSubject: =?UTF-8?B?6YCA5qy+?=\r\nMessage-ID: <m1@x>\r\nIn-Reply-To: <m0@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>退款没到账</p>\r\n--b\r\nContent-Type: image/png; name=\"a.png\"\r\nContent-Disposition: attachment; filename=\"a.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n", "message/rfc822"),
    ];
}
