using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Tickets;

public sealed class TicketFunctions(InvocationWorkflows bound, TicketEndpoints tickets, EventEndpoints events, AttachmentEndpoints attachments)
{
    [Allow(Access.ReadTickets)]
    [Function("TicketsList")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Tickets)] HttpRequest request) =>
        tickets.ListAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.ReadTickets)]
    [Function("TicketsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Ticket)] HttpRequest request, string number) =>
        tickets.GetAsync(number, request, request.HttpContext.RequestAborted);

    [Allow(Access.Contacts)]
    [Function("AttachmentsGet")]
    public Task<IResult> Attachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Attachment)] HttpRequest request, string id) =>
        attachments.GetAsync(id, request.HttpContext.Response, request.HttpContext.RequestAborted);

    [Allow(Access.Act)]
    [Function("TicketsRespond")]
    public Task<IResult> Respond(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Respond)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.RespondAsync(request, number, request.HttpContext.RequestAborted));

    [Allow(Access.Act)]
    [Function("TicketsResolve")]
    public Task<IResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Resolve)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ResolveAsync(request, number, request.HttpContext.RequestAborted));

    [Allow(Access.Analyse)]
    [Function("EventsList")]
    public Task<IResult> Events(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Events)] HttpRequest request) =>
        events.ListAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Act)]
    [Function("TicketsWait")]
    public Task<IResult> Wait(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Wait)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.WaitAsync(request, number, request.HttpContext.RequestAborted));

    [Allow(Access.Act)]
    [Function("TicketsResume")]
    public Task<IResult> Resume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Resume)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ResumeAsync(request, number, request.HttpContext.RequestAborted));

    [Allow(Access.Supervise)]
    [Function("TicketsAssign")]
    public Task<IResult> Assign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Assign)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.AssignAsync(request, number, request.HttpContext.RequestAborted));

    [Allow(Access.Act)]
    [Function("TicketsReopen")]
    public Task<IResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Reopen)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => tickets.ReopenAsync(request, number, request.HttpContext.RequestAborted));
}
