using System.Collections.Immutable;
using Feedback.Domain.Privacy;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Tests;

public sealed class ErasureTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static Ticket Ticket() => new()
    {
        Number = "FB-20261202-000001",
        Channel = "email",
        ReceivedAt = At,
        Feedback = new FeedbackItem("我是王小明，邮箱 w***@example.com", "王**", "w***@example.com", "member-1", null, null)
        {
            Details = new Dictionary<string, string> { ["from"] = "Wang.XiaoMing@Example.com", ["subject"] = "退款" },
            Attachments = [new AttachmentRef(new string('a', 64), "a.png", "image/png", 1)],
        },
        Contact = new ProtectedContact("王小明", "Wang.XiaoMing@Example.com"),
        FollowUps = [new FollowUp(At, "email", "m2", "王小明再次来信") { Attachments = [new AttachmentRef(new string('b', 64), "b.pdf", "application/pdf", 2)] }],
        History = [new HistoryEntry(At, "responded", "李客服", "王小明您好，已回复到 wang.xiaoming@example.com")],
    };

    [Fact]
    public void Every_raw_copy_of_the_name_and_contact_becomes_its_masked_form_and_the_customer_id_goes()
    {
        var erased = Erasure.EraseContact(Ticket(), At);

        Assert.Equal(new ProtectedContact(null, null), erased.Contact);
        Assert.Null(erased.Feedback.CustomerId);
        Assert.Equal("我是王**，邮箱 w***@example.com", erased.Feedback.Content);
        Assert.Equal("W***@Example.com", erased.Feedback.Details!["from"]);
        Assert.Equal("王**再次来信", erased.FollowUps[0].Content);
        Assert.Equal("王**您好，已回复到 W***@Example.com", erased.History[0].Message);
        Assert.Equal(("王**", "w***@example.com"), (erased.Feedback.CustomerName, erased.Feedback.Contact));
        Assert.Equal(At, erased.ContactErasedAt);
        Assert.Same(erased, Erasure.EraseContact(erased, At.AddDays(1)));
    }

    [Fact]
    public void Dropping_files_returns_those_of_the_ticket_and_its_follow_ups_once()
    {
        var (dropped, ids) = Erasure.DropAttachments(Ticket(), At);

        Assert.Equal([new string('a', 64), new string('b', 64)], ids);
        Assert.Null(dropped.Feedback.Attachments);
        Assert.Null(dropped.FollowUps[0].Attachments);
        Assert.False(Erasure.HasAttachments(dropped));
        Assert.Empty(Erasure.DropAttachments(dropped, At.AddDays(1)).Deleted);
        Assert.Equal(At, Erasure.DropAttachments(dropped, At.AddDays(1)).Ticket.AttachmentsErasedAt);
    }
}
