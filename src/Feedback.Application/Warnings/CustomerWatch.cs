using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Tickets;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Warnings;

/// <summary>A customer after a bad experience, by pseudonym: when it happened, on which tickets, and when they were last heard from.</summary>
public sealed record WatchedCustomer(string Pseudonym, string Reason, DateTimeOffset BadAt, IReadOnlyList<string> Tickets);

/// <summary>
/// 流失预警: a customer with an unsatisfied or breached ticket is watched (one record per customer, named by a
/// pseudonym, last updated when they were last heard from); one not heard from for the churn rule's window is
/// found by a point-in-time list, not a scan of tickets, and is raised once.
/// </summary>
public sealed partial class CustomerWatch(IRecordStore records, TimeProvider time, ILogger<CustomerWatch> logger)
{
    public const string Kind = "customer-watch";
    public const string Watching = "watching";
    public const string Raised = "raised";

    /// <summary>
    /// Watches the ticket's customer. The record's time is when they were last heard from: now when they said
    /// so themselves (<paramref name="customerSpoke"/>: a 不满意), else what it was, or their last message on the ticket.
    /// </summary>
    public Task OnBadExperienceAsync(Ticket ticket, string reason, bool customerSpoke, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        if (ticket.Feedback.CustomerId is not { Length: > 0 } customer) return;
        var id = Common.Pseudonym.Of(customer);
        await WriteAsync(id, current =>
        {
            var now = time.GetUtcNow();
            var tickets = current is null ? [] : JsonSerializer.Deserialize<WatchedCustomer>(current.Json, FeedbackJson.Options)!.Tickets;
            var lastContact = ticket.FollowUps.Select(f => f.At).Append(ticket.ReceivedAt).Max();
            var heard = customerSpoke ? now : current?.UpdatedAt ?? lastContact;
            var watched = new WatchedCustomer(id, reason, now, [.. tickets.Append(ticket.Number).Distinct().TakeLast(Warning.MaxTickets)]);
            return new StoredRecord(Kind, id, Watching, null, heard, JsonSerializer.Serialize(watched, FeedbackJson.Options));
        }, ct);
    });

    /// <summary>The customer wrote again: their quiet time starts over.</summary>
    public Task OnHeardFromAsync(Ticket ticket, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        if (ticket.Feedback.CustomerId is not { Length: > 0 } customer) return;
        await WriteAsync(Common.Pseudonym.Of(customer), current => current is null ? null : current with { Status = Watching, UpdatedAt = time.GetUtcNow() }, ct);
    });

    // A breach and the customer's new message can touch the same record at once: each re-reads and decides again
    // rather than losing the other's write (a lost "heard from" would raise a false churn warning).
    private async Task WriteAsync(string id, Func<StoredRecord?, StoredRecord?> decide, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var current = await records.GetRecordAsync(Kind, id, ct);
            if (decide(current?.Value) is not { } next) return;
            if (await records.TryWriteRecordAsync(next, current?.ETag, ct)) return;
        }
        throw new InvalidOperationException($"The watched customer {id} kept changing.");
    }

    /// <summary>Watched customers quiet since <paramref name="quietSince"/>; each is marked raised so it is found once.</summary>
    public async Task<IReadOnlyList<WatchedCustomer>> TakeQuietAsync(DateTimeOffset quietSince, CancellationToken ct)
    {
        var quiet = new List<WatchedCustomer>();
        foreach (var record in await records.ListRecordsAsync(new RecordQuery(Kind, Watching, Limit: 200) { UpdatedBefore = quietSince }, ct))
            if (await records.GetRecordAsync(Kind, record.Id, ct) is { Value.Status: Watching } current
                && await records.TryWriteRecordAsync(current.Value with { Status = Raised }, current.ETag, ct))
                quiet.Add(JsonSerializer.Deserialize<WatchedCustomer>(current.Value.Json, FeedbackJson.Options)!);
        return quiet;
    }


    private async Task GuardAsync(Ticket ticket, Func<Task> work)
    {
        try { await work(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogFailed(logger, ex, ticket.Number); }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer watch for ticket {TicketNumber} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string ticketNumber);
}
