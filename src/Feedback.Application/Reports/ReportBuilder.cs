using System.Globalization;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Reports;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Reports;

/// <summary>
/// Builds a period's report from the ticket facts (streamed, one pass) and the warning and improvement records:
/// volume and its trend, channel share, type, nature and sentiment, the top topics, urgent items, response and
/// resolution times (mean and percentiles, elapsed and working), first-contact resolution, resolution rate,
/// handling time, SLA met per target overall and per department and owner, satisfaction overall and by type,
/// warnings by level, open improvement actions, and the commonest complaint root causes. Flat rows only.
/// </summary>
public sealed class ReportBuilder(ITicketQueries queries, IRecordStore records, Calendars.CalendarProvider calendars, IOptions<BusinessOptions> business, TimeProvider time)
{
    public async Task<Report> BuildAsync(ReportPeriod period, CancellationToken ct)
    {
        await calendars.RefreshIfStaleAsync(ct);
        var calendar = calendars.Current;
        var zone = business.Value.Zone;
        var from = TicketFactsExport.Start(period.From, zone);
        var to = TicketFactsExport.Start(period.To, zone);
        var rows = new List<ReportRow>();
        var drillBase = $"/api/tickets?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}";
        // Every figure links to the tickets behind it: its own filter where the ticket list has one, else the period's tickets.
        void Add(string metric, string dimension, double value, string? drill = null) =>
            rows.Add(new ReportRow(period.Id, metric, dimension, Math.Round(value, 4)) { Drill = drill ?? drillBase });

        var facts = new List<TicketFact>();
        await foreach (var f in queries.ReadFactsAsync(from, to, ct)) if (f.Status != "SetAside") facts.Add(f);
        // The previous period is only counted, not read.
        var before = period.Previous();
        var previous = await queries.CountAsync(new TicketQuery
        {
            ReceivedFrom = TicketFactsExport.Start(before.From, zone), ReceivedTo = TicketFactsExport.Start(before.To, zone), ExcludeSetAside = true,
        }, time.GetUtcNow(), ct);

        Add("volume", "all", facts.Count, drillBase);
        Add("volume_previous", "all", previous);
        Add("volume_trend", "all", previous == 0 ? 0 : (facts.Count - previous) / (double)previous);
        foreach (var g in facts.GroupBy(f => f.Channel).OrderBy(g => g.Key))
        {
            Add("volume", $"channel:{g.Key}", g.Count(), $"{drillBase}&channel={g.Key}");
            Add("share", $"channel:{g.Key}", Share(g.Count(), facts.Count));
        }
        foreach (var (name, key) in new (string, Func<TicketFact, string?>)[] { ("type", f => f.Type), ("nature", f => f.Nature), ("sentiment", f => f.Sentiment), ("urgency", f => f.Urgency) })
            foreach (var g in facts.Where(f => key(f) is not null).GroupBy(f => key(f)!).OrderBy(g => g.Key))
            {
                var drill = name is "type" or "nature" ? $"{drillBase}&{name}={Camel(g.Key)}" : null;
                Add("volume", $"{name}:{Camel(g.Key)}", g.Count(), drill);
                Add("share", $"{name}:{Camel(g.Key)}", Share(g.Count(), facts.Count));
            }
        Add("urgent", "all", facts.Count(f => f.Urgency == "High"));
        var rank = 0;
        foreach (var g in facts.Where(f => f.Topic is not null).GroupBy(f => f.Topic!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3))
            Add("top_topic", $"rank:{++rank}:{g.Key}", g.Count());

        Times(Add, "response", facts.Where(f => f.RespondedAt is not null).Select(f => (f.ReceivedAt, f.RespondedAt!.Value)), calendar);
        var resolved = facts.Where(f => f.ResolvedAt is not null).ToList();
        Times(Add, "resolution", resolved.Select(f => (f.ReceivedAt, f.ResolvedAt!.Value)), calendar);
        Add("resolution_rate", "all", Share(resolved.Count, facts.Count));
        Add("resolution_rate_target", "all", 0.9);
        Add("handling_hours", "mean", resolved.Count == 0 ? 0 : resolved.Average(f => (f.ResolvedAt!.Value - f.ReceivedAt).TotalHours));
        Add("handling_hours_target", "all", 24);
        // Resolved in the first answer and never sent back.
        Add("first_contact_resolution", "all", Share(resolved.Count(f => f.Reopens == 0 && f.RespondedAt == f.ResolvedAt), resolved.Count));
        Add("reopened", "all", facts.Count(f => f.Reopens > 0));

        SlaMet(Add, "all", facts, drillBase);
        foreach (var g in facts.Where(f => f.Department is not null).GroupBy(f => f.Department!).OrderBy(g => g.Key))
            SlaMet(Add, $"department:{g.Key}", g.ToList(), $"{drillBase}&department={Uri.EscapeDataString(g.Key)}");
        foreach (var g in facts.Where(f => f.Owner is not null).GroupBy(f => f.Owner!).OrderBy(g => g.Key))
            SlaMet(Add, $"owner:{g.Key}", g.ToList(), $"{drillBase}&owner={Uri.EscapeDataString(g.Key)}");

        var verdicts = Satisfaction.Verdicts.Append(Satisfaction.NoAnswer).ToList();
        var rated = facts.Where(f => f.Satisfaction is not null).ToList();
        foreach (var v in verdicts)
        {
            Add("satisfaction", v, rated.Count(f => f.Satisfaction == v), $"{drillBase}&satisfaction={Uri.EscapeDataString(v)}");
            Add("satisfaction_share", v, Share(rated.Count(f => f.Satisfaction == v), rated.Count));
        }
        foreach (var g in rated.Where(f => f.Type is not null).GroupBy(f => f.Type!).OrderBy(g => g.Key))
            foreach (var v in verdicts)
                Add("satisfaction", $"{v}|type:{Camel(g.Key)}", g.Count(f => f.Satisfaction == v));

        foreach (var g in facts.Where(f => f.Type == "Complaint" && f.RootCause is not null).GroupBy(f => f.RootCause!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5))
            Add("complaint_root_cause", g.Key, g.Count());

        var warnings = (await records.ListRecordsAsync(new RecordQuery(Warning.RecordKind, Limit: 1000), ct))
            .Select(r => System.Text.Json.JsonSerializer.Deserialize<Warning>(r.Json, Domain.FeedbackJson.Options)!)
            .Where(w => w.FirstSeen >= from && w.FirstSeen < to).ToList();
        foreach (var level in Enum.GetValues<WarningLevel>()) Add("warnings_raised", WarningLevels.Chinese(level), warnings.Count(w => w.Level == level));
        var open = 0;
        foreach (var status in new[] { ImprovementStatus.Proposed, ImprovementStatus.InProgress })
            open += (await records.ListRecordsAsync(new RecordQuery(Improvement.Kind, status, Limit: 1000), ct)).Count;
        Add("improvements_open", "all", open);

        return new Report(period.Kind, period.Id, period.From, period.To, time.GetUtcNow(), rows);
    }

