namespace Feedback.Application.Intake;

/// <summary>One item from any channel, in the pipeline's terms; each channel maps its own format onto it.</summary>
public sealed record Submission(
    string Channel,
    string? Content,
    string? Name,
    string? Contact,
    string? CustomerId,
    string? ExternalId,
    DateTimeOffset? SubmittedAt)
{
    public Domain.Analysis.FeedbackType? PreClassified { get; init; }
    public string? Satisfaction { get; init; }
    public IReadOnlyDictionary<string, string>? Details { get; init; }
    public IReadOnlyList<Domain.Tickets.AttachmentRef>? Attachments { get; init; }
    public int? Rating { get; init; }

    /// <summary>The customer's tier as the channel knows it (vip, gold …); SLA rules may match on it.</summary>
    public string? Tier { get; init; }
}
