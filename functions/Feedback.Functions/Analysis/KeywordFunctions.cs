using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Analysis;

public sealed class KeywordFunctions(KeywordEndpoints keywords)
{
    [Function("KeywordsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Keywords)] HttpRequest request) =>
        keywords.GetAsync(request.HttpContext.RequestAborted);

    [Function("KeywordsPut")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Prefix + "/" + Routes.Keywords)] HttpRequest request) =>
        keywords.PutAsync(request, request.HttpContext.RequestAborted);
}
