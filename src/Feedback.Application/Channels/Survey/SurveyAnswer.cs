using Feedback.Application.Common;
using Feedback.Application.Intake;
using Feedback.Domain.Tickets;

namespace Feedback.Application.Channels.Survey;

/// <summary>Ratings from 1 (worst) to 5 on the dimensions the documents name.</summary>
public sealed record SurveyRatings(int? EaseOfUse, int? Attitude, int? ResolutionEfficiency);

/// <summary>
/// An answer from a survey or in-product feedback tool (满意度调查). With a ticket number it rates that
/// ticket (满意 / 基本满意 / 不满意, given or derived from the ratings); without one its text is new feedback.
/// </summary>
public sealed record SurveyAnswer(
    string? SurveyId,
    string? ResponseId,
    string? CustomerId,
    string? TicketNumber,
    SurveyRatings? Ratings,
    string? Satisfaction,
    string? Text,
    DateTimeOffset? SubmittedAt)
{
    public static readonly string[] Levels = ["满意", "基本满意", "不满意"];

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["满意"] = "满意", ["滿意"] = "满意", ["satisfied"] = "满意",
        ["基本满意"] = "基本满意", ["基本滿意"] = "基本满意", ["partly satisfied"] = "基本满意",
        ["不满意"] = "不满意", ["不滿意"] = "不满意", ["dissatisfied"] = "不满意",
    };

    public bool RatesATicket => !string.IsNullOrWhiteSpace(TicketNumber);

    /// <summary>The level given, or derived from the mean rating: 4 and up 满意, 3 基本满意, below 不满意.</summary>
    public string? Level
    {
        get
        {
            if (Satisfaction is not null) return Names.GetValueOrDefault(Satisfaction.Trim());
            var given = new[] { Ratings?.EaseOfUse, Ratings?.Attitude, Ratings?.ResolutionEfficiency }.OfType<int>().ToList();
            if (given.Count == 0) return null;
            var mean = given.Average();
            return mean >= 4 ? "满意" : mean >= 3 ? "基本满意" : "不满意";
        }
    }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(SurveyId)) errors.Required("surveyId", "'surveyId' is required.");
        if (string.IsNullOrWhiteSpace(ResponseId)) errors.Required("responseId", "'responseId' is required: it makes a resent answer count once.");
        errors.MaxLength("responseId", ResponseId, 100);
        foreach (var (name, value) in new[] { ("easeOfUse", Ratings?.EaseOfUse), ("attitude", Ratings?.Attitude), ("resolutionEfficiency", Ratings?.ResolutionEfficiency) })
            if (value is not null and not (>= 1 and <= 5)) errors.Add($"ratings.{name}", $"'ratings.{name}' must be from 1 to 5.");
        if (Satisfaction is not null && !Names.ContainsKey(Satisfaction.Trim())) errors.Add("satisfaction", "'satisfaction' must be 满意, 基本满意 or 不满意.");
        if (RatesATicket)
        {
            if (!Feedback.Domain.Tickets.TicketNumber.IsValid(TicketNumber!.Trim())) errors.Add("ticketNumber", "'ticketNumber' is not a ticket number (FB-yyyyMMdd-nnnnnn).");
            if (Satisfaction is null && Ratings is null) errors.Add("satisfaction", "Rating a ticket takes 'satisfaction' or 'ratings'.");
        }
        else if (string.IsNullOrWhiteSpace(Text)) errors.Required("text", "'text' is required when the answer rates no ticket.");
        return errors;
    }

    public Submission ToSubmission()
    {
        var details = new Dictionary<string, string> { ["surveyId"] = SurveyId!.Trim(), ["responseId"] = ResponseId!.Trim() };
        if (Ratings?.EaseOfUse is { } e) details["ratings.easeOfUse"] = e.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Ratings?.Attitude is { } a) details["ratings.attitude"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Ratings?.ResolutionEfficiency is { } r) details["ratings.resolutionEfficiency"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Submission(ChannelNames.Survey, Text, null, null, CustomerId, $"{SurveyId!.Trim()}:{ResponseId!.Trim()}", SubmittedAt)
        {
            Satisfaction = Level,
            Details = details,
        };
    }
}
