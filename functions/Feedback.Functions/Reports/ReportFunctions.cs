using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Reports;

/// <summary>Report exports.</summary>
public sealed class ReportFunctions(ReportEndpoints reports, Feedback.Application.Reports.ReportService service, DashboardEndpoints dashboard)
{
    // The page and its scripts carry no data; the API it reads keeps its keys.
    [Allow(Access.Public)]
    [Function("Dashboard")]
    public IResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Dashboard)] HttpRequest request) => dashboard.Page();

    [Allow(Access.Public)]
    [Function("DashboardAsset")]
    public IResult DashboardAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DashboardAsset)] HttpRequest request, string file) =>
        dashboard.Asset(file);

    /// <summary>Hourly: the daily brief (by 08:30), the weekly and the monthly report, each once its time has come, and any missed.</summary>
    public const string Schedule = "0 5 * * * *";

    [Function("ScheduledReports")]
    public async Task<int> Scheduled([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => (await service.CatchUpAsync(ct)).Count;

    [Allow(Access.Analyse)]
    [Function("ReportsGet")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Report)] HttpRequest request, string kind, string period) =>
        reports.GetAsync(kind, period, request, request.HttpContext.RequestAborted);

    [Allow(Access.Analyse)]
    [Function("ReportsDatesCsv")]
    public IResult DatesCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.DatesCsv)] HttpRequest request) =>
        reports.DatesCsv(request);

    [Allow(Access.Analyse)]
    [Function("ReportsTicketsCsv")]
    public Task<IResult> TicketsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.TicketsCsv)] HttpRequest request) =>
        reports.TicketsCsv(request);
}
