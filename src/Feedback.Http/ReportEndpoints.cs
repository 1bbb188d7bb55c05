using System.Globalization;
using Feedback.Application.Reports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>Report exports: one row per ticket for a range of business days (<c>GET /api/reports/tickets.csv?from=&amp;to=</c>).</summary>
public sealed class ReportEndpoints(TicketFactsExport facts)
{
    public const int MaxDays = 400;

    public IResult TicketsCsv(HttpRequest request)
    {
        if (!TryDay(request.Query["from"].FirstOrDefault(), out var from))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "from", "'from' is required: the first business day, yyyy-MM-dd.", missing: true);
        if (!TryDay(request.Query["to"].FirstOrDefault(), out var to) || to <= from)
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", "'to' is required: the day after the last, yyyy-MM-dd, after 'from'.", missing: true);
        if (to.DayNumber - from.DayNumber > MaxDays)
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", $"At most {MaxDays} days at once.");
        return Results.Stream(stream => facts.WriteCsvAsync(from, to, stream, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8", $"tickets-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
