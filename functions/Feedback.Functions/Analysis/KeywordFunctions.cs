using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Analysis;

public sealed class KeywordFunctions(KeywordEndpoints keywords)
{
    [Allow(Access.ReadSettings)]
    [Function("KeywordsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Keywords)] HttpRequest request) =>
        keywords.GetAsync(request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("KeywordsPut")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.Keywords)] HttpRequest request) =>
        keywords.PutAsync(request, request.HttpContext.RequestAborted);
}
