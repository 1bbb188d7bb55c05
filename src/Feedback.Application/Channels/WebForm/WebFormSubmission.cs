using Feedback.Application.Intake;
namespace Feedback.Application.Channels.WebForm;

/// <summary>The body of <c>POST /api/channels/webform</c>.</summary>
public sealed record WebFormSubmission(
    string? Content,
    string? Name,
    string? Contact,
    string? CustomerId,
    string? ExternalId,
    DateTimeOffset? SubmittedAt)
{
    /// <summary>The customer's tier in the company's CRM (vip, gold …), for SLA rules that match on it.</summary>
    public string? CustomerTier { get; init; }

    public Submission ToSubmission(IReadOnlyList<Domain.Tickets.AttachmentRef>? attachments = null) =>
        new(ChannelNames.WebForm, Content, Name, Contact, CustomerId, ExternalId, SubmittedAt) { Attachments = attachments, Tier = CustomerTier };
}
