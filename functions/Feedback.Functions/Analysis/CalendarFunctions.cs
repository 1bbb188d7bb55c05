using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Analysis;

public sealed class CalendarFunctions(CalendarEndpoints calendar)
{
    [Function("CalendarGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.Calendar)] HttpRequest request) =>
        calendar.GetAsync(request, request.HttpContext.RequestAborted);

    [Function("CalendarPut")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Prefix + "/" + Routes.Calendar)] HttpRequest request) =>
        calendar.PutAsync(request, request.HttpContext.RequestAborted);
}
