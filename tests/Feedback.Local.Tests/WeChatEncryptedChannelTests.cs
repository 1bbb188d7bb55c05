using Feedback.Application.Channels.WeChat;
using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Feedback.Application.Channels;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>
/// 安全模式 and 兼容模式: the push arrives sealed with the account's EncodingAESKey and the reply must go back sealed.
/// The test seals and opens with its own AES code, following the platform's documented layout, so a
/// mistake in the product's layout cannot cancel itself out.
/// </summary>
public sealed class WeChatEncryptedChannelTests : IAsyncLifetime
{
    private const string Token = "wechat-aes-token";
    private const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wx5823bf96d3bd56c7";
    private const string OpenId = "oUpF8uN95-Ptaags6E8kRV5uiDbs";
    private const string Nonce = "1320562132";
    private static readonly byte[] Key = Convert.FromBase64String(EncodingAesKey + "=");
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(new Dictionary<string, string?>
    {
        ["Channels:WeChat:Token"] = Token,
        ["Channels:WeChat:EncodingAesKey"] = EncodingAesKey,
        ["Channels:WeChat:AppId"] = AppId,
        ["Channels:WeChat:ReplyTemplate"] = "已收到，工单号 {ticketNumber}。",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sealed_push_opens_a_ticket_and_is_answered_with_a_sealed_signed_reply()
    {
        using var response = await PushAsync(Envelope(Seal(Text("退款申请提交一周了还没到账", "72345678901234567"), AppId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        var (encrypted, timestamp, nonce) = (reply.Element("Encrypt")!.Value, reply.Element("TimeStamp")!.Value, reply.Element("Nonce")!.Value);
        Assert.Equal(Nonce, nonce);
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), -60, 1);
        Assert.Equal(Sha1Sorted(Token, timestamp, nonce, encrypted), reply.Element("MsgSignature")!.Value);
        Assert.Null(reply.Element("Content")); // nothing in the clear

        var (inner, appId) = Open(encrypted);
        Assert.Equal(AppId, appId);
        var message = XDocument.Parse(inner).Root!;
        Assert.Equal((OpenId, "text"), (message.Element("ToUserName")!.Value, message.Element("MsgType")!.Value));
        var number = Regex.Match(message.Element("Content")!.Value, @"FB-\d{8}-\d{6}").Value;
        var ticket = await _host.TicketAsync(number);
        Assert.Equal(("wechat", "msg:72345678901234567"), (RunningHost.Text(ticket["channel"]), RunningHost.Text(ticket["feedback"]!["externalId"])));
        Assert.Contains("退款申请提交一周了还没到账", RunningHost.Text(ticket["feedback"]!["content"]));
    }

    [Fact]
    public async Task In_compatible_mode_only_the_sealed_copy_is_believed()
    {
        // 兼容模式 sends the plaintext fields beside Encrypt; they are not covered by msg_signature.
        var sealedText = Seal(Text("真实内容：发票开错了", "82345678901234567"), AppId);
        var body = $"<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName><CreateTime>{Now()}</CreateTime>" +
            $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[篡改的明文]]></Content><MsgId>1</MsgId><Encrypt><![CDATA[{sealedText}]]></Encrypt></xml>";

        using var response = await PushAsync(body, sealedText);

        var number = Regex.Match(XDocument.Parse(Open(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Encrypt")!.Value).Xml)
            .Root!.Element("Content")!.Value, @"FB-\d{8}-\d{6}").Value;
        var ticket = await _host.TicketAsync(number);
        Assert.Equal(("真实内容：发票开错了", "msg:82345678901234567"), (RunningHost.Text(ticket["feedback"]!["content"]), RunningHost.Text(ticket["feedback"]!["externalId"])));
    }

    [Fact]
    public async Task A_wrong_msg_signature_is_401_naming_it_and_stores_nothing()
    {
        var sealedText = Seal(Text("测试", "92345678901234567"), AppId);
        using var response = await PushAsync(Envelope(sealedText), msgSignature: Sha1Sorted(Token, Now(), Nonce, sealedText + "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]!["msg_signature"]);
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    public static TheoryData<string, string> Unopenable => new()
    {
        { "another account", Seal(Text("测试", "1"), "wx0000000000000000") },
        { "another key", Seal(Text("测试", "1"), AppId, Convert.FromBase64String("ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut=")) },
        { "not base64", "这不是密文" },
        { "not whole blocks", Convert.ToBase64String(new byte[20]) },
        { "a sealed non-push", Seal("<feed/>", AppId) },
    };

    [Theory]
    [MemberData(nameof(Unopenable))]
    public async Task What_does_not_open_for_this_account_is_400_naming_the_field_and_stores_nothing(string what, string sealedText)
    {
        using var response = await PushAsync(Envelope(sealedText));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, what);
        var errors = (await RunningHost.ReadJsonAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("Encrypt") || errors.ContainsKey("body"), $"{what}: {errors.ToJsonString()}");
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
    }

    [Fact]
    public async Task An_envelope_without_Encrypt_is_400_naming_it()
    {
        using var response = await PushAsync("<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName></xml>", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]!["Encrypt"]);
    }

    [Fact]
    public async Task An_encrypted_push_to_a_host_without_the_key_is_401_naming_encrypt_type()
    {
        await using var plain = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Channels:WeChat:Token"] = Token });
        var sealedText = Seal(Text("测试", "1"), AppId);

        using var response = await PushAsync(Envelope(sealedText), sealedText, http: plain.Http);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]!["encrypt_type"]);
    }

    [Fact]
    public async Task Sealing_follows_the_documented_layout_and_pads_to_32_byte_blocks()
    {
        var crypto = WeChatCrypto.From(new WeChatOptions { EncodingAesKey = EncodingAesKey, AppId = AppId })!;
        foreach (var length in new[] { 0, 1, 11, 12, 13, 43, 44, 1000 })
        {
            var message = new string('a', length);
            var encrypted = crypto.Encrypt(Encoding.UTF8.GetBytes(message));
            var plain = DecryptRaw(encrypted);

            var expectedPad = 32 - (20 + length + AppId.Length) % 32;
            Assert.Equal(0, plain.Length % 32);
            Assert.All(plain[^expectedPad..], b => Assert.Equal(expectedPad, b));
            Assert.Equal(length, BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(16, 4)));
            Assert.Equal(message + AppId, Encoding.UTF8.GetString(plain, 20, length + AppId.Length));
            Assert.Equal(message, Encoding.UTF8.GetString(crypto.Decrypt(encrypted).Message!));
        }
        Assert.NotEqual(crypto.Encrypt([1, 2, 3]), crypto.Encrypt([1, 2, 3])); // the random prefix
    }

    [Fact]
    public void Opens_a_message_sealed_by_OpenSSL()
    {
        var crypto = WeChatCrypto.From(new WeChatOptions { EncodingAesKey = ChannelFuzz.WeChatEncodingAesKey, AppId = ChannelFuzz.WeChatAppId })!;

        var (message, error) = crypto.Decrypt(ChannelFuzz.WeChatSealedText);

        Assert.Null(error);
        Assert.Equal("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1764000000</CreateTime>" +
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[发票开错了]]></Content><MsgId>2</MsgId></xml>", Encoding.UTF8.GetString(message!));
    }

    private Task<HttpResponseMessage> PushAsync(string envelope, string? sealedText = null, string? msgSignature = null, HttpClient? http = null)
    {
        var timestamp = Now();
        sealedText ??= XDocument.Parse(envelope).Root!.Element("Encrypt")!.Value;
        msgSignature ??= Sha1Sorted(Token, timestamp, Nonce, sealedText);
        var url = $"api/channels/wechat?signature={Sha1Sorted(Token, timestamp, Nonce)}&timestamp={timestamp}&nonce={Nonce}" +
            $"&openid={OpenId}&encrypt_type=aes&msg_signature={msgSignature}";
        return (http ?? _host.Http).PostAsync(url, new StringContent(envelope, Encoding.UTF8, "text/xml"));
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Envelope(string sealedText) =>
        $"<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><Encrypt><![CDATA[{sealedText}]]></Encrypt></xml>";

    private static string Text(string content, string msgId) =>
        $"<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName><CreateTime>{Now()}</CreateTime>" +
        $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    private static string Sha1Sorted(params string[] parts) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts.Order(StringComparer.Ordinal)))));

    /// <summary>random(16) + length (4, big-endian) + message + AppId, PKCS#7 to 32, AES-256-CBC, IV = key[..16].</summary>
    private static string Seal(string xml, string appId, byte[]? key = null)
    {
        key ??= Key;
        var message = Encoding.UTF8.GetBytes(xml);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, message.Length);
        var plain = RandomNumberGenerator.GetBytes(16).Concat(length).Concat(message).Concat(Encoding.UTF8.GetBytes(appId)).ToList();
        var pad = 32 - plain.Count % 32;
        plain.AddRange(Enumerable.Repeat((byte)pad, pad));
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain.ToArray(), key[..16], PaddingMode.None));
    }

    private static byte[] DecryptRaw(string encrypted)
    {
        using var aes = Aes.Create();
        aes.Key = Key;
        return aes.DecryptCbc(Convert.FromBase64String(encrypted), Key[..16], PaddingMode.None);
    }

    private static (string Xml, string AppId) Open(string encrypted)
    {
        var plain = DecryptRaw(encrypted);
        var unpadded = plain[..^plain[^1]];
        var length = BinaryPrimitives.ReadInt32BigEndian(unpadded.AsSpan(16, 4));
        return (Encoding.UTF8.GetString(unpadded, 20, length), Encoding.UTF8.GetString(unpadded[(20 + length)..]));
    }
}
