using Feedback.Application.Common;
using Feedback.Application.Intake;
using Feedback.Domain.Analysis;

namespace Feedback.Application.Channels.Hotline;

/// <summary>
/// A call record as the call-centre system posts it after the call (客服热线): the IVR menu choice
/// pre-classifies the ticket, the agent's notes are its content, and the key pressed after the call
/// (1 满意, 2 基本满意, 3 不满意) is the call's satisfaction.
/// </summary>
public sealed record HotlineCall(
    string? CallId,
    string? CallerNumber,
    string? CallerName,
    string? CustomerId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? IvrChoice,
    string? AgentNotes,
    int? SatisfactionKey,
    string? RecordingUrl)
{
    private static readonly Dictionary<string, FeedbackType> Menu = new(StringComparer.OrdinalIgnoreCase)
    {
        ["咨询"] = FeedbackType.Consultation, ["諮詢"] = FeedbackType.Consultation, ["consultation"] = FeedbackType.Consultation,
        ["投诉"] = FeedbackType.Complaint, ["投訴"] = FeedbackType.Complaint, ["complaint"] = FeedbackType.Complaint,
        ["建议"] = FeedbackType.Suggestion, ["建議"] = FeedbackType.Suggestion, ["suggestion"] = FeedbackType.Suggestion,
    };

    private static readonly string[] Satisfaction = ["满意", "基本满意", "不满意"];

    /// <summary>The caller's tier as the call centre's CRM knows it (vip, gold …).</summary>
    public string? CustomerTier { get; init; }

    /// <summary>Set on a callback (回访): the key pressed is then that ticket's verdict, and no ticket is opened.</summary>
    public string? TicketNumber { get; init; }

    /// <summary>The callback's ticket and key (1, 2, 3), or what is missing.</summary>
    public (string? Number, string? Key, FieldErrors Errors) ToVerdict()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(CallId)) errors.Required("callId", "'callId' is required: it makes a resent callback count once.");
        errors.MaxLength("callId", CallId, 100);
        var number = TicketNumber?.Trim();
        if (!Feedback.Domain.Tickets.TicketNumber.IsValid(number)) errors.Add("ticketNumber", "'ticketNumber' is not a ticket number (FB-yyyyMMdd-nnnnnn).");
        if (SatisfactionKey is null) errors.Required("satisfactionKey", "'satisfactionKey' is required on a callback: 1 (满意), 2 (基本满意) or 3 (不满意).");
        else if (SatisfactionKey is not (1 or 2 or 3)) errors.Add("satisfactionKey", "'satisfactionKey' must be 1 (满意), 2 (基本满意) or 3 (不满意).");
        return (number, SatisfactionKey?.ToString(System.Globalization.CultureInfo.InvariantCulture), errors);
    }

    public Outcome<Submission> ToSubmission()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(CallId)) errors.Required("callId", "'callId' is required.");
        errors.MaxLength("callId", CallId, 100);
        if (string.IsNullOrWhiteSpace(AgentNotes)) errors.Required("agentNotes", "'agentNotes' is required: they are the ticket's content.");
        if (IvrChoice is not null && !Menu.ContainsKey(IvrChoice.Trim())) errors.Add("ivrChoice", "'ivrChoice' must be 咨询, 投诉 or 建议.");
        if (SatisfactionKey is not null and not (1 or 2 or 3)) errors.Add("satisfactionKey", "'satisfactionKey' must be 1 (满意), 2 (基本满意) or 3 (不满意).");
        if (StartedAt is { } start && EndedAt is { } end && end < start) errors.Add("endedAt", "'endedAt' must not be before 'startedAt'.");
        if (RecordingUrl is not null && !(Uri.TryCreate(RecordingUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
            errors.Add("recordingUrl", "'recordingUrl' must be an absolute http(s) URL.");
        if (errors.Any) return Outcome<Submission>.Invalid(errors);

        var details = new Dictionary<string, string> { ["callId"] = CallId!.Trim() };
        if (RecordingUrl is not null) details["recordingUrl"] = RecordingUrl;
        if (StartedAt is { } s && EndedAt is { } e) details["durationSeconds"] = ((int)(e - s).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Outcome<Submission>.Ok(new Submission(ChannelNames.Hotline, AgentNotes, CallerName, CallerNumber, CustomerId, CallId, StartedAt)
        {
            PreClassified = IvrChoice is null ? null : Menu[IvrChoice.Trim()],
            Satisfaction = SatisfactionKey is { } key ? Satisfaction[key - 1] : null,
            Details = details,
            Tier = CustomerTier,
        });
    }
}
