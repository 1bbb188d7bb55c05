using System.Globalization;
using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace Feedback.Application.ClosedLoop;

/// <summary>The body of <c>POST /api/improvements</c>.</summary>
public sealed record ImprovementDocument(
    string? Title, string? Owner, string? Department, string? DueDate, string? SuccessMeasure,
    IReadOnlyList<string>? Tickets = null, string? WarningId = null, string? Description = null, string? Actor = null);

/// <summary>The body of <c>POST /api/improvements/{id}/{start|complete|verify|inform}</c>.</summary>
public sealed record ImprovementMove(string? Actor, string? Note = null, bool? InformCustomers = null);

/// <summary>
/// Improvement actions (改进措施): created against tickets or a warning, moved through their states with each move
/// in history and in the outbox, and, once done, told to the customers of the linked tickets (customer.informed),
/// as the documents ask for system failures: each through their own channel, recorded on their ticket.
/// </summary>
public sealed class Improvements(
    IRecordStore records, IEventLog events, ICounterStore counters, ITicketStore tickets, CustomerNotices notices,
    IOptions<BusinessOptions> business, TimeProvider time)
{
    public const int MaxTickets = 200;

    public async Task<Outcome<Improvement>> CreateAsync(ImprovementDocument? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var d = body ?? new ImprovementDocument(null, null, null, null, null);
        Text(errors, "title", d.Title, 200, "'title' is required: what will be done.");
        Text(errors, "owner", d.Owner, 100, "'owner' is required: who is responsible.");
        Text(errors, "department", d.Department, 50, "'department' is required (产品部, 技术部 …).");
        Text(errors, "successMeasure", d.SuccessMeasure, 500, "'successMeasure' is required: how we will know it worked.");
        Text(errors, "actor", d.Actor, 100, "'actor' is required: who proposes it.");
        errors.MaxLength("description", d.Description, 5000);
        errors.MaxLength("warningId", d.WarningId, 100);
        if (!DateOnly.TryParseExact(d.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            errors.Required("dueDate", "'dueDate' is required, as yyyy-MM-dd.");
        var linked = (d.Tickets ?? []).Select(t => t?.Trim() ?? "").Distinct().ToList();
        if (linked.Count == 0 && string.IsNullOrWhiteSpace(d.WarningId)) errors.Required("tickets", "'tickets' (or 'warningId') is required: what showed the need for it.");
        if (linked.Count > MaxTickets) errors.Add("tickets", $"At most {MaxTickets} tickets.");
        for (var i = 0; i < linked.Count && !errors.Any; i++)
            if (!TicketNumber.IsValid(linked[i]) || await tickets.GetAsync(linked[i], ct) is null)
                errors.Add($"tickets[{i}]", $"Ticket '{linked[i]}' does not exist.");
        if (errors.Any) return Outcome<Improvement>.Invalid(errors);

        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, business.Value.Zone).DateTime);
        var sequence = await counters.AddToCounterAsync($"improvement-{day:yyyyMMdd}", 1, ct);
        var improvement = new Improvement(
            string.Create(CultureInfo.InvariantCulture, $"IA-{day:yyyyMMdd}-{sequence:0000}"), d.Title!.Trim(), d.Owner!.Trim(), d.Department!.Trim(), due, d.SuccessMeasure!.Trim(), now)
        {
            Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim(),
            Tickets = [.. linked],
            WarningId = string.IsNullOrWhiteSpace(d.WarningId) ? null : d.WarningId.Trim(),
            UpdatedAt = now,
            History = [new HistoryEntry(now, ImprovementStatus.Proposed, d.Actor!.Trim(), null)],
        };
        if (!await records.TryWriteRecordAsync(Record(improvement), null, ct))
            throw new InvalidOperationException($"Improvement '{improvement.Id}' exists already; the counter went back.");
        await events.AppendAsync([Event(improvement, now)], ct);
        return Outcome<Improvement>.Ok(improvement);
    }

    private readonly RecordUpdater<Improvement> _records = new(records, Improvement.Kind, Record);

    public Task<Improvement?> GetAsync(string id, CancellationToken ct) => _records.GetAsync(id, ct);

    public async Task<IReadOnlyList<Improvement>> ListAsync(string? status, string? department, int limit, CancellationToken ct) =>
        [.. (await records.ListRecordsAsync(new RecordQuery(Improvement.Kind, status, department, limit), ct)).Select(Read)];

    /// <summary>start, complete, verify (each only from the state before it), or inform (once done).</summary>
    public async Task<Outcome<Improvement>> MoveAsync(string id, string action, ImprovementMove? move, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Text(errors, "actor", move?.Actor, 100, "'actor' is required.");
        errors.MaxLength("note", move?.Note, 2000);
        if (errors.Any) return Outcome<Improvement>.Invalid(errors);
        if (action == "inform") return await InformAsync(id, move!.Actor!.Trim(), ct);
        if (!ImprovementStatus.Moves.TryGetValue(action, out var step))
            return Outcome<Improvement>.NotFound($"'{action}' is not an action: start, complete, verify or inform.");
        var moved = await _records.UpdateAsync(id, current => current.Status != step.From
            ? RecordChange<Improvement>.Refuse($"Improvement '{id}' is {current.Status}; '{action}' needs it {step.From}.")
            : RecordChange<Improvement>.To(current.With(step.To, move!.Actor!.Trim(), move.Note, time.GetUtcNow())), ct);
        if (moved.Value is not { } done) return moved;
        await events.AppendAsync([Event(done, done.UpdatedAt)], ct);
        return move!.InformCustomers == true && step.To == ImprovementStatus.Done ? await InformAsync(id, move.Actor!.Trim(), ct) : moved;
    }

    /// <summary>Tells each linked ticket's customer, once per ticket (a repeat skips tickets already told).</summary>
    private async Task<Outcome<Improvement>> InformAsync(string id, string actor, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } improvement) return Outcome<Improvement>.NotFound($"Improvement '{id}' does not exist.");
        if (improvement.Status is not (ImprovementStatus.Done or ImprovementStatus.Verified))
            return Outcome<Improvement>.Conflict($"Improvement '{id}' is {improvement.Status}; customers are told once it is done.");
        await notices.InformAsync(improvement.Tickets, id, t => MessageTemplates.ImprovementDone(t, improvement.Title), actor, ct);
        return await _records.UpdateAsync(id, current => RecordChange<Improvement>.To(
            current.With("informed", actor, $"{current.Tickets.Count} tickets", time.GetUtcNow()) with { InformedAt = current.InformedAt ?? time.GetUtcNow() }), ct);
    }

    private static FeedbackEvent Event(Improvement i, DateTimeOffset at) =>
        // The id is derived from the move, so appending it again after a timeout stores it once.
        new($"{i.Id}:{i.History.Count}", $"improvement.{i.Status}", null, at, null, Detail: i.Title)
        {
            About = $"improvement:{i.Id}",
            Department = i.Department,
            Owner = i.Owner,
        };

    private static StoredRecord Record(Improvement i) =>
        new(Improvement.Kind, i.Id, i.Status, i.Department, i.UpdatedAt, JsonSerializer.Serialize(i, FeedbackJson.Options));

    private static Improvement Read(StoredRecord r) => RecordUpdater<Improvement>.Read(r);

    private static void Text(FieldErrors errors, string field, string? value, int max, string required)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Required(field, required);
        else errors.MaxLength(field, value, max);
    }
}
