using System.Globalization;
using System.Text.Json;
using Feedback.Application.ClosedLoop;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Warnings;

public sealed record WarningAction(string? Actor, string? Note = null, string? Reason = null, string? Owner = null, string? Department = null,
    DateTimeOffset? DueAt = null, bool? InformCustomers = null, string? Cause = null, string? Actions = null, string? Lessons = null,
    IReadOnlyList<string>? Improvements = null);

/// <summary>
/// Raises warnings from findings (the same condition continuing updates the open warning; a higher level upgrades
/// it), moves them through raised → verified | dismissed → assigned → resolved → reviewed, and puts
/// <c>warning.raised/upgraded/resolved</c> on the outbox (the Service Bus relay sends warning.* to the alerts topic
/// with the level as a property). A 严重 system-failure warning marks its tickets, whose customers hear its progress.
/// </summary>
public sealed class WarningService(
    IRecordStore records, IEventLog events, ICounterStore counters, TicketUpdater updater, CustomerNotices notices,
    IOptions<BusinessOptions> business, TimeProvider time)
{
    public const string Raised = "warning.raised";
    public const string Upgraded = "warning.upgraded";
    public const string ResolvedEvent = "warning.resolved";

    private const string ClaimKind = "warning-key";
    private readonly SemaphoreSlim _raising = new(1, 1);

    public async Task<IReadOnlyList<Warning>> RaiseAsync(IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        if (findings.Count == 0) return [];
        var written = new List<Warning>();
        // One at a time in this process; across instances the claim below decides.
        await _raising.WaitAsync(ct);
        try
        {
            foreach (var finding in findings.GroupBy(f => f.Key).Select(g => g.MaxBy(f => f.Level)!))
                written.Add(await RaiseOneAsync(finding, ct));
        }
        finally
        {
            _raising.Release();
        }
        return written;
    }

    /// <summary>
    /// A condition's key is claimed by one open warning (a record named by the key's hash, written under its ETag):
    /// whoever claims it first raises the warning; everyone after updates that one until it leaves the open states.
    /// </summary>
    private async Task<Warning> RaiseOneAsync(Finding finding, CancellationToken ct)
    {
        var claimId = Pseudonym.Of(finding.Key, 32);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var claim = await records.GetRecordAsync(ClaimKind, claimId, ct);
            if (claim is { Value.Status: "open" })
            {
                var warningId = JsonSerializer.Deserialize<string>(claim.Value.Json)!;
                var stored = await _records.GetAsync(warningId, ct);
                if (stored is { IsOpen: true }) return await SeenAsync(stored, finding, ct);
                // Claimed a moment ago by another writer that has yet to store its warning.
                if (stored is null && time.GetUtcNow() - claim.Value.UpdatedAt < TimeSpan.FromSeconds(30)) { await Task.Delay(50, ct); continue; }
            }
            var id = await NextIdAsync(ct);
            if (!await records.TryWriteRecordAsync(new StoredRecord(ClaimKind, claimId, "open", null, time.GetUtcNow(), JsonSerializer.Serialize(id)), claim?.ETag, ct))
                continue;
            return await NewAsync(finding, id, ct);
        }
        throw new InvalidOperationException($"The warning for '{finding.Key}' kept changing.");
    }

    private async Task<string> NextIdAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), business.Value.Zone).DateTime);
        var sequence = await counters.AddToCounterAsync($"warning-{day:yyyyMMdd}", 1, ct);
        return string.Create(CultureInfo.InvariantCulture, $"W-{day:yyyyMMdd}-{sequence:0000}");
    }

    /// <summary>Once a warning leaves the open states, its condition may raise a new one.</summary>
    private async Task ReleaseAsync(Warning warning, CancellationToken ct)
    {
        var claimId = Pseudonym.Of(warning.Key, 32);
        if (await records.GetRecordAsync(ClaimKind, claimId, ct) is { } claim && JsonSerializer.Deserialize<string>(claim.Value.Json) == warning.Id)
            await records.TryWriteRecordAsync(claim.Value with { Status = "closed", UpdatedAt = time.GetUtcNow() }, claim.ETag, ct);
    }

    private async Task<Warning> NewAsync(Finding finding, string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var warning = new Warning(id, finding.Rule.Id, finding.Rule.Kind, finding.Key, finding.Level, finding.Title, now)
        {
            LastSeen = now,
            UpdatedAt = now,
            Figures = finding.Figures,
            Window = finding.Window,
            Baseline = finding.Baseline,
            Tickets = [.. finding.Tickets.Take(Warning.MaxTickets)],
            StatementDueBy = finding.Rule.StatementWithin is { } within ? now + within : null,
            History = [new HistoryEntry(now, WarningStates.Raised, "system", $"{WarningLevels.Chinese(finding.Level)}: {finding.Title}")],
        };
        await records.TryWriteRecordAsync(Record(warning), null, ct);
        await events.AppendAsync([Event(warning, Raised, now)], ct);
        await MarkAsync(warning, ct);
        return warning;
    }

    private async Task<Warning> SeenAsync(Warning current, Finding finding, CancellationToken ct)
    {
        var level = current.Level;
        var seen = await _records.UpdateAsync(current.Id, w => RecordChange<Warning>.To(w.Seen(finding, time.GetUtcNow())), ct);
        var warning = seen.Value ?? throw new InvalidOperationException(seen.Detail);
        if (warning.Level > level)
        {
            await events.AppendAsync([Event(warning, Upgraded, warning.UpdatedAt)], ct);
            await MarkAsync(warning, ct);
        }
        return warning;
    }

    /// <summary>The tickets of a 严重 system-failure warning carry its id, so their customers hear of its progress.</summary>
    private async Task MarkAsync(Warning warning, CancellationToken ct)
    {
        if (warning.Level != WarningLevel.Severe || warning.Kind is not (WarningKinds.Burst or WarningKinds.ContentKeyword)) return;
        foreach (var number in warning.Tickets)
            await updater.UpdateAsync(number, t => t.Warnings.Contains(warning.Id) ? TicketChange.None
                : TicketChange.To(t.With(new HistoryEntry(time.GetUtcNow(), "warning", "system", $"{warning.Id} {warning.LevelLabel}: {warning.Title}")) with { Warnings = t.Warnings.Add(warning.Id) }), ct);
    }

    private readonly RecordUpdater<Warning> _records = new(records, Warning.RecordKind, Record);

    public Task<Warning?> GetAsync(string id, CancellationToken ct) => _records.GetAsync(id, ct);

    public async Task<IReadOnlyList<Warning>> ListAsync(string? state, WarningLevel? level, int limit, CancellationToken ct)
    {
        var found = await records.ListRecordsAsync(new RecordQuery(Warning.RecordKind, state, Limit: level is null ? limit : 1000), ct);
        return [.. found.Select(Read).Where(w => level is null || w.Level == level).Take(limit)];
    }

    /// <summary>verify, dismiss, assign, resolve, review: each only from the state before it, each in history.</summary>
    public async Task<Outcome<Warning>> MoveAsync(string id, string action, WarningAction? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var a = body ?? new WarningAction(null);
        if (string.IsNullOrWhiteSpace(a.Actor)) errors.Required("actor", "'actor' is required.");
        errors.MaxLength("actor", a.Actor, 100);
        errors.MaxLength("note", a.Note, 2000);
        (string[] From, string To)? move = action switch
        {
            "verify" => ([WarningStates.Raised], WarningStates.Verified),
            "dismiss" => ([WarningStates.Raised, WarningStates.Verified], WarningStates.Dismissed),
            "assign" => ([WarningStates.Verified, WarningStates.Assigned], WarningStates.Assigned),
            "resolve" => ([WarningStates.Assigned], WarningStates.Resolved),
            "review" => ([WarningStates.Resolved], WarningStates.Reviewed),
            _ => null,
        };
        if (move is null) return Outcome<Warning>.NotFound($"'{action}' is not an action: verify, dismiss, assign, resolve or review.");
        if (action == "dismiss" && string.IsNullOrWhiteSpace(a.Reason)) errors.Required("reason", "'reason' is required: why it is a false alarm.");
        if (action == "assign")
        {
            if (string.IsNullOrWhiteSpace(a.Owner)) errors.Required("owner", "'owner' is required.");
            if (string.IsNullOrWhiteSpace(a.Department)) errors.Required("department", "'department' is required.");
        }
        if (action == "review")
            foreach (var (field, value) in new[] { ("cause", a.Cause), ("actions", a.Actions), ("lessons", a.Lessons) })
                if (string.IsNullOrWhiteSpace(value)) errors.Required(field, $"'{field}' is required for the review (复盘).");
        if (errors.Any) return Outcome<Warning>.Invalid(errors);

        var outcome = await _records.UpdateAsync(id, current =>
        {
            if (!move.Value.From.Contains(current.State))
                return RecordChange<Warning>.Refuse($"Warning '{id}' is {current.State}; '{action}' needs it {string.Join(" or ", move.Value.From)}.");
            var now = time.GetUtcNow();
            return RecordChange<Warning>.To(current with
            {
                State = move.Value.To,
                UpdatedAt = now,
                History = current.History.Add(new HistoryEntry(now, move.Value.To, a.Actor!.Trim(), a.Note ?? a.Reason)),
                DismissReason = action == "dismiss" ? a.Reason!.Trim() : current.DismissReason,
                Owner = action == "assign" ? a.Owner!.Trim() : current.Owner,
                Department = action == "assign" ? a.Department!.Trim() : current.Department,
                DueAt = action == "assign" ? a.DueAt ?? now + WarningLevels.DefaultDeadline(current.Level) : current.DueAt,
                Review = action == "review" ? new WarningReview(a.Cause!.Trim(), a.Actions!.Trim(), a.Lessons!.Trim(), a.Improvements ?? []) : current.Review,
            });
        }, ct);
        if (outcome.Value is not { } moved) return outcome;
        if (!moved.IsOpen) await ReleaseAsync(moved, ct);
        if (action == "resolve")
        {
            await events.AppendAsync([Event(moved, ResolvedEvent, moved.UpdatedAt)], ct);
            if (a.InformCustomers == true && moved.Level == WarningLevel.Severe)
                await notices.InformAsync(moved.Tickets, moved.Id, t => MessageTemplates.IncidentUpdate(t, moved.Title, a.Note ?? "已处理完成"), a.Actor!.Trim(), ct);
        }
        return outcome;
    }

    private static FeedbackEvent Event(Warning w, string type, DateTimeOffset at) =>
        new($"{w.Id}:{type}:{w.History.Count}", type, null, at, null, Level: (int)w.Level, Detail: $"{w.LevelLabel}: {w.Title}")
        {
            About = $"warning:{w.Id}",
            Department = w.Department,
            Owner = w.Owner,
        };

    private static StoredRecord Record(Warning w) =>
        new(Warning.RecordKind, w.Id, w.State, w.Department, w.UpdatedAt, JsonSerializer.Serialize(w, FeedbackJson.Options));

    private static Warning Read(StoredRecord r) => RecordUpdater<Warning>.Read(r);
}
