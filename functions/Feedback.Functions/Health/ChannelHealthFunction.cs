using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Health;

public sealed class ChannelHealthFunction(ChannelHealthEndpoint health)
{
    [Allow(Access.ReadTickets)]
    [Function("ChannelHealth")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.ChannelHealth)] HttpRequest request) =>
        health.GetAsync(request.HttpContext.RequestAborted);
}
