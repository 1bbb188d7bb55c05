using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Intake;

public sealed class IntakeFunctions(IntakeEndpoints intake)
{
    [Function("IntakeWebForm")]
    public Task<IResult> WebForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.WebForm)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        intake.WebFormAsync(request, workflows, request.HttpContext.RequestAborted);

    [Function("IntakeHotline")]
    public Task<IResult> Hotline(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Hotline)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        intake.HotlineAsync(request, workflows, request.HttpContext.RequestAborted);

    [Function("IntakeSocial")]
    public Task<IResult> Social(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Social)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        intake.SocialAsync(request, workflows, request.HttpContext.RequestAborted);

    [Function("IntakeSurvey")]
    public Task<IResult> Survey(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Survey)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        intake.SurveyAsync(request, workflows, request.HttpContext.RequestAborted);
}
