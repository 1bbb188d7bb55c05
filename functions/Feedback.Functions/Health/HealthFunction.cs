using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Health;

public sealed class HealthFunction(InvocationWorkflows bound, HealthEndpoint health)
{
    [Allow(Access.Public)]
    [Function("Health")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows) =>
        bound.With(workflows, () => health.CheckAsync(request.HttpContext.RequestAborted));
}
