using System.Collections.Immutable;
using System.Text.Json;
using Feedback.Domain.Masking;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Privacy;

/// <summary>
/// The right to be forgotten (PIPL art. 47, GDPR art. 17) applied to one ticket: the protected name and
/// contact go, every raw copy of them anywhere in the ticket's text is replaced by its masked form, and the
/// channel's customer id (an OpenID, a member id) goes too; the masked record, the analysis and the figures stay.
/// Without the id nothing can reach or match the customer again: outreach finds no address, a later message opens
/// a new ticket.
/// </summary>
public static class Erasure
{
    public static Ticket EraseContact(Ticket ticket, DateTimeOffset at)
    {
        if (ticket.ContactErasedAt is not null) return ticket;
        var replacements = new List<(string Raw, string Masked)>();
        if (ticket.Contact.Value is { Length: >= 3 } contact) replacements.Add((contact.Trim(), Mask.Contact(contact)!));
        if (ticket.Contact.Name is { Length: >= 2 } name) replacements.Add((name.Trim(), Mask.Name(name)!));
        if (ticket.Feedback.CustomerId is { Length: >= 3 } id) replacements.Add((id, "[erased]"));

        var scrubbed = Scrub(ticket with { Contact = new ProtectedContact(null, null) }, replacements);
        return scrubbed with
        {
            Feedback = scrubbed.Feedback with { CustomerId = null },
            ContactErasedAt = at,
        };
    }

    /// <summary>Drops the files of the ticket and of its follow-ups; returns the ids whose content the store must delete.</summary>
    public static (Ticket Ticket, IReadOnlyList<string> Deleted) DropAttachments(Ticket ticket, DateTimeOffset at)
    {
        var ids = (ticket.Feedback.Attachments ?? [])
            .Concat(ticket.FollowUps.SelectMany(f => f.Attachments ?? []))
            .Select(a => a.Id).Distinct().ToList();
        if (ticket.AttachmentsErasedAt is not null && ids.Count == 0) return (ticket, []);
        return (ticket with
        {
            Feedback = ticket.Feedback with { Attachments = null },
            FollowUps = ticket.FollowUps.Select(f => f with { Attachments = null }).ToImmutableList(),
            AttachmentsErasedAt = ticket.AttachmentsErasedAt ?? at,
        }, ids);
    }

    /// <summary>Whether anything erasable is left: a protected contact, or a file.</summary>
    public static bool HasContact(Ticket t) => t.ContactErasedAt is null && (t.Contact.Name is not null || t.Contact.Value is not null || t.Feedback.CustomerId is not null);

    /// <summary>A contact as stores index it: hashed, so an index holds no contact; compared trimmed and case-insensitively.</summary>
    public static string? ContactKey(string? contact) => string.IsNullOrWhiteSpace(contact) ? null
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("contact:" + contact.Trim().ToLowerInvariant())));

    public static bool HasAttachments(Ticket t) =>
        t.Feedback.Attachments is { Count: > 0 } || t.FollowUps.Any(f => f.Attachments is { Count: > 0 });

    // Through the JSON so that every string (content, follow-ups, history, details, messages) is covered,
    // including fields added later.
    private static Ticket Scrub(Ticket ticket, List<(string Raw, string Masked)> replacements)
    {
        if (replacements.Count == 0) return ticket;
        var json = JsonSerializer.Serialize(ticket, FeedbackJson.Options);
        foreach (var (raw, masked) in replacements.OrderByDescending(r => r.Raw.Length))
        {
            json = json.Replace(Escaped(raw), Escaped(masked), StringComparison.Ordinal);
            if (raw.Contains('@')) json = json.Replace(Escaped(raw.ToLowerInvariant()), Escaped(masked), StringComparison.Ordinal);
        }
        return JsonSerializer.Deserialize<Ticket>(json, FeedbackJson.Options)!;
    }

    private static string Escaped(string value) => JsonSerializer.Serialize(value, FeedbackJson.Options)[1..^1];
}
