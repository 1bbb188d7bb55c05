using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Privacy;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Privacy;

public static class PrivacyEventTypes
{
    /// <summary>The ticket's protected contact (and files) were erased: downstream copies should forget them too.</summary>
    public const string Erased = "ticket.erased";
}

/// <summary>Whom to forget: the channel's customer id, or the contact value itself (phone, e-mail).</summary>
public sealed record ErasureRequest(string? CustomerId, string? Contact, string? Reason = null);

/// <summary>What was erased. The subject is a pseudonym, so the receipt can be kept and shown.</summary>
public sealed record ErasureReceipt(string Subject, IReadOnlyList<string> Tickets, int Attachments, DateTimeOffset At, bool AlreadyErased);

/// <summary>
/// 删除个人信息: removes the protected name and contact, the raw copies in any text, and the files from every
/// ticket of the customer; keeps the masked record and its figures; records the erasure in the audit trail
/// and as a receipt under the customer's pseudonym, which makes asking again harmless.
/// </summary>
public sealed class CustomerErasure(IPrivacyStore privacy, IRecordStore records, IAttachmentStore attachments, TicketUpdater updater, AuditTrail audit, TimeProvider time)
{
    private const string ReceiptKind = "erasure";

    public async Task<Outcome<ErasureReceipt>> EraseAsync(ErasureRequest request, Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.CustomerId) && string.IsNullOrWhiteSpace(request.Contact))
            errors.Required("contact", "'customerId' or 'contact' is required: whom to erase.");
        errors.MaxLength("customerId", request.CustomerId, 100);
        errors.MaxLength("contact", request.Contact, 200);
        errors.MaxLength("reason", request.Reason, 200);
        if (errors.Any) return Outcome<ErasureReceipt>.Invalid(errors);

        var subject = SubjectOf(request);
        var numbers = await privacy.FindCustomerTicketsAsync(Blank(request.CustomerId), Blank(request.Contact), ct);
        var now = time.GetUtcNow();
        var (erased, files) = await EraseTicketsAsync(numbers, caller, request.Reason ?? "customer request", attachmentsToo: true, ct);

        var receipt = await KeepReceiptAsync(subject, erased, files, now, ct);
        await audit.RecordAsync(caller, AuditActions.Erasure, "customer:" + subject,
            $"{erased.Count} tickets, {files} files{(receipt.AlreadyErased ? "; asked again" : "")}", ct);
        return Outcome<ErasureReceipt>.Ok(receipt);
    }

    /// <summary>Erases the contact (and the files, when asked) of each ticket; returns those changed and the files deleted.</summary>
    public async Task<(IReadOnlyList<string> Tickets, int Files)> EraseTicketsAsync(
        IReadOnlyList<string> numbers, Caller caller, string reason, bool attachmentsToo, CancellationToken ct, bool contactToo = true)
    {
        var changed = new List<string>();
        var files = 0;
        foreach (var number in numbers)
        {
            IReadOnlyList<string> deleted = [];
            var outcome = await updater.UpdateAsync(number, ticket =>
            {
                var now = time.GetUtcNow();
                var updated = contactToo ? Erasure.EraseContact(ticket, now) : ticket;
                deleted = [];
                if (attachmentsToo) (updated, deleted) = Erasure.DropAttachments(updated, now);
                if (ReferenceEquals(updated, ticket)) return TicketChange.None;
                updated = updated.With(new HistoryEntry(now, "erased", caller.Name, $"{reason}{(deleted.Count > 0 ? $"; {deleted.Count} files" : "")}"));
                return TicketChange.To(updated, FeedbackEvent.For(updated, PrivacyEventTypes.Erased, now, contactToo ? "contact" : "attachments"));
            }, ct);
            if (outcome.Value is not { Changed: true }) continue;
            changed.Add(number);
            // After the ticket no longer names them: a crash in between leaves a file without a reference, never the reverse.
            foreach (var id in deleted) await attachments.DeleteAsync(id, ct);
            files += deleted.Count;
        }
        return (changed, files);
    }

    // The receipt under the pseudonym gathers every erasure of the customer; a second request adds what was new.
    private async Task<ErasureReceipt> KeepReceiptAsync(string subject, IReadOnlyList<string> erased, int files, DateTimeOffset now, CancellationToken ct)
    {
        var receipts = new RecordUpdater<ErasureReceipt>(records, ReceiptKind, r => Record(subject, r));
        var first = new ErasureReceipt(subject, erased, files, now, AlreadyErased: false);
        if (await records.TryWriteRecordAsync(Record(subject, first), null, ct)) return first;
        var merged = await receipts.UpdateAsync(subject, previous => RecordChange<ErasureReceipt>.To(previous with
        {
            Tickets = previous.Tickets.Union(erased).Order(StringComparer.Ordinal).ToList(),
            Attachments = previous.Attachments + files,
        }), ct);
        return merged.Value is { } receipt
            ? receipt with { AlreadyErased = true }
            : throw new InvalidOperationException($"The erasure receipt {subject} could not be written: {merged.Detail}");
    }

    private static StoredRecord Record(string subject, ErasureReceipt r) =>
        new(ReceiptKind, subject, "done", null, r.At, System.Text.Json.JsonSerializer.Serialize(r, Domain.FeedbackJson.Options));

    public static string SubjectOf(ErasureRequest request) =>
        Pseudonym.Of(Blank(request.CustomerId) is { } id ? "customer:" + id : "contact:" + request.Contact!.Trim().ToLowerInvariant());


    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
