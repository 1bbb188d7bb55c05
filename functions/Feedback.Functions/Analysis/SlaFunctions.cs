using Feedback.Functions.Workflows;
using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Analysis;

/// <summary>The SLA policy, the routing rules and the SLA event feed.</summary>
public sealed class SlaFunctions(InvocationWorkflows bound, SlaEndpoints sla)
{
    [Function("SlaPolicyGet")]
    public Task<IResult> GetPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.SlaPolicy)] HttpRequest request) =>
        sla.GetPolicyAsync(request.HttpContext.RequestAborted);

    /// <summary>With ?recompute=true every open ticket's workflow hears of its new plan, through this invocation's client.</summary>
    [Function("SlaPolicyPut")]
    public Task<IResult> PutPolicy(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Prefix + "/" + Routes.SlaPolicy)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => sla.PutPolicyAsync(request, request.HttpContext.RequestAborted));

    [Function("SlaEventsList")]
    public Task<IResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.SlaEvents)] HttpRequest request) =>
        sla.ListEventsAsync(request, request.HttpContext.RequestAborted);

    [Function("RoutingGet")]
    public Task<IResult> GetRouting(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Routing)] HttpRequest request) =>
        sla.GetRoutingAsync(request.HttpContext.RequestAborted);

    [Function("RoutingPut")]
    public Task<IResult> PutRouting(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Prefix + "/" + Routes.Routing)] HttpRequest request) =>
        sla.PutRoutingAsync(request, request.HttpContext.RequestAborted);
}
