namespace Feedback.Application.Ports;

/// <summary>One entry of the audit trail: who did what to which protected data, when and from where.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Role, string Action, string Target, string? Address, string? Detail)
{
    /// <summary>Its place in the trail, given by the store; readers page with <c>after</c>.</summary>
    public long Sequence { get; init; }
}

/// <summary>Where erasure and retention find the tickets they work on; both only ever return ticket numbers.</summary>
public interface IPrivacyStore
{
    /// <summary>Every ticket with this channel customer id or this protected contact (compared trimmed, case-insensitively).</summary>
    Task<IReadOnlyList<string>> FindCustomerTicketsAsync(string? customerId, string? contact, CancellationToken cancellationToken);

    /// <summary>Closed before <paramref name="closedBefore"/> and still holding a protected contact (or, with <paramref name="attachments"/>, a file); oldest first.</summary>
    Task<IReadOnlyList<string>> FindRetentionDueAsync(DateTimeOffset closedBefore, bool attachments, int limit, CancellationToken cancellationToken);

    /// <summary>Appends to the audit trail; there is no way to change or remove an entry.</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long after, int limit, CancellationToken cancellationToken);
}
