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
    public Submission ToSubmission(IReadOnlyList<Domain.Tickets.AttachmentRef>? attachments = null) =>
        new(ChannelNames.WebForm, Content, Name, Contact, CustomerId, ExternalId, SubmittedAt) { Attachments = attachments };
}
