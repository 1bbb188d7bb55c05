using Feedback.Application.Ports;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Privacy;

/// <summary>How long protected data is kept after a ticket closes (setting section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public TimeSpan Contacts { get; set; } = TimeSpan.FromDays(180);
    public TimeSpan Attachments { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the local host's timer runs a pass (the Functions timer has its own schedule).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tickets taken per query; a pass keeps taking until none is due.</summary>
    public int Batch { get; set; } = 500;
}

public sealed record RetentionPass(int Contacts, int Attachments, int Files);

/// <summary>One pass of the retention policy: every closed ticket past its time loses its contact, then its files.</summary>
public sealed class RetentionRun(IPrivacyStore store, CustomerErasure erasure, AuditTrail audit, IOptions<RetentionOptions> options, TimeProvider time)
{
    public async Task<RetentionPass> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var contacts = await PassContactsAsync(now - o.Contacts, o.Batch, ct);
        var (files, deleted) = await PassFilesAsync(now - o.Attachments, o.Batch, ct);
        if (contacts + files > 0)
            await audit.RecordAsync(Caller.System, AuditActions.Retention, "retention",
                $"{contacts} contacts (closed before {now - o.Contacts:yyyy-MM-dd}), {files} tickets' files ({deleted} files)", ct);
        return new RetentionPass(contacts, files, deleted);
    }

    private async Task<int> PassContactsAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var due = await store.FindRetentionDueAsync(before, attachments: false, batch, ct);
            if (due.Count == 0) return total;
            var (changed, _) = await erasure.EraseTicketsAsync(due, Caller.System, "retention", attachmentsToo: false, ct);
            total += changed.Count;
            if (changed.Count == 0) return total; // nothing could be changed: do not spin on the same batch
        }
    }

    private async Task<(int Tickets, int Files)> PassFilesAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        var (tickets, files) = (0, 0);
        while (true)
        {
            var due = await store.FindRetentionDueAsync(before, attachments: true, batch, ct);
            if (due.Count == 0) return (tickets, files);
            var (changed, deleted) = await erasure.EraseTicketsAsync(due, Caller.System, "retention", attachmentsToo: true, ct, contactToo: false);
            tickets += changed.Count;
            files += deleted;
            if (changed.Count == 0) return (tickets, files);
        }
    }
}
