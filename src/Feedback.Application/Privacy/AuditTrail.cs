using Feedback.Application.Ports;

namespace Feedback.Application.Privacy;

/// <summary>What the audit trail records; one name per kind of access to protected data.</summary>
public static class AuditActions
{
    public const string ContactRead = "contact.read";
    public const string AttachmentRead = "attachment.read";
    public const string Export = "export";
    public const string PolicyChange = "policy.change";
    public const string Erasure = "customer.erase";
    public const string Retention = "retention.erase";
    public const string KeyCreated = "key.create";
    public const string KeyRevoked = "key.revoke";
}

/// <summary>Appends to the store's append-only trail; targets name tickets or pseudonyms, never a raw contact.</summary>
public sealed class AuditTrail(IPrivacyStore store, TimeProvider time)
{
    public Task RecordAsync(Caller caller, string action, string target, string? detail, CancellationToken ct) =>
        store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), caller.Name, caller.Role, action, target, caller.Address, detail), ct);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct) => store.ReadAuditAsync(after, limit, ct);
}
