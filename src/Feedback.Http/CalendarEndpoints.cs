using System.Globalization;
using Feedback.Application.Calendars;
using Feedback.Domain.Calendars;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET/PUT /api/sla/calendar</c>: the business calendar by day, and the company's own days edited as data.</summary>
public sealed class CalendarEndpoints(CalendarProvider calendars, PolicyChanges changes)
{
    public const int MaxDays = 400;

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken ct)
    {
        var (from, fromError) = Date(request, "from");
        if (fromError is not null) return fromError;
        var (to, toError) = Date(request, "to");
        if (toError is not null) return toError;
        if (to < from) return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", "'to' must not be before 'from'.");
        if (to.DayNumber - from.DayNumber >= MaxDays)
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "to", $"Ask for at most {MaxDays} days at once.");

        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => calendar.Day(from.AddDays(i)));
        return Responses.Json(StatusCodes.Status200OK, new
        {
            timeZone = calendar.Zone.Id,
            // Days of a year whose official notice is not out yet are only weekdays and weekends.
            officialYearsMissing = Enumerable.Range(from.Year, to.Year - from.Year + 1).Where(y => !calendar.YearsCovered.Contains(y)),
            days = days.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = Kind(d.Kind), name = d.Name, hours = WorkingPeriods.Format(d.Hours) }),
            custom = calendars.CustomDays.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Name, d.IsOffDay }),
        });
    }

    public Task<IResult> PutAsync(HttpRequest request, CancellationToken ct) =>
        changes.ReplaceAsync(request, "sla/calendar", (CustomDaysDocument d) => calendars.ReplaceCustomAsync(d, ct),
            _ => Responses.Json(StatusCodes.Status200OK, new { custom = calendars.CustomDays.Count }), ct);

    private static (DateOnly, IResult?) Date(HttpRequest request, string name) =>
        DateOnly.TryParseExact(request.Query[name].FirstOrDefault(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (default, Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", name, $"'{name}' is required: a date like 2025-10-01."));

    private static string Kind(DayKind kind) => kind switch
    {
        DayKind.Workday => "workday",
        DayKind.Weekend => "weekend",
        DayKind.Holiday => "holiday",
        _ => "makeup-workday",
    };
}
