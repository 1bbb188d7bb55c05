using Feedback.Application.Channels;
using Feedback.Application.Ports;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Feedback.Messaging;

/// <summary>The <c>Messaging:Smtp</c> section; unset <see cref="Host"/>, e-mail customers get a contact task instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string From { get; set; } = "客户服务 <service@example.com>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Replies to the customer's e-mail in the same thread (In-Reply-To and References name their Message-ID, the
/// subject keeps theirs with the ticket number) over SMTP with MailKit. A 5xx reply is a refusal for good; a
/// connection failure or a 4xx reply is transient and thrown for the caller to retry.
/// </summary>
public sealed class SmtpMessenger(IOptions<SmtpOptions> options) : ICustomerMessenger
{
    public string Route => ChannelNames.Email;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task<Delivery> SendAsync(Recipient to, CustomerMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var from = MailboxAddress.Parse(o.From);
        var mail = new MimeMessage
        {
            Subject = to.ThreadSubject is { Length: > 0 } subject
                ? $"Re: {StripReply(subject)}{(subject.Contains(message.TicketNumber, StringComparison.Ordinal) ? "" : $" [{message.TicketNumber}]")}"
                : message.Subject,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new TextPart("plain") { Text = message.Text },
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(to.Name ?? "", to.Address));
        if (to.ThreadMessageId is { Length: > 0 } thread && !thread.StartsWith("sha256:", StringComparison.Ordinal))
        {
            mail.InReplyTo = thread.Trim('<', '>');
            mail.References.Add(thread.Trim('<', '>'));
        }
        mail.Headers.Add("X-Feedback-Ticket", message.TicketNumber);

        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.Security, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            var reply = await client.SendAsync(mail, ct);
            await client.DisconnectAsync(quit: true, ct);
            return new Delivery(true, reply, mail.MessageId);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return Delivery.Refused($"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
    }

    private static string StripReply(string subject) =>
        subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("回复：", StringComparison.Ordinal) ? subject[3..].TrimStart() : subject;
}
