using Feedback.Application.Warnings;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Warnings;

/// <summary>Early warnings: the rules, the warnings and their moves, and the evaluation every minute.</summary>
public sealed class WarningFunctions(WarningEndpoints endpoints, WarningRun run)
{
    public const string Schedule = "0 * * * * *";

    [Function("EvaluateWarnings")]
    public async Task<int> Evaluate([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => (await run.RunAsync(ct)).Warnings.Count;

    [Allow(Access.ReadSettings)]
    [Function("WarningRulesGet")]
    public Task<IResult> GetRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.WarningRules)] HttpRequest request) =>
        endpoints.GetRulesAsync(request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("WarningRulesPut")]
    public Task<IResult> PutRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.WarningRules)] HttpRequest request) =>
        endpoints.PutRulesAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Supervise)]
    [Function("WarningsEvaluate")]
    public Task<IResult> EvaluateNow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.WarningsEvaluate)] HttpRequest request) =>
        endpoints.EvaluateAsync(request.HttpContext.RequestAborted);

    [Allow(Access.ReadTickets)]
    [Function("WarningsList")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Warnings)] HttpRequest request) =>
        endpoints.ListAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.ReadTickets)]
    [Function("WarningsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Warning)] HttpRequest request, string id) =>
        endpoints.GetAsync(id, request.HttpContext.RequestAborted);

    [Allow(Access.Supervise)]
    [Function("WarningsMove")]
    public Task<IResult> Move(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.WarningAction)] HttpRequest request, string id, string action) =>
        endpoints.MoveAsync(id, action, request, request.HttpContext.RequestAborted);
}
