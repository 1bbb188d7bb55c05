using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.ClosedLoop;

/// <summary>The customer's satisfaction link and API, improvement actions and the root-cause lists.</summary>
public sealed class ClosedLoopFunctions(InvocationWorkflows bound, SatisfactionEndpoints satisfaction, ClosedLoopEndpoints loop)
{
    // Anonymous: customers open the link; the signed, one-time token is what is checked.
    [Allow(Access.Public, Limit = RateLimitPolicies.Link)]
    [Function("SatisfactionPage")]
    public Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SatisfactionPage)] HttpRequest request, string token) =>
        satisfaction.PageAsync(token, request.HttpContext.RequestAborted);

    [Allow(Access.Public, Limit = RateLimitPolicies.Link)]
    [Function("SatisfactionPageSubmit")]
    public Task<IResult> PageSubmit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SatisfactionPage)] HttpRequest request, string token,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => satisfaction.SubmitFormAsync(token, request, request.HttpContext.RequestAborted));

    [Allow(Access.Public, Limit = RateLimitPolicies.Link)]
    [Function("TicketsSatisfaction")]
    public Task<IResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Satisfaction)] HttpRequest request, string number,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => satisfaction.SubmitJsonAsync(number, request, request.HttpContext.RequestAborted));

    [Allow(Access.ReadSettings)]
    [Function("CausesGet")]
    public Task<IResult> GetCauses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Causes)] HttpRequest request) =>
        loop.GetCausesAsync(request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("CausesPut")]
    public Task<IResult> PutCauses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.Causes)] HttpRequest request) =>
        loop.PutCausesAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Act)]
    [Function("ImprovementsCreate")]
    public Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.Improvements)] HttpRequest request) =>
        loop.CreateAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.ReadTickets)]
    [Function("ImprovementsList")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Improvements)] HttpRequest request) =>
        loop.ListAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.ReadTickets)]
    [Function("ImprovementsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Improvement)] HttpRequest request, string id) =>
        loop.GetAsync(id, request.HttpContext.RequestAborted);

    [Allow(Access.Supervise)]
    [Function("ImprovementsMove")]
    public Task<IResult> Move(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.ImprovementAction)] HttpRequest request, string id, string action) =>
        loop.MoveAsync(id, action, request, request.HttpContext.RequestAborted);
}