    private static void Times(Action<string, string, double, string?> add, string what, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans, Domain.Calendars.BusinessCalendar calendar)
    {
        var list = spans.ToList();
        var elapsed = list.Select(s => (s.To - s.From).TotalMinutes).Order().ToList();
        var working = list.Select(s => calendar.WorkingTimeBetween(s.From, s.To).TotalMinutes).Order().ToList();
        foreach (var (clock, values) in new[] { ("elapsed", elapsed), ("working", working) })
        {
            add($"{what}_minutes", $"mean:{clock}", values.Count == 0 ? 0 : values.Average(), null);
            add($"{what}_minutes", $"p50:{clock}", Percentile(values, 0.5), null);
            add($"{what}_minutes", $"p90:{clock}", Percentile(values, 0.9), null);
        }
        add($"{what}_count", "all", list.Count, null);
    }

    private static void SlaMet(Action<string, string, double, string?> add, string dimension, IReadOnlyList<TicketFact> facts, string drill)
    {
        var response = facts.Where(f => f.RespondBy is not null && f.RespondedAt is not null).ToList();
        var resolution = facts.Where(f => f.ResolveBy is not null && f.ResolvedAt is not null).ToList();
        var followUp = facts.Where(f => f.FollowUpBy is not null).ToList();
        add("sla_met", $"{dimension}|response", Share(response.Count(f => f.RespondedAt <= f.RespondBy), response.Count), drill);
        add("sla_met", $"{dimension}|resolution", Share(resolution.Count(f => f.ResolvedAt <= f.ResolveBy), resolution.Count), drill);
        add("sla_met", $"{dimension}|followUp", Share(followUp.Count(f => f.FollowedUpAt is { } at && at <= f.FollowUpBy), followUp.Count), drill);
        add("breached", dimension, response.Count(f => f.RespondedAt > f.RespondBy) + resolution.Count(f => f.ResolvedAt > f.ResolveBy), $"{drill}&breached=true");
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : part / (double)whole;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
