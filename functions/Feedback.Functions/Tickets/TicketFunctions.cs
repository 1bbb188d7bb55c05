using Feedback.Functions.Workflows;
using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Tickets;

public sealed class TicketFunctions(InvocationWorkflows bound, TicketEndpoints tickets, EventEndpoints events, AttachmentEndpoints attachments)
{
    [Function("TicketsList")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Tickets)] HttpRequest request) =>
        tickets.ListAsync(request, request.HttpContext.RequestAborted);

    [Function("TicketsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Ticket)] HttpRequest request, string number) =>
        tickets.GetAsync(number, request.HttpContext.RequestAborted);

    [Function("AttachmentsGet")]
    public Task<IResult> Attachment(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Attachment)] HttpRequest request, string id) =>
        attachments.GetAsync(id, request.HttpContext.Response, request.HttpContext.RequestAborted);

    [Function("TicketsRespond")]
    public Task<IResult> Respond(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Respond)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.RespondAsync(request, number, request.HttpContext.RequestAborted));

    [Function("TicketsResolve")]
    public Task<IResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Resolve)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ResolveAsync(request, number, request.HttpContext.RequestAborted));

    [Function("EventsList")]
    public Task<IResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Events)] HttpRequest request) =>
        events.ListAsync(request, request.HttpContext.RequestAborted);

    [Function("TicketsWait")]
    public Task<IResult> Wait(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Wait)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.WaitAsync(request, number, request.HttpContext.RequestAborted));

    [Function("TicketsResume")]
    public Task<IResult> Resume(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Resume)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ResumeAsync(request, number, request.HttpContext.RequestAborted));

    [Function("TicketsAssign")]
    public Task<IResult> Assign(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Assign)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.AssignAsync(request, number, request.HttpContext.RequestAborted));

    [Function("TicketsReopen")]
    public Task<IResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Reopen)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ReopenAsync(request, number, request.HttpContext.RequestAborted));
}
