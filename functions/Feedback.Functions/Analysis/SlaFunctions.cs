using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Analysis;

/// <summary>The SLA policy, the routing rules and the SLA event feed.</summary>
public sealed class SlaFunctions(InvocationWorkflows bound, SlaEndpoints sla)
{
    [Allow(Access.ReadSettings)]
    [Function("SlaPolicyGet")]
    public Task<IResult> GetPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.SlaPolicy)] HttpRequest request) =>
        sla.GetPolicyAsync(request.HttpContext.RequestAborted);

    /// <summary>With ?recompute=true every open ticket's workflow hears of its new plan, through this invocation's client.</summary>
    [Allow(Access.Administer)]
    [Function("SlaPolicyPut")]
    public Task<IResult> PutPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.SlaPolicy)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => sla.PutPolicyAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Supervise)]
    [Function("SlaEventsList")]
    public Task<IResult> Events(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.SlaEvents)] HttpRequest request) =>
        sla.ListEventsAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.ReadSettings)]
    [Function("RoutingGet")]
    public Task<IResult> GetRouting(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Routing)] HttpRequest request) =>
        sla.GetRoutingAsync(request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("RoutingPut")]
    public Task<IResult> PutRouting(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.Routing)] HttpRequest request) =>
        sla.PutRoutingAsync(request, request.HttpContext.RequestAborted);
}
