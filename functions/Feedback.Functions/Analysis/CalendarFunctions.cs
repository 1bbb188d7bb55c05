using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Analysis;

public sealed class CalendarFunctions(CalendarEndpoints calendar)
{
    [Allow(Access.ReadSettings)]
    [Function("CalendarGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Calendar)] HttpRequest request) =>
        calendar.GetAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("CalendarPut")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Prefix + "/" + Routes.Calendar)] HttpRequest request) =>
        calendar.PutAsync(request, request.HttpContext.RequestAborted);
}
