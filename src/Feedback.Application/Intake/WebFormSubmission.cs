namespace Feedback.Application.Intake;

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
}

public static class ChannelNames
{
    public const string WebForm = "webform";
    public const string Hotline = "hotline";
    public const string Social = "social";
    public const string Survey = "survey";
    public const string WeChat = "wechat";
    public const string Reviews = "reviews";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [WebForm, Hotline, WeChat, Reviews, Email, Social, Survey];
}
