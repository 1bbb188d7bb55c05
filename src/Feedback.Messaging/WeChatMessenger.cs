using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Application.Channels;
using Feedback.Application.Ports;
using Microsoft.Extensions.Options;

namespace Feedback.Messaging;

/// <summary>The <c>Channels:WeChat</c> settings the customer-service API needs beyond the webhook's.</summary>
public sealed class WeChatApiOptions
{
    public string? AppId { get; set; }

    /// <summary>The official account's AppSecret (开发者密码); unset, WeChat customers get a contact task instead.</summary>
    public string? AppSecret { get; set; }
    public string ApiBase { get; set; } = "https://api.weixin.qq.com";
}

/// <summary>
/// Sends a text through the official account's customer-service message API (客服消息, <c>message/custom/send</c>).
/// The access token is fetched from <c>cgi-bin/token</c>, kept until five minutes before it expires, and fetched
/// again at once when WeChat says it is invalid or expired (40001, 40014, 42001). 45015 (the customer has not
/// written within the 48-hour window), 45047 (too many messages since), 43004 (unfollowed) and 40003 (unknown
/// OpenID) are refusals for good; -1 (system busy) and HTTP failures are transient and thrown.
/// </summary>
public sealed class WeChatMessenger(IHttpClientFactory clients, IOptions<WeChatApiOptions> options, TimeProvider time) : ICustomerMessenger
{
    public const string HttpClientName = "wechat";

    private static readonly int[] TokenErrors = [40001, 40014, 42001];
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset Until)? _token;

    public string Route => ChannelNames.WeChat;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.AppId) && !string.IsNullOrWhiteSpace(options.Value.AppSecret);

    public async Task<Delivery> SendAsync(Recipient to, CustomerMessage message, CancellationToken ct)
    {
        var body = new SendBody(to.Address, "text", new TextBody(message.Text));
        using var http = clients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            if (await TokenAsync(http, refresh: attempt > 0, ct) is not { } token) return Delivery.Refused(_tokenFailure ?? "no access token");
            using var response = await http.PostAsJsonAsync($"{Base}/cgi-bin/message/custom/send?access_token={Uri.EscapeDataString(token)}", body, Json, ct);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ApiAnswer>(Json, ct) ?? new ApiAnswer(-1, "empty answer", null, null, null);
            switch (answer.ErrCode ?? 0)
            {
                case 0: return new Delivery(true, "ok", answer.MsgId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                case var code when TokenErrors.Contains(code) && attempt == 0: continue;
                case -1: throw new HttpRequestException($"WeChat -1: {answer.ErrMsg} (system busy)");
                case 45015: return Delivery.Refused($"45015: reply window expired: the customer has not written within 48 hours ({answer.ErrMsg})");
                case 45047: return Delivery.Refused($"45047: too many messages since the customer last wrote ({answer.ErrMsg})");
                case 43004: return Delivery.Refused($"43004: the customer no longer follows the account ({answer.ErrMsg})");
                case 40003: return Delivery.Refused($"40003: unknown OpenID ({answer.ErrMsg})");
                case var code: return Delivery.Refused($"{code}: {answer.ErrMsg}");
            }
        }
    }

    private string? _tokenFailure;

    private string Base => options.Value.ApiBase.TrimEnd('/');

    /// <summary>The cached token, or a new one; null (with <see cref="_tokenFailure"/>) when WeChat refuses the AppId or secret.</summary>
    private async Task<string?> TokenAsync(HttpClient http, bool refresh, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!refresh && _token is { } cached && cached.Until > now) return cached.Token;
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (!refresh && _token is { } again && again.Until > now) return again.Token;
            var o = options.Value;
            var url = $"{Base}/cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(o.AppId!)}&secret={Uri.EscapeDataString(o.AppSecret!)}";
            using var response = await http.GetAsync(url, ct);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ApiAnswer>(Json, ct);
            if (answer?.AccessToken is not { Length: > 0 } token)
            {
                if (answer?.ErrCode == -1) throw new HttpRequestException($"WeChat -1: {answer.ErrMsg} (system busy)");
                _tokenFailure = $"token {answer?.ErrCode}: {answer?.ErrMsg}";
                return null;
            }
            // Five minutes early: a token used near its end may expire in flight.
            _token = (token, now + TimeSpan.FromSeconds(Math.Max(60, (answer.ExpiresIn ?? 7200) - 300)));
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record SendBody(string Touser, string Msgtype, TextBody Text);

    private sealed record TextBody(string Content);

    private sealed record ApiAnswer(
        [property: JsonPropertyName("errcode")] int? ErrCode, [property: JsonPropertyName("errmsg")] string? ErrMsg,
        string? AccessToken, int? ExpiresIn, [property: JsonPropertyName("msgid")] long? MsgId);
}
