using Feedback.Application.Monitoring;
using Feedback.Application.Channels.Signing;
using Feedback.Application.Channels.WeChat;
using Feedback.Domain.Sla;
using Feedback.Application.Ports;
using System.Globalization;
using Feedback.Application.Channels;
using Feedback.Application.Common;
using Feedback.Application.Intake;
using Feedback.Domain.Tickets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Feedback.Http;

/// <summary>
/// <c>/api/channels/wechat</c>, the official account's server URL. GET is the platform's verification
/// handshake; POST is a pushed message, answered within the platform's 5 seconds with a passive reply
/// that names the ticket. The platform retries a message it got no answer for: MsgId makes that one ticket.
/// </summary>
public sealed class WeChatEndpoint(
    IntakeService intake, ChannelGate gate, ChannelHealth health, IOptionsMonitor<WeChatOptions> options,
    IOptions<BusinessOptions> business, Application.Sla.SlaPolicyProvider policies, Application.Calendars.CalendarProvider calendars, TimeProvider time,
    Security.PublicLimits limits)
{
    private const string Channel = ChannelNames.WeChat;

    /// <summary>The handshake is configuration, not an arrival: it is not counted.</summary>
    public Task<IResult> VerifyAsync(HttpRequest request)
    {
        var query = request.Query;
        var check = WeChatSignature.Verify(options.CurrentValue.Token, query["signature"], query["timestamp"], query["nonce"], time.GetUtcNow(), checkAge: false);
        if (check != SignatureCheck.Valid) return Task.FromResult(Refused(check));
        return Task.FromResult(Results.Text(query["echostr"].ToString(), "text/plain"));
    }

    public Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct) =>
        gate.TrackAsync(Channel, () => ReceiveBodyAsync(request, ct));

    private async Task<IResult> ReceiveBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, settings) = (request.Query, options.CurrentValue);
        var check = WeChatSignature.Verify(settings.Token, query["signature"], query["timestamp"], query["nonce"], time.GetUtcNow(), checkAge: true);
        if (check != SignatureCheck.Valid) return Refused(check);
        if (!IsXml(request.ContentType))
            return Responses.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Content-Type", "The body must be XML (text/xml).");
        var (body, tooLarge) = await BoundedBody.ReadAsync(request, WeChatMessage.MaxBody, ct);
        if (tooLarge is not null) return tooLarge;

        WeChatCrypto? crypto = null;
        if (Encrypted(query))
        {
            crypto = WeChatCrypto.From(settings);
            var (opened, problem) = Open(body!, query, settings.Token!, crypto);
            if (problem is not null) return problem;
            body = opened;
        }

        var (message, refused) = WeChatMessage.Parse(body!);
        if (message is null) return Responses.Field(StatusCodes.Status400BadRequest, "The message is not a WeChat push.", refused!);
        if (!message.IsFeedback)
        {
            health.Event(Channel);
            return Success();
        }
        if (limits.CheckContact("wechat:" + message.FromUserName) is { } limited) return limited;
        var outcome = await intake.AcceptAsync(message.ToSubmission(), ct);
        if (outcome.Kind != OutcomeKind.Ok) return Responses.From(outcome, _ => Results.Empty);
        if (outcome.Value!.Status == TicketStatus.SetAside) return Success();
        var reply = message.Reply(ReplyText(settings, outcome.Value.Number), time.GetUtcNow());
        if (crypto is not null)
            reply = crypto.Seal(reply, settings.Token!, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), query["nonce"]!);
        return Results.Text(reply, "text/xml", System.Text.Encoding.UTF8);
    }

    // 兼容模式 and 安全模式 both say so in the URL; 兼容模式's plaintext copy is ignored then.
    private static bool Encrypted(IQueryCollection query) => string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase);

    /// <summary>The push inside an encrypted envelope, once msg_signature proves the envelope is the platform's.</summary>
    private static (byte[]? Xml, IResult? Problem) Open(byte[] body, IQueryCollection query, string token, WeChatCrypto? crypto)
    {
        if (crypto is null)
            return (null, Responses.Field(StatusCodes.Status401Unauthorized, "This channel takes no encrypted messages yet.",
                "encrypt_type", "No EncodingAESKey and AppId are configured (Channels:WeChat:EncodingAesKey, Channels:WeChat:AppId)."));
        var (fields, refused) = WeChatMessage.ReadFields(body);
        if (fields is null) return (null, Responses.Field(StatusCodes.Status400BadRequest, "The message is not a WeChat push.", refused!));
        if (string.IsNullOrWhiteSpace(fields.GetValueOrDefault("Encrypt")))
            return (null, Responses.Field(StatusCodes.Status400BadRequest, "The message is not a WeChat push.", "Encrypt", "'Encrypt' is required when encrypt_type=aes.", missing: true));
        var encrypted = fields["Encrypt"];
        if (!WeChatSignature.Matches(query["msg_signature"], token, query["timestamp"]!, query["nonce"]!, encrypted))
            return (null, Responses.Field(StatusCodes.Status401Unauthorized, "The signature is missing or wrong.",
                "msg_signature", "'msg_signature' must be the SHA-1 of the token, timestamp, nonce and Encrypt, sorted and joined."));
        var (xml, failure) = crypto.Decrypt(encrypted);
        return xml is null
            ? (null, Responses.Field(StatusCodes.Status400BadRequest, "The message cannot be decrypted.", "Encrypt", failure!))
            : (xml, null);
    }

    private string ReplyText(WeChatOptions settings, string number)
    {
        // The promise must hold whatever triage decides, so it is the policy's latest response deadline.
        var replyBy = TimeZoneInfo.ConvertTime(policies.Current.LatestRespondBy(time.GetUtcNow(), calendars.Current), business.Value.Zone);
        return settings.ReplyTemplate
            .Replace("{ticketNumber}", number, StringComparison.Ordinal)
            .Replace("{replyBy}", replyBy.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // The platform's own word for "received, no reply".
    private static IResult Success() => Results.Text("success", "text/plain");

    private static IResult Refused(SignatureCheck check) => check switch
    {
        SignatureCheck.Stale => Responses.Field(StatusCodes.Status401Unauthorized, "The request is too old or from the future.",
            "timestamp", "The timestamp must be within five minutes of now.", RefusalReason.Stale),
        SignatureCheck.NoSecret => Responses.Field(StatusCodes.Status401Unauthorized, "This channel takes no requests yet.",
            "signature", "No token is configured for WeChat (Channels:WeChat:Token)."),
        _ => Responses.Field(StatusCodes.Status401Unauthorized, "The signature is missing or wrong.",
            "signature", "'signature' must be the SHA-1 of the token, timestamp and nonce, sorted and joined."),
    };

    private static bool IsXml(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true; // the platform has sent none at times; the parser decides
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("text/xml", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase);
    }
}
