using Feedback.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Reports;

/// <summary>Report exports.</summary>
public sealed class ReportFunctions(ReportEndpoints reports)
{
    [Function("ReportsTicketsCsv")]
    public IResult TicketsCsv(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Prefix + "/" + Routes.TicketsCsv)] HttpRequest request) =>
        reports.TicketsCsv(request);
}
