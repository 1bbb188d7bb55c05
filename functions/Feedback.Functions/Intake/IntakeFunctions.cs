using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Intake;

public sealed class IntakeFunctions(InvocationWorkflows bound, IntakeEndpoints intake, WeChatEndpoint wechat, ReviewsEndpoint reviews, EmailEndpoint email)
{
    [Allow(Access.Public, Limit = RateLimitPolicies.WebForm)]
    [Function("IntakeWebForm")]
    public Task<IResult> WebForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.WebForm)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => intake.WebFormAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Channel)]
    [Function("IntakeHotline")]
    public Task<IResult> Hotline(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Hotline)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => intake.HotlineAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Channel)]
    [Function("IntakeSocial")]
    public Task<IResult> Social(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Social)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => intake.SocialAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Channel)]
    [Function("IntakeSurvey")]
    public Task<IResult> Survey(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Survey)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => intake.SurveyAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Public, Limit = RateLimitPolicies.WeChat)]
    [Function("IntakeWeChatVerify")]
    public Task<IResult> WeChatVerify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.WeChat)] HttpRequest request) =>
        wechat.VerifyAsync(request);

    // Anonymous: the WeChat platform cannot send a Functions key; its own signature is checked instead.
    [Allow(Access.Public, Limit = RateLimitPolicies.WeChat)]
    [Function("IntakeWeChat")]
    public Task<IResult> WeChat(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.WeChat)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => wechat.ReceiveAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Channel)]
    [Function("IntakeReviews")]
    public Task<IResult> Reviews(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Reviews)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => reviews.ReceiveAsync(request, request.HttpContext.RequestAborted));

    [Allow(Access.Channel)]
    [Function("IntakeEmail")]
    public Task<IResult> Email(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Prefix + "/" + Routes.Email)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => email.ReceiveAsync(request, request.HttpContext.RequestAborted));
}
