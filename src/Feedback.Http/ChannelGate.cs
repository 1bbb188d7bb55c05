using Feedback.Application.Channels.Signing;
using Feedback.Application.Monitoring;
using Feedback.Application.Channels;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Feedback.Http;

/// <summary>What every channel endpoint shares: the signature check, the counting of arrivals and rejections, the accepted answer.</summary>
public sealed class ChannelGate(ChannelHealth health, IOptionsMonitor<ChannelOptions> channels, TimeProvider time)
{
    /// <summary>Counts the arrival and, if the answer is a refusal, its reason and the fields that were missing.</summary>
    public async Task<IResult> TrackAsync(string channel, Func<Task<IResult>> handle)
    {
        health.Arrived(channel);
        var result = await handle();
        CountRefusal(channel, result);
        return result;
    }

    /// <summary>A whole request refused before its items could be counted one by one: one arrival, one rejection.</summary>
    public IResult Refused(string channel, IResult result)
    {
        health.Arrived(channel);
        CountRefusal(channel, result);
        return result;
    }

    /// <summary>A bounded JSON body whose signature is checked on the exact bytes before it is parsed.</summary>
    public async Task<(T? Value, IResult? Problem)> ReadSignedJsonAsync<T>(HttpRequest request, string channel, int limit, CancellationToken ct) where T : class
    {
        var (body, problem) = await JsonBody.ReadBytesAsync(request, ct, limit);
        if (problem is not null) return (null, problem);
        if (Unsigned(request, channel, body!) is { } refused) return (null, refused);
        return JsonBody.Parse<T>(body!);
    }

    private void CountRefusal(string channel, IResult result)
    {
        var (status, refusal) = Responses.Inspect(result);
        if (status < 400) return;
        var reason = refusal?.Reason?.Code() ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        health.Rejected(channel, reason, refusal?.Missing ?? []);
    }

    /// <summary>401 unless the request carries a valid, fresh signature of this exact body.</summary>
    public IResult? Unsigned(HttpRequest request, string channel, byte[] body)
    {
        var check = WebhookSignature.Verify(channels.CurrentValue.SecretOf(channel),
            request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body, time.GetUtcNow());
        return check switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.Stale => Responses.Field(StatusCodes.Status401Unauthorized, "The request is too old or from the future.",
                WebhookSignature.TimestampHeader, "The timestamp must be within five minutes of now.", RefusalReason.Stale),
            SignatureCheck.NoSecret => Responses.Field(StatusCodes.Status401Unauthorized, "This channel takes no requests yet.",
                WebhookSignature.SignatureHeader, $"No secret is configured for the '{channel}' channel (Channels:Secrets:{channel})."),
            _ => Responses.Field(StatusCodes.Status401Unauthorized, "The signature is missing or wrong.",
                WebhookSignature.SignatureHeader, "Sign 'timestamp.body' with HMAC-SHA256 and the channel's secret: sha256=<hex>."),
        };
    }

    public static IResult Accepted(Outcome<IntakeOutcome> outcome) =>
        Responses.From(outcome, o => Responses.Json(
            o.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            Body(o), Routes.TicketLocation(o.Number)));

    public static object Body(IntakeOutcome o) => o.SetAsideReason is { } reason
        ? new { ticketNumber = o.Number, status = o.Status, duplicate = !o.Created, setAsideReason = reason }
        : new { ticketNumber = o.Number, status = o.Status, duplicate = !o.Created };
}
