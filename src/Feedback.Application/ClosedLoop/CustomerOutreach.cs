using Feedback.Application.Channels;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Application.ClosedLoop;

/// <summary>
/// Reaches the customer through the channel they used: e-mail (and web forms that left an address) by SMTP,
/// WeChat by its customer-service API, and every channel that calls back itself (hotline, reviews, social,
/// survey) by a <c>customer.contact-requested</c> task. Transient failures are retried with doubling pauses;
/// what finally happened is returned for the ticket to record, never dropped.
/// </summary>
public sealed partial class CustomerOutreach(
    IEnumerable<ICustomerMessenger> messengers, IOptions<ClosedLoopOptions> options, TimeProvider time, ILogger<CustomerOutreach> logger)
{
    public const string Messaged = "customer.messaged";
    public const string ContactRequested = "customer.contact-requested";
    public const string DeliveryFailed = "customer.delivery-failed";

    public async Task<OutboundMessage> SendAsync(Ticket ticket, CustomerMessage message, CancellationToken ct)
    {
        var (messenger, recipient, why) = RouteOf(ticket);
        if (messenger is null || recipient is null)
            return new OutboundMessage(time.GetUtcNow(), ticket.Channel, message.Template, DeliveryResults.Requested, 0) { Detail = why };
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            string detail;
            try
            {
                var delivery = await messenger.SendAsync(recipient, message, ct);
                return new OutboundMessage(time.GetUtcNow(), messenger.Route, message.Template, delivery.Sent ? DeliveryResults.Sent : DeliveryResults.Failed, attempt)
                {
                    Detail = delivery.Detail,
                    MessageId = delivery.MessageId,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                detail = ex.Message;
                LogAttemptFailed(logger, ticket.Number, messenger.Route, attempt, ex.Message);
            }
            if (attempt >= o.Attempts)
                return new OutboundMessage(time.GetUtcNow(), messenger.Route, message.Template, DeliveryResults.Failed, attempt) { Detail = detail };
            await Task.Delay(o.FirstRetryDelay * Math.Pow(2, attempt - 1), time, ct);
        }
    }

    /// <summary>
    /// Records the message on the ticket in the same write as its events: customer.messaged when sent; a contact
    /// task when the channel calls back itself; and when delivery failed, customer.delivery-failed plus a contact
    /// task, so that somebody still reaches the customer. Events carry the masked text only.
    /// </summary>
    public static TicketChange Record(Ticket ticket, OutboundMessage sent, CustomerMessage message, string actor = "system")
    {
        var kind = sent.Result switch
        {
            DeliveryResults.Sent => "message-sent",
            DeliveryResults.Requested => "contact-requested",
            _ => "delivery-failed",
        };
        var updated = ticket.With(new HistoryEntry(sent.At, kind, actor,
            $"{sent.Template} via {sent.Channel}" + (sent.Detail is { } d ? $": {d}" : ""))) with { Messages = ticket.Messages.Add(sent) };
        // What the task needs, and nothing personal: the template and the link (the call centre looks the contact up).
        var text = message.Link is { } link ? $"{sent.Template}: {link}" : sent.Template;
        FeedbackEvent[] events = sent.Result switch
        {
            DeliveryResults.Sent => [FeedbackEvent.For(updated, Messaged, sent.At, $"{sent.Template} via {sent.Channel}")],
            DeliveryResults.Requested => [FeedbackEvent.For(updated, ContactRequested, sent.At, text)],
            _ => [FeedbackEvent.For(updated, DeliveryFailed, sent.At, $"{sent.Template} via {sent.Channel}: {sent.Detail}"),
                  FeedbackEvent.For(updated, ContactRequested, sent.At, text)],
        };
        return TicketChange.To(updated, events);
    }

    private (ICustomerMessenger? Messenger, Recipient? To, string Why) RouteOf(Ticket ticket)
    {
        var email = messengers.FirstOrDefault(m => m.Route == ChannelNames.Email);
        var wechat = messengers.FirstOrDefault(m => m.Route == ChannelNames.WeChat);
        switch (ticket.Channel)
        {
            case ChannelNames.WeChat when ticket.Feedback.CustomerId is { Length: > 0 } openId:
                return wechat is { IsConfigured: true }
                    ? (wechat, new Recipient(openId, null), "")
                    : (null, null, "no WeChat AppId/AppSecret configured: reach the customer in the official account's console");
            case ChannelNames.Email or ChannelNames.WebForm when ticket.Contact.Value is { } address && address.Contains('@'):
                var details = ticket.Feedback.Details;
                return email is { IsConfigured: true }
                    ? (email, new Recipient(address, ticket.Contact.Name)
                    {
                        ThreadMessageId = ticket.Channel == ChannelNames.Email ? details?.GetValueOrDefault("messageId") : null,
                        ThreadSubject = details?.GetValueOrDefault("subject"),
                    }, "")
                    : (null, null, "no SMTP server configured: reach the customer by e-mail by hand");
            default:
                return (null, null, $"no address to write to from the {ticket.Channel} channel: call or answer the customer there");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketNumber}: message via {Route}, attempt {Attempt} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string ticketNumber, string route, int attempt, string reason);
}
