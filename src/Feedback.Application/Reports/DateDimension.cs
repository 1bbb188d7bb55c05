using System.Globalization;
using System.Text;
using CsvHelper;
using Feedback.Domain.Calendars;

namespace Feedback.Application.Reports;

/// <summary>
/// The date dimension Power BI joins the facts on: one row per day with its ISO week, month and the business
/// calendar's verdict (workday, weekend, holiday, make-up working day) and the holiday's name.
/// </summary>
public sealed class DateDimension(Calendars.CalendarProvider calendars)
{
    public static readonly IReadOnlyList<string> Columns =
        ["date", "year", "quarter", "month", "iso_year", "iso_week", "weekday", "kind", "is_workday", "is_holiday", "is_makeup_workday", "holiday_name", "working_minutes"];

    public async Task WriteCsvAsync(DateOnly from, DateOnly to, Stream output, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var c in Columns) csv.WriteField(c);
        await csv.NextRecordAsync();
        for (var d = from; d < to; d = d.AddDays(1))
        {
            var day = calendar.Day(d);
            var date = d.ToDateTime(TimeOnly.MinValue);
            var minutes = day.Hours.Sum(h => (h.End - h.Start).TotalMinutes);
            foreach (var value in new object?[]
            {
                d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Year, (d.Month - 1) / 3 + 1, d.Month,
                ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date), (int)d.DayOfWeek == 0 ? 7 : (int)d.DayOfWeek,
                Kind(day.Kind), day.Kind is DayKind.Workday or DayKind.MakeupWorkday ? "true" : "false",
                day.Kind == DayKind.Holiday ? "true" : "false", day.Kind == DayKind.MakeupWorkday ? "true" : "false", day.Name, minutes,
            })
                csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }
    }

    private static string Kind(DayKind kind) => kind switch
    {
        DayKind.MakeupWorkday => "makeup-workday",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
