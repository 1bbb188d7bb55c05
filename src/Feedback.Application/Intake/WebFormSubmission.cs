namespace Feedback.Application.Intake;

/// <summary>The body of <c>POST /api/channels/webform</c>.</summary>
public sealed record WebFormSubmission(
    string? Content,
    string? Name,
    string? Contact,
    string? CustomerId,
    string? ExternalId,
    DateTimeOffset? SubmittedAt);

public static class Channels
{
    public const string WebForm = "webform";
}
