using Feedback.Application.Monitoring;
using Feedback.Application.Common;
using Feedback.Application.Intake;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Masking;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Channels.Email;

/// <summary>What became of a mail: a new ticket, a known one again, or a reply added to its ticket.</summary>
public sealed record EmailOutcome(IntakeOutcome Intake, bool Reply);

/// <summary>
/// Turns a mail into a ticket, or into a follow-up of the ticket it answers: the ticket number in the
/// subject, or an In-Reply-To/References id of a mail that opened a ticket. Attachments are stored first,
/// so nothing the customer sent is lost if a later step fails and the relay retries.
/// </summary>
public sealed class EmailIntake(
    IntakeService intake, ITicketStore store, TicketUpdater updater, IAttachmentStore attachments, ChannelHealth health, Calendars.CalendarProvider calendars, ITicketWorkflows workflows, TimeProvider time)
{
    private const string Channel = ChannelNames.Email;

    public async Task<Outcome<EmailOutcome>> AcceptAsync(InboundEmail mail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await store.FindByKeyAsync(IntakeService.ExternalKey(Channel, mail.MessageId), now, ct) is { } known
            && await store.GetAsync(known, ct) is { } ticket)
        {
            health.Duplicate(Channel);
            return Outcome<EmailOutcome>.Ok(new EmailOutcome(new IntakeOutcome(known, ticket.Value.Status, Created: false), Reply: false));
        }
        if (await ThreadOfAsync(mail, now, ct) is { } thread)
            return await AddReplyAsync(thread, mail, ct);

        var content = mail.Content(reply: false);
        var submission = new Submission(Channel, content, mail.SenderName, mail.SenderAddress, null, mail.MessageId, mail.Date)
        {
            Details = new Dictionary<string, string> { ["subject"] = Truncate(mail.Subject, 300), ["messageId"] = Truncate(mail.MessageId, 300) },
        };
        var errors = IntakeService.Validate(submission);
        if (errors.Any) return Outcome<EmailOutcome>.Invalid(errors);
        var stored = await StoreAttachmentsAsync(mail, ct);
        var outcome = await intake.AcceptAsync(submission with { Attachments = stored }, ct);
        return outcome.Kind == OutcomeKind.Ok
            ? Outcome<EmailOutcome>.Ok(new EmailOutcome(outcome.Value!, Reply: false))
            : new Outcome<EmailOutcome>(outcome.Kind, null, outcome.Errors, outcome.Detail);
    }

    private async Task<string?> ThreadOfAsync(InboundEmail mail, DateTimeOffset now, CancellationToken ct)
    {
        if (mail.TicketNumberInSubject is { } number && await store.GetAsync(number, ct) is not null) return number;
        foreach (var id in mail.Refers)
            if (await store.FindByKeyAsync(IntakeService.ExternalKey(Channel, id), now, ct) is { } found) return found;
        return null;
    }

    private async Task<Outcome<EmailOutcome>> AddReplyAsync(string number, InboundEmail mail, CancellationToken ct)
    {
        var stored = await StoreAttachmentsAsync(mail, ct);
        var masked = Mask.Text(mail.Content(reply: true));
        var result = await updater.UpdateAsync(number, ticket =>
        {
            if (ticket.FollowUps.Any(f => f.Channel == Channel && f.SourceId == mail.MessageId)) return TicketChange.None;
            var now = time.GetUtcNow();
            var updated = ticket.With(new HistoryEntry(now, "customer-replied", Channel, null)) with
            {
                FollowUps = ticket.FollowUps.Add(new FollowUp(now, Channel, mail.MessageId, masked) { Attachments = stored }),
            };
            return Tickets.SlaPause.OnCustomerMessage(
                TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.FollowedUp, now, "e-mail reply")), Channel, now, calendars.Current);
        }, ct);
        if (result.Kind == OutcomeKind.Ok && result.Value.Changed) await workflows.RaiseAsync(number, WorkflowEvents.Changed, ct);
        if (result.Kind != OutcomeKind.Ok) return new Outcome<EmailOutcome>(result.Kind, null, result.Errors, result.Detail);
        if (result.Value.Changed) health.Updated(Channel); else health.Duplicate(Channel);
        var ticket = result.Value.Ticket;
        return Outcome<EmailOutcome>.Ok(new EmailOutcome(new IntakeOutcome(ticket.Number, ticket.Status, Created: false), Reply: true));
    }

    private async Task<IReadOnlyList<AttachmentRef>> StoreAttachmentsAsync(InboundEmail mail, CancellationToken ct)
    {
        var refs = new List<AttachmentRef>();
        foreach (var file in mail.Attachments)
        {
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            var saved = await attachments.SaveAsync(Truncate(name.Length > 0 ? name : "attachment", 100), file.ContentType, new MemoryStream(file.Content), ct);
            refs.Add(new AttachmentRef(saved.Id, saved.FileName, saved.ContentType, saved.Length));
        }
        return refs;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
