using System.Globalization;
using Feedback.Application.Reports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Report exports: one row per ticket for a range of business days (<c>GET /api/reports/tickets.csv?from=&amp;to=</c>).</summary>
public sealed class ReportEndpoints(TicketFactsExport facts, ReportService reports, DateDimension dates, Application.Privacy.AuditTrail audit)
{
    /// <summary><c>GET /api/reports/dates.csv?from=&amp;to=</c>: the date dimension, one row per day.</summary>
    public IResult DatesCsv(HttpRequest request)
    {
        var (from, to, problem) = Range(request);
        if (problem is not null) return problem;
        return Results.Stream(stream => dates.WriteCsvAsync(from, to, stream, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8", $"dates-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    private static (DateOnly From, DateOnly To, IResult? Problem) Range(HttpRequest request)
    {
        if (!TryDay(request.Query["from"].FirstOrDefault(), out var from))
            return (default, default, Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "from", "'from' is required: the first day, yyyy-MM-dd.", missing: true));
        if (!TryDay(request.Query["to"].FirstOrDefault(), out var to) || to <= from)
            return (default, default, Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", "'to' is required: the day after the last, yyyy-MM-dd, after 'from'.", missing: true));
        if (to.DayNumber - from.DayNumber > MaxDays)
            return (default, default, Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", $"At most {MaxDays} days at once."));
        return (from, to, null);
    }

    /// <summary><c>GET /api/reports/{kind}/{period}</c>: JSON, <c>?format=csv</c> (flat rows, BOM) or <c>?format=md</c> (the brief).</summary>
    public async Task<IResult> GetAsync(string kind, string period, HttpRequest request, CancellationToken ct)
    {
        if (!Domain.Reports.ReportPeriod.Kinds.Contains(kind))
            return Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"'{kind}' is no report: daily, weekly or monthly.");
        if (Domain.Reports.ReportPeriod.Parse(kind, period) is not { } p)
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid period.", "period", "The period is yyyy-MM-dd (daily), yyyy-Www (weekly, ISO) or yyyy-MM (monthly).");
        var format = request.Query["format"].FirstOrDefault() ?? "json";
        if (format is not ("json" or "csv" or "md"))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "format", "'format' must be json, csv or md.");
        var report = await reports.GetAsync(p, ct);
        if (format != "json") await Exported(request, $"report:{kind}:{period}", format, ct);
        return format switch
        {
            "csv" => Results.Stream(s => ReportService.WriteCsvAsync(report, s, ct), "text/csv; charset=utf-8", $"{kind}-{period}.csv"),
            "md" => Results.Text(ReportService.Markdown(report), "text/markdown; charset=utf-8"),
            _ => Responses.Json(StatusCodes.Status200OK, report),
        };
    }

    public const int MaxDays = 400;

    public async Task<IResult> TicketsCsv(HttpRequest request)
    {
        var (from, to, problem) = Range(request);
        if (problem is not null) return problem;
        await Exported(request, "tickets.csv", $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}", request.HttpContext.RequestAborted);
        return Results.Stream(stream => facts.WriteCsvAsync(from, to, stream, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8", $"tickets-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    private Task Exported(HttpRequest request, string what, string detail, CancellationToken ct) =>
        audit.RecordAsync(Security.Callers.Of(request.HttpContext), Application.Privacy.AuditActions.Export, what, detail, ct);

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
