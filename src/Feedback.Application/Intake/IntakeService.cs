using Feedback.Application.Monitoring;
using Feedback.Application.Channels.WebForm;
using System.Security.Cryptography;
using System.Text;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Masking;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Intake;

/// <summary>
/// Validates, masks and stores one submission, then starts its workflow. The ticket is
/// persisted before anyone is told it was accepted; a workflow that fails to start is
/// picked up by the reconciler, never lost.
/// </summary>
public sealed partial class IntakeService(
    ITicketStore store, ITicketQueries queries, ITicketWorkflows workflows, Tickets.TicketUpdater updater, Calendars.CalendarProvider calendars, TimeProvider time, IOptions<IntakeOptions> options, IOptions<BusinessOptions> business, Monitoring.ChannelHealth health,
    ClosedLoop.SatisfactionCommands satisfaction, Warnings.WarningChecks warnings, ILogger<IntakeService> logger)
{
    public const int MaxContentLength = 5000;
    private const string ContentKeyPrefix = "content:";

    public Task<Outcome<IntakeOutcome>> AcceptWebFormAsync(
        WebFormSubmission s, CancellationToken cancellationToken) =>
        AcceptAsync(s.ToSubmission(), cancellationToken);

    public async Task<Outcome<IntakeOutcome>> AcceptAsync(
        Submission submission, CancellationToken cancellationToken)
    {
        var errors = Validate(submission);
        if (errors.Any) return Outcome<IntakeOutcome>.Invalid(errors);
        return await StoreAsync(submission, cancellationToken);
    }

    private async Task<Outcome<IntakeOutcome>> StoreAsync(Submission submission, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var channel = submission.Channel;
        if (await AnswerToSurveyAsync(submission, cancellationToken) is { } rated) return Outcome<IntakeOutcome>.Ok(rated);
        if (await AnswerToWaitingAsync(submission, cancellationToken) is { } answered) return Outcome<IntakeOutcome>.Ok(answered);
        var draft = Draft(submission, now);
        var outcome = await store.CreateAsync(draft, cancellationToken);
        if (!outcome.Created)
        {
            health.Duplicate(channel);
            LogDuplicate(logger, outcome.Number, channel);
            // Matched on content: the customer sent it again. Matched on the channel's own id: a retry, nothing new.
            if (outcome.MatchedKey?.StartsWith(ContentKeyPrefix, StringComparison.Ordinal) == true)
                await NoteRepeatAsync(outcome.Number, channel, now, cancellationToken);
            return Outcome<IntakeOutcome>.Ok(outcome);
        }
        if (draft.Ticket.SetAsideReason is { } reason)
        {
            // Kept and counted, but nobody's work: no workflow, no deadlines.
            health.SetAside(channel, reason);
            LogSetAside(logger, outcome.Number, channel, reason);
            return Outcome<IntakeOutcome>.Ok(outcome with { SetAsideReason = reason });
        }

        health.Accepted(channel);
        LogAccepted(logger, outcome.Number, channel);
        try
        {
            await workflows.StartAsync(new TicketWorkflowInput(outcome.Number), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ticket is stored; the reconciler starts its workflow on its next pass.
            LogStartFailed(logger, ex, outcome.Number, channel);
        }
        return Outcome<IntakeOutcome>.Ok(outcome);
    }

    /// <summary>
    /// A WeChat reply of 1, 2 or 3 (or 满意 …) from a customer asked for their verdict is that verdict: it rates the
    /// resolved ticket (and may reopen it) rather than opening a new one.
    /// </summary>
    private async Task<IntakeOutcome?> AnswerToSurveyAsync(Submission s, CancellationToken ct)
    {
        if (s.Channel != Channels.ChannelNames.WeChat || Blank(s.CustomerId) is not { } customer
            || Domain.ClosedLoop.Satisfaction.Parse(s.Content) is not { } verdict) return null;
        var resolved = await queries.ListAsync(new TicketQuery(TicketStatus.Resolved, Limit: 5) { Channel = s.Channel, CustomerId = customer }, time.GetUtcNow(), ct);
        if (resolved.FirstOrDefault(t => t.Survey is { IsOpen: true }) is not { } ticket) return null;
        var result = await satisfaction.RecordAsync(ticket.Number, verdict, null, s.Channel, Blank(s.ExternalId) ?? Feedback.Domain.Ids.NewHex(), ct);
        if (result.Kind != OutcomeKind.Ok) return null;
        health.Updated(s.Channel);
        return new IntakeOutcome(ticket.Number, result.Value.Ticket.Status, Created: false);
    }

    /// <summary>
    /// A WeChat message from a customer whose ticket waits for them is their answer: it joins that ticket as a
    /// follow-up and resumes its clock, rather than opening a new ticket. Other channels thread their replies
    /// themselves (e-mail's References, a review's id).
    /// </summary>
    private async Task<IntakeOutcome?> AnswerToWaitingAsync(Submission s, CancellationToken ct)
    {
        if (s.Channel != Channels.ChannelNames.WeChat || Blank(s.CustomerId) is not { } customer) return null;
        var waiting = await queries.ListAsync(new TicketQuery(TicketStatus.Waiting, Limit: 1) { Channel = s.Channel, CustomerId = customer }, time.GetUtcNow(), ct);
        if (waiting is not [var ticket]) return null;
        var sourceId = Blank(s.ExternalId) ?? Feedback.Domain.Ids.NewHex();
        var result = await updater.UpdateAsync(ticket.Number, t =>
        {
            if (t.FollowUps.Any(f => f.Channel == s.Channel && f.SourceId == sourceId)) return Tickets.TicketChange.None;
            var now = time.GetUtcNow();
            var updated = t.With(new HistoryEntry(now, "customer-replied", s.Channel, null)) with
            {
                FollowUps = t.FollowUps.Add(new FollowUp(now, s.Channel, sourceId, Mask.Text(s.Content!.Trim()))),
            };
            return Tickets.SlaPause.OnCustomerMessage(
                Tickets.TicketChange.To(updated, FeedbackEvent.For(updated, TicketEventTypes.FollowedUp, now, "wechat message")), s.Channel, now, calendars.Current);
        }, ct);
        if (result.Kind != OutcomeKind.Ok) return null;
        if (result.Value.Changed) await workflows.RaiseAsync(ticket.Number, WorkflowEvents.Changed, ct);
        health.Updated(s.Channel);
        return new IntakeOutcome(ticket.Number, result.Value.Ticket.Status, Created: false);
    }

    /// <summary>Joins the repeat to the ticket's history. Best effort: the text is already on the ticket, so a
    /// note lost to a storm of identical posts loses nothing the customer said.</summary>
    private async Task NoteRepeatAsync(string number, string channel, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var repeated = await updater.UpdateAsync(number, t => Tickets.TicketChange.To(t.With(new HistoryEntry(now, "repeated", channel, null))), ct);
            if (repeated.Value is { Changed: true } r) await warnings.OnRepeatedAsync(r.Ticket, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRepeatNotNoted(logger, ex, number, channel);
        }
    }

    public static FieldErrors Validate(Submission s)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(s.Content)) errors.Required("content", "'content' is required.");
        if (s.Rating is not null and not (>= 1 and <= 5)) errors.Add("rating", "'rating' must be from 1 to 5.");
        errors.MaxLength("content", s.Content, MaxContentLength);
        errors.MaxLength("name", s.Name, 100);
        errors.MaxLength("contact", s.Contact, 200);
        errors.MaxLength("customerId", s.CustomerId, 100);
        errors.MaxLength("customerTier", s.Tier, 50);
        errors.MaxLength("externalId", s.ExternalId, 200);
        return errors;
    }

    private TicketDraft Draft(Submission s, DateTimeOffset now)
    {
        var channel = s.Channel;
        var content = s.Content!.Trim();
        var item = new FeedbackItem(
            Mask.Text(content), Mask.Name(s.Name), Mask.Contact(s.Contact),
            Blank(s.CustomerId), Blank(s.ExternalId), s.SubmittedAt)
        {
            PreClassified = s.PreClassified,
            Details = s.Details,
            Attachments = s.Attachments is { Count: > 0 } ? s.Attachments : null,
            Rating = s.Rating,
            Tier = Blank(s.Tier),
        };
        var junk = JunkFilter.ReasonFor(content);
        var ticket = new Ticket
        {
            Number = "",
            Channel = channel,
            ReceivedAt = now,
            Feedback = item,
            Contact = new ProtectedContact(Blank(s.Name), Blank(s.Contact)),
            Satisfaction = s.Satisfaction,
            Status = junk is null ? TicketStatus.Open : TicketStatus.SetAside,
            SetAsideReason = junk,
        }.With(new HistoryEntry(now, junk is null ? "created" : "set-aside", channel, junk));
        var created = new FeedbackEvent(FeedbackEvent.NewId(), junk is null ? TicketEventTypes.Created : TicketEventTypes.SetAside, "", now, channel);
        var day = TicketNumber.DayOf(now, business.Value.Zone);
        return new TicketDraft(ticket, day, DedupeKeys(channel, s, content, now), created);
    }

    private List<DedupeKey> DedupeKeys(string channel, Submission s, string content, DateTimeOffset now)
    {
        var keys = new List<DedupeKey>();
        if (Blank(s.ExternalId) is { } externalId)
            keys.Add(new DedupeKey(ExternalKey(channel, externalId), null));
        var sender = Blank(s.Contact)?.ToLowerInvariant() ?? Blank(s.CustomerId);
        if (sender is not null)
        {
            // Hashed, so the dedupe table holds no personal data.
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{sender}\n{Normalize(content)}")));
            keys.Add(new DedupeKey($"{ContentKeyPrefix}{channel}:{hash}", now + options.Value.DuplicateWindow));
        }
        return keys;
    }

    /// <summary>The dedupe key of a channel's own id for an item (a review id, an e-mail's Message-ID).</summary>
    public static string ExternalKey(string channel, string externalId) => $"ext:{channel}:{externalId.Trim()}";

    private static string Normalize(string content) =>
        string.Join(' ', content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A repeat from {Channel} could not be noted on ticket {TicketNumber}")]
    private static partial void LogRepeatNotNoted(ILogger logger, Exception exception, string ticketNumber, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketNumber} opened from {Channel}")]
    private static partial void LogAccepted(ILogger logger, string ticketNumber, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Item from {Channel} set aside as ticket {TicketNumber}: {Reason}")]
    private static partial void LogSetAside(ILogger logger, string ticketNumber, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate of ticket {TicketNumber} from {Channel}")]
    private static partial void LogDuplicate(ILogger logger, string ticketNumber, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow of ticket {TicketNumber} from {Channel} did not start; the reconciler will start it")]
    private static partial void LogStartFailed(ILogger logger, Exception ex, string ticketNumber, string channel);
}
