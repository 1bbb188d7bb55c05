using Feedback.Application.Channels.Survey;
using Feedback.Application.Channels.Social;
using Feedback.Application.Channels.WebForm;
using Feedback.Application.Channels.Hotline;
using Feedback.Application.Ports;
using Feedback.Application.Channels;
using Feedback.Application.Intake;
using Feedback.Application.Tickets;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>The channel webhooks. 202 with the new ticket, or 200 with the ticket a duplicate belongs to.</summary>
public sealed class IntakeEndpoints(IntakeService intake, Application.ClosedLoop.SatisfactionCommands satisfaction, ChannelGate gate, WebFormUpload upload, Security.PublicLimits limits)
{
    public Task<IResult> WebFormAsync(HttpRequest request, CancellationToken ct) =>
        gate.TrackAsync(ChannelNames.WebForm, () => WebFormBodyAsync(request, ct));

    private async Task<IResult> WebFormBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (WebFormUpload.IsMultipart(request))
        {
            var (withScreenshot, refused) = await upload.ReadAsync(request, ct);
            if (refused is not null) return refused;
            if (limits.CheckContact(withScreenshot!.Contact ?? withScreenshot.CustomerId) is { } tooMany) return tooMany;
            return Accepted(await intake.AcceptAsync(withScreenshot, ct));
        }
        var (submission, problem) = await JsonBody.ReadAsync<WebFormSubmission>(request, ct);
        if (problem is not null) return problem;
        // Checked once the item is read and before it is stored: a refused item was never acknowledged.
        if (limits.CheckContact(submission!.Contact ?? submission.CustomerId) is { } limited) return limited;
        return Accepted(await intake.AcceptWebFormAsync(submission, ct));
    }

    public Task<IResult> HotlineAsync(HttpRequest request, CancellationToken ct) =>
        gate.TrackAsync(ChannelNames.Hotline, () => HotlineBodyAsync(request, ct));

    /// <summary>A call record opens a ticket; a callback's key press (with the ticket's number) is that ticket's verdict.</summary>
    private async Task<IResult> HotlineBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var (call, problem) = await gate.ReadSignedJsonAsync<HotlineCall>(request, ChannelNames.Hotline, JsonBody.DefaultLimit, ct);
        if (problem is not null) return problem;
        if (call!.TicketNumber is null) return await MapAndAcceptAsync(call.ToSubmission(), ct);
        var (number, key, errors) = call.ToVerdict();
        if (errors.Any) return Responses.Invalid(errors);
        var rated = await satisfaction.RecordAsync(number!, Domain.ClosedLoop.Satisfaction.Parse(key)!, null, ChannelNames.Hotline, call.CallId!.Trim(), ct);
        return Responses.From(rated, r => Responses.Json(StatusCodes.Status200OK,
            new { ticketNumber = number, satisfaction = r.Ticket.Satisfaction, status = r.Ticket.Status, duplicate = !r.Changed }, Routes.TicketLocation(number!)));
    }

    public Task<IResult> SocialAsync(HttpRequest request, CancellationToken ct) =>
        SignedAsync<SocialMention>(request, ChannelNames.Social, mention => mention.ToSubmission(), ct);

    /// <summary>A survey answer rates its ticket (200, or 404 for an unknown one), or is new feedback (202).</summary>
    public Task<IResult> SurveyAsync(HttpRequest request, CancellationToken ct) =>
        gate.TrackAsync(ChannelNames.Survey, () => SurveyBodyAsync(request, ct));

    private async Task<IResult> SurveyBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var (answer, problem) = await gate.ReadSignedJsonAsync<SurveyAnswer>(request, ChannelNames.Survey, JsonBody.DefaultLimit, ct);
        if (problem is not null) return problem;
        var errors = answer!.Validate();
        if (errors.Any) return Responses.Invalid(errors);
        if (!answer.RatesATicket)
            return Accepted(await intake.AcceptAsync(answer.ToSubmission(), ct));
        var number = answer.TicketNumber!.Trim();
        var rated = await satisfaction.RecordAsync(number, answer.Level!, string.IsNullOrWhiteSpace(answer.Text) ? null : answer.Text.Trim(), ChannelNames.Survey, answer.ResponseId!.Trim(), ct);
        return Responses.From(rated, r => Responses.Json(StatusCodes.Status200OK,
            new { ticketNumber = number, satisfaction = r.Ticket.Satisfaction, duplicate = !r.Changed }, Routes.TicketLocation(number)));
    }

    /// <summary>The path of every signed JSON channel: bounded body, signature, parse, the channel's own mapping, intake.</summary>
    private Task<IResult> SignedAsync<T>(
        HttpRequest request, string channel, Func<T, Application.Common.Outcome<Submission>> map, CancellationToken ct) where T : class =>
        gate.TrackAsync(channel, () => SignedBodyAsync(request, channel, map, ct));

    private async Task<IResult> SignedBodyAsync<T>(
        HttpRequest request, string channel, Func<T, Application.Common.Outcome<Submission>> map, CancellationToken ct) where T : class
    {
        var (item, problem) = await gate.ReadSignedJsonAsync<T>(request, channel, JsonBody.DefaultLimit, ct);
        if (problem is not null) return problem;
        return await MapAndAcceptAsync(map(item!), ct);
    }

    private async Task<IResult> MapAndAcceptAsync(Application.Common.Outcome<Submission> submission, CancellationToken ct)
    {
        if (submission.Kind != Application.Common.OutcomeKind.Ok)
            return Responses.From(submission, _ => Results.Empty);
        return Accepted(await intake.AcceptAsync(submission.Value!, ct));
    }

    private static IResult Accepted(Application.Common.Outcome<Application.Ports.IntakeOutcome> outcome) => ChannelGate.Accepted(outcome);
}
