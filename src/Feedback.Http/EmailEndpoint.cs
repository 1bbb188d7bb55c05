using Feedback.Application.Channels;
using Feedback.Application.Ports;
using Feedback.Application.Channels.Email;
using Feedback.Application.Intake;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// <c>POST /api/channels/email</c>: one raw message (<c>message/rfc822</c>) from the inbound-mail relay,
/// signed like every other channel. 202 for a new ticket; 200 for a known mail or a reply added to its ticket.
/// </summary>
public sealed class EmailEndpoint(EmailIntake email, ChannelGate gate)
{
    public const int MaxBody = 25 * 1024 * 1024;

    public Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct) =>
        gate.TrackAsync(ChannelNames.Email, () => ReceiveBodyAsync(request, ct));

    private async Task<IResult> ReceiveBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "message/rfc822", StringComparison.OrdinalIgnoreCase))
            return Responses.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Content-Type", "The body must be one raw message (Content-Type: message/rfc822).");
        var (body, problem) = await BoundedBody.ReadAsync(request, MaxBody, ct);
        if (problem is not null) return problem;
        if (gate.Unsigned(request, ChannelNames.Email, body!) is { } refused) return refused;

        var (mail, unusable) = await InboundEmail.ParseAsync(body!, ct);
        if (mail is null) return Responses.Field(StatusCodes.Status400BadRequest, "The body is not a usable e-mail.", unusable!);
        var outcome = await email.AcceptAsync(mail, ct);
        return Responses.From(outcome, o => Responses.Json(
            o.Intake.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            new { ticketNumber = o.Intake.Number, status = o.Intake.Status, duplicate = !o.Intake.Created && !o.Reply, reply = o.Reply, setAsideReason = o.Intake.SetAsideReason },
            Routes.TicketLocation(o.Intake.Number)));
    }
}
