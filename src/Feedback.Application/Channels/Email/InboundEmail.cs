using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;

namespace Feedback.Application.Channels.Email;

/// <summary>A file attached to a mail, decoded.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A raw message (<c>message/rfc822</c>) as an inbound-mail relay posts it, read with MimeKit: the sender,
/// the subject, the text (HTML reduced to text), the attachments, and what ties it to an earlier mail.
/// </summary>
public sealed partial record InboundEmail(
    string MessageId, string? SenderName, string SenderAddress, string Subject, string Text,
    IReadOnlyList<string> Refers, string? TicketNumberInSubject, IReadOnlyList<MailAttachment> Attachments, DateTimeOffset? Date)
{
    public const int MaxAttachments = 10;

    public static async Task<(InboundEmail? Email, FieldProblem? Problem)> ParseAsync(byte[] raw, CancellationToken ct)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(new MemoryStream(raw), ct);
        }
        catch (FormatException ex)
        {
            return (null, new FieldProblem("body", $"The body is not a MIME message: {ex.Message}"));
        }
        if (message.From.Mailboxes.FirstOrDefault() is not { } sender || string.IsNullOrWhiteSpace(sender.Address) || !sender.Address.Contains('@'))
            return (null, FieldProblem.Required("From", "'From' is required: a mailbox to answer."));

        var text = message.TextBody is { Length: > 0 } plain ? plain : message.HtmlBody is { } html ? HtmlText.ToText(html) : "";
        var attachments = new List<MailAttachment>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            if (attachments.Count == MaxAttachments) return (null, new FieldProblem("attachments", $"At most {MaxAttachments} attachments are taken."));
            using var content = new MemoryStream();
            if (part.Content is { } body) await body.DecodeToAsync(content, ct);
            attachments.Add(new MailAttachment(part.FileName ?? "attachment", part.ContentType.MimeType, content.ToArray()));
        }
        var subject = message.Subject?.Trim() ?? "";
        // Without a Message-ID the bytes themselves identify the mail, so a resend still counts once.
        var id = string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexString(SHA256.HashData(raw)).ToLowerInvariant()
            : message.MessageId.Trim();
        var refers = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) refers.Add(message.InReplyTo.Trim());
        refers.AddRange(message.References.Reverse().Where(r => !refers.Contains(r)));
        var number = TicketNumberPattern().Match(subject) is { Success: true } m ? m.Value : null;
        return (new InboundEmail(id, string.IsNullOrWhiteSpace(sender.Name) ? null : sender.Name.Trim(), sender.Address.Trim(), subject,
            text.Trim(), refers, number, attachments, message.Date == DateTimeOffset.MinValue ? null : message.Date), null);
    }

    /// <summary>The subject and the new text; in a reply, the quoted earlier mail is left out.</summary>
    public string Content(bool reply)
    {
        var lines = Text.Split('\n').Select(l => l.TrimEnd('\r'));
        if (reply) lines = lines.TakeWhile(l => !QuoteHeader().IsMatch(l)).Where(l => !l.StartsWith('>'));
        var body = string.Join('\n', lines).Trim();
        var content = Subject.Length > 0 && !body.Contains(Subject, StringComparison.Ordinal) ? $"{Subject}\n{body}".Trim() : body;
        return content.Length <= Intake.IntakeService.MaxContentLength ? content : content[..(Intake.IntakeService.MaxContentLength - 10)] + "…（已截断）";
    }

    [GeneratedRegex(@"FB-\d{8}-\d{6}")]
    private static partial Regex TicketNumberPattern();

    // "On Mon, 23 Nov 2026 … wrote:", "在 2026年11月23日 … 写道：", Outlook's "-----Original Message-----" / "发件人:".
    [GeneratedRegex(@"^(On .+ wrote:|在.+写道[:：]|-+ ?(Original Message|原始邮件) ?-+|(From|发件人)[:：].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();
}
