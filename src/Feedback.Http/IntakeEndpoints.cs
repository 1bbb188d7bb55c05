using Feedback.Application.Channels;
using Feedback.Application.Intake;
using Feedback.Application.Tickets;
using Microsoft.Extensions.Options;
using Feedback.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Feedback.Http;

/// <summary>The channel webhooks. 202 with the new ticket, or 200 with the ticket a duplicate belongs to.</summary>
public sealed class IntakeEndpoints(IntakeService intake, TicketCommands commands, IOptionsMonitor<ChannelOptions> channels, TimeProvider time)
{
    public async Task<IResult> WebFormAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken ct)
    {
        var (submission, problem) = await JsonBody.ReadAsync<WebFormSubmission>(request, ct);
        if (problem is not null) return problem;
        return Accepted(await intake.AcceptWebFormAsync(submission!, new DurableTicketWorkflows(workflows), ct));
    }

    public Task<IResult> HotlineAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken ct) =>
        SignedAsync<HotlineCall>(request, ChannelNames.Hotline, workflows, call => call.ToSubmission(), ct);

    public Task<IResult> SocialAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken ct) =>
        SignedAsync<SocialMention>(request, ChannelNames.Social, workflows, mention => mention.ToSubmission(), ct);

    /// <summary>A survey answer rates its ticket (200, or 404 for an unknown one), or is new feedback (202).</summary>
    public async Task<IResult> SurveyAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken ct)
    {
        var (answer, problem) = await ReadSignedAsync<SurveyAnswer>(request, ChannelNames.Survey, ct);
        if (problem is not null) return problem;
        var errors = answer!.Validate();
        if (errors.Any) return Responses.Problem(StatusCodes.Status400BadRequest, "One or more fields are invalid.", null, errors.ToDictionary());
        if (!answer.RatesATicket)
            return Accepted(await intake.AcceptAsync(answer.ToSubmission(), new DurableTicketWorkflows(workflows), ct));
        var number = answer.TicketNumber!.Trim();
        var rated = await commands.RateAsync(number, answer.Level!, answer.ResponseId!.Trim(), ct);
        return Responses.From(rated, r => Responses.Json(StatusCodes.Status200OK,
            new { ticketNumber = number, satisfaction = r.Ticket.Satisfaction, duplicate = !r.Changed }, Routes.TicketLocation(number)));
    }

    /// <summary>The path of every signed JSON channel: bounded body, signature, parse, the channel's own mapping, intake.</summary>
    private async Task<IResult> SignedAsync<T>(
        HttpRequest request, string channel, DurableTaskClient workflows,
        Func<T, Application.Common.Outcome<Submission>> map, CancellationToken ct) where T : class
    {
        var (item, problem) = await ReadSignedAsync<T>(request, channel, ct);
        if (problem is not null) return problem;
        var submission = map(item!);
        if (submission.Kind != Application.Common.OutcomeKind.Ok)
            return Responses.From(submission, _ => Results.Empty);
        return Accepted(await intake.AcceptAsync(submission.Value!, new DurableTicketWorkflows(workflows), ct));
    }

    /// <summary>A bounded JSON body whose signature is checked on the exact bytes before it is parsed.</summary>
    private async Task<(T? Value, IResult? Problem)> ReadSignedAsync<T>(HttpRequest request, string channel, CancellationToken ct) where T : class
    {
        var (body, problem) = await JsonBody.ReadBytesAsync(request, ct);
        if (problem is not null) return (null, problem);
        if (Unsigned(request, channel, body!) is { } refused) return (null, refused);
        return JsonBody.Parse<T>(body!);
    }

    /// <summary>401 unless the request carries a valid, fresh signature of this exact body.</summary>
    private IResult? Unsigned(HttpRequest request, string channel, byte[] body)
    {
        var check = WebhookSignature.Verify(channels.CurrentValue.SecretOf(channel),
            request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body, time.GetUtcNow());
        return check switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.Stale => Responses.Field(StatusCodes.Status401Unauthorized, "The request is too old or from the future.",
                WebhookSignature.TimestampHeader, "The timestamp must be within five minutes of now."),
            SignatureCheck.NoSecret => Responses.Field(StatusCodes.Status401Unauthorized, "This channel takes no requests yet.",
                WebhookSignature.SignatureHeader, $"No secret is configured for the '{channel}' channel (Channels:Secrets:{channel})."),
            _ => Responses.Field(StatusCodes.Status401Unauthorized, "The signature is missing or wrong.",
                WebhookSignature.SignatureHeader, "Sign 'timestamp.body' with HMAC-SHA256 and the channel's secret: sha256=<hex>."),
        };
    }

    private static IResult Accepted(Application.Common.Outcome<Application.Ports.IntakeOutcome> outcome) =>
        Responses.From(outcome, o => Responses.Json(
            o.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            new { ticketNumber = o.Number, status = o.Status, duplicate = !o.Created },
            Routes.TicketLocation(o.Number)));
}
