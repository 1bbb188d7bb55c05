using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Health;

public sealed class ChannelHealthFunction(ChannelHealthEndpoint health)
{
    [Function("ChannelHealth")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.ChannelHealth)] HttpRequest request) =>
        health.GetAsync(request.HttpContext.RequestAborted);
}
