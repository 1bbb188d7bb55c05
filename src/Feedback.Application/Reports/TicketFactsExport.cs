using System.Globalization;
using System.Text;
using CsvHelper;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Calendars;
using Feedback.Domain.Reports;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Reports;

/// <summary>
/// One row per ticket (the <c>ticket_facts</c> table Power BI reads): times in ISO local time with their offset,
/// response and resolution minutes both elapsed and in working time over the business calendar, each SLA target
/// met or not, the verdict, the escalation level and whether it was reopened. The columns are a contract.
/// </summary>
public sealed class TicketFactsExport(ITicketQueries queries, Calendars.CalendarProvider calendars, IOptions<BusinessOptions> business)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "number", "channel", "status", "type", "nature", "sentiment", "urgency", "department", "owner", "tier", "topic",
        "received_at", "responded_at", "resolved_at", "closed_at",
        "response_minutes", "response_working_minutes", "resolution_minutes", "resolution_working_minutes",
        "response_met", "resolution_met", "follow_up_met", "satisfaction", "close_reason", "escalation_level", "reopened", "reopens",
    ];

    /// <summary>The tickets received on the business days [from, to), as CSV in UTF-8 with a BOM (Excel opens it as such).</summary>
    public async Task WriteCsvAsync(DateOnly from, DateOnly to, Stream output, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        var zone = business.Value.Zone;
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var fact in queries.ReadFactsAsync(Start(from, zone), Start(to, zone), ct))
        {
            foreach (var value in Row(fact, calendar, zone)) csv.WriteField(value);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>The same rows keyed by column, for a store to keep (the ticket_facts of the reports container).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadRowsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        var zone = business.Value.Zone;
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        await foreach (var fact in queries.ReadFactsAsync(Start(from, zone), Start(to, zone), ct))
            rows.Add(Columns.Zip(Row(fact, calendar, zone)).ToDictionary(p => p.First, p => p.Second));
        return rows;
    }

    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static IEnumerable<string?> Row(TicketFact f, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        string? Local(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) : null;
        string? Minutes(DateTimeOffset? end) => end is { } e ? ((e - f.ReceivedAt).TotalMinutes).ToString("0.#", CultureInfo.InvariantCulture) : null;
        string? Working(DateTimeOffset? end) => end is { } e ? calendar.WorkingTimeBetween(f.ReceivedAt, e).TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) : null;
        string? Met(DateTimeOffset? at, DateTimeOffset? due) => due is null || at is null ? null : at <= due ? "true" : "false";
        return
        [
            f.Number, f.Channel, f.Status, f.Type, f.Nature, f.Sentiment, f.Urgency, f.Department, f.Owner, f.Tier, f.Topic,
            Local(f.ReceivedAt), Local(f.RespondedAt), Local(f.ResolvedAt), Local(f.ClosedAt),
            Minutes(f.RespondedAt), Working(f.RespondedAt), Minutes(f.ResolvedAt), Working(f.ResolvedAt),
            Met(f.RespondedAt, f.RespondBy), Met(f.ResolvedAt, f.ResolveBy), Met(f.FollowedUpAt, f.FollowUpBy),
            f.Satisfaction, f.CloseReason, f.EscalationLevel.ToString(CultureInfo.InvariantCulture), f.Reopens > 0 ? "true" : "false",
            f.Reopens.ToString(CultureInfo.InvariantCulture),
        ];
    }
}
