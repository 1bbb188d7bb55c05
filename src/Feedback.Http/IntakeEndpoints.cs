using Feedback.Application.Intake;
using Feedback.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Feedback.Http;

/// <summary>The channel webhooks. 202 with the new ticket, or 200 with the ticket a duplicate belongs to.</summary>
public sealed class IntakeEndpoints(IntakeService intake)
{
    public async Task<IResult> WebFormAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken ct)
    {
        var (submission, problem) = await JsonBody.ReadAsync<WebFormSubmission>(request, ct);
        if (problem is not null) return problem;
        var outcome = await intake.AcceptWebFormAsync(submission!, new DurableTicketWorkflows(workflows), ct);
        return Responses.From(outcome, o => Responses.Json(
            o.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            new { ticketNumber = o.Number, status = o.Status, duplicate = !o.Created },
            Routes.TicketLocation(o.Number)));
    }
}
