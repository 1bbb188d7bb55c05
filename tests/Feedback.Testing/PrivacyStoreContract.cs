using Feedback.Application.Ports;
using Feedback.Domain.Privacy;
using Feedback.Domain.Tickets;
using Xunit;

namespace Feedback.Testing;

/// <summary>IPrivacyStore: a customer's tickets by id or contact, the tickets retention is due for, and the append-only audit trail.</summary>
public abstract class PrivacyStoreContract(IStoreFactory factory) : StoreContractBase(factory)
{
    private Task<string> TicketAsync(string? name, string? contact, string? customerId, Func<Ticket, Ticket>? change = null) =>
        CreateWithAsync(Draft("内容") is var d ? d with
        {
            Ticket = d.Ticket with
            {
                Contact = new ProtectedContact(name, contact),
                Feedback = d.Ticket.Feedback with { CustomerId = customerId },
            },
        } : d, change ?? (t => t));

    private static Func<Ticket, Ticket> ClosedAt(DateTimeOffset at, bool withFile = false) => t => t with
    {
        Status = TicketStatus.Closed,
        ClosedAt = at,
        Feedback = withFile ? t.Feedback with { Attachments = [new AttachmentRef(new string('a', 64), "s.png", "image/png", 10)] } : t.Feedback,
    };

    [Fact]
    public async Task A_customer_is_found_by_their_channel_id_or_their_contact_whatever_its_case_and_spaces()
    {
        var byMail = await TicketAsync("Li Lei", "Li.Lei@Example.com", null);
        var byOpenId = await TicketAsync(null, null, "oWx-openid-1");
        var both = await TicketAsync("李雷", " li.lei@example.com ", "oWx-openid-1");
        await TicketAsync("韩梅梅", "13900001111", "oWx-openid-2");

        Assert.Equal(new[] { byMail, both }.Order(), await Store.FindCustomerTicketsAsync(null, "LI.LEI@example.com", default));
        Assert.Equal(new[] { byOpenId, both }.Order(), await Store.FindCustomerTicketsAsync("oWx-openid-1", null, default));
        Assert.Equal(new[] { byMail, byOpenId, both }.Order(), await Store.FindCustomerTicketsAsync("oWx-openid-1", "li.lei@example.com", default));
        Assert.Empty(await Store.FindCustomerTicketsAsync("nobody", "nobody@example.com", default));
    }

    [Fact]
    public async Task Retention_finds_closed_tickets_past_their_time_oldest_first_until_their_contact_or_files_are_erased()
    {
        var old = await TicketAsync("张三", "13812345678", null, ClosedAt(Noon.AddDays(-200), withFile: true));
        var older = await TicketAsync("李四", "13812340000", null, ClosedAt(Noon.AddDays(-400)));
        var recent = await TicketAsync("王五", "13812341111", null, ClosedAt(Noon.AddDays(-10), withFile: true));
        await TicketAsync("赵六", "13812342222", null); // open: never due
        var cutoff = Noon.AddDays(-180);

        Assert.Equal([older, old], await Store.FindRetentionDueAsync(cutoff, attachments: false, 10, default));
        Assert.Equal([older], await Store.FindRetentionDueAsync(cutoff, attachments: false, 1, default));
        Assert.Equal([old], await Store.FindRetentionDueAsync(cutoff, attachments: true, 10, default));
        Assert.Equal([old, recent], await Store.FindRetentionDueAsync(Noon, attachments: true, 10, default));

        var read = (await Store.GetAsync(old, default))!;
        var erased = Erasure.EraseContact(read.Value, Noon);
        (erased, _) = Erasure.DropAttachments(erased, Noon);
        Assert.True(await Store.TryReplaceAsync(erased, read.ETag, [], default));

        Assert.Equal([older], await Store.FindRetentionDueAsync(cutoff, attachments: false, 10, default));
        Assert.Empty(await Store.FindRetentionDueAsync(cutoff, attachments: true, 10, default));
        Assert.Empty(await Store.FindCustomerTicketsAsync(null, "13812345678", default));
    }

    [Fact]
    public async Task The_audit_trail_keeps_every_entry_in_order_and_pages_after_a_sequence()
    {
        for (var i = 1; i <= 5; i++)
            await Store.AppendAuditAsync(new AuditEntry(Noon.AddMinutes(i), "李客服", "agent", "contact.read", $"ticket:FB-{i}", "10.0.0.1", null), default);

        var all = await Store.ReadAuditAsync(0, 100, default);
        Assert.Equal(["ticket:FB-1", "ticket:FB-2", "ticket:FB-3", "ticket:FB-4", "ticket:FB-5"], all.Select(e => e.Target));
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(5, all.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(new AuditEntry(Noon.AddMinutes(1), "李客服", "agent", "contact.read", "ticket:FB-1", "10.0.0.1", null) { Sequence = all[0].Sequence }, all[0]);

        var page = await Store.ReadAuditAsync(all[1].Sequence, 2, default);
        Assert.Equal(["ticket:FB-3", "ticket:FB-4"], page.Select(e => e.Target));
    }
}
