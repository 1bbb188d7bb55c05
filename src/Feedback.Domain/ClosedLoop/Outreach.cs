namespace Feedback.Domain.ClosedLoop;

/// <summary>How a message to the customer ended.</summary>
public static class DeliveryResults
{
    /// <summary>The channel took it (the SMTP server accepted it, WeChat answered errcode 0).</summary>
    public const string Sent = "sent";

    /// <summary>A channel that calls back itself (hotline, review sites, social, survey) got a <c>customer.contact-requested</c> task.</summary>
    public const string Requested = "requested";

    /// <summary>Every attempt failed, or the channel refused for good; someone has to reach the customer another way.</summary>
    public const string Failed = "delivery-failed";
}

/// <summary>The message templates the closed loop sends.</summary>
public static class Templates
{
    public const string SatisfactionRequest = "satisfaction-request";
    public const string SatisfactionReminder = "satisfaction-reminder";
    public const string PraiseThanks = "praise-thanks";
    public const string ImprovementDone = "improvement-done";
    public const string IncidentUpdate = "incident-update";
}

/// <summary>One message to the customer as the ticket keeps it: where, when, what, and how it ended.</summary>
public sealed record OutboundMessage(DateTimeOffset At, string Channel, string Template, string Result, int Attempts)
{
    public string? Detail { get; init; }

    /// <summary>The channel's id for what was sent (the e-mail's Message-ID, WeChat's msgid), for threading and support.</summary>
    public string? MessageId { get; init; }
}

/// <summary>
/// The satisfaction request for one resolution: its nonce is what a link's token must carry (so a token works for
/// this request only, and once), and the reminder and the close without an answer are due from when it was asked.
/// </summary>
public sealed record SatisfactionRequest(int Round, string Nonce, DateTimeOffset ResolvedAt, DateTimeOffset AskedAt, DateTimeOffset RemindAt, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? RemindedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? Verdict { get; init; }
    public string? Comment { get; init; }

    /// <summary>How the verdict came: link, wechat, hotline, survey, or no-answer.</summary>
    public string? AnsweredBy { get; init; }

    public bool IsOpen => AnsweredAt is null;
}

/// <summary>How long the customer has to answer: one reminder after <see cref="RemindAfter"/>, closed as no-answer after <see cref="Window"/>.</summary>
public sealed record SatisfactionPolicy(TimeSpan RemindAfter, TimeSpan Window)
{
    public static readonly SatisfactionPolicy Default = new(TimeSpan.FromHours(24), TimeSpan.FromDays(3));
}
