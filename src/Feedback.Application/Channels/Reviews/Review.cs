using Feedback.Application.Common;
using Feedback.Application.Intake;

namespace Feedback.Application.Channels.Reviews;

/// <summary>A batch from an app store or review site (应用商店、评价网站), pulled or pushed by a connector.</summary>
public sealed record ReviewBatch(IReadOnlyList<Review>? Reviews)
{
    public const int MaxReviews = 100;
}

/// <summary>One review as the stores publish it (App Store Connect, Google Play, 大众点评 …), in one shape.</summary>
public sealed record Review(
    string? Store, string? App, string? ReviewId, int? Rating, string? Title, string? Body,
    string? Author, string? Territory, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt)
{
    public string ExternalId => $"{Store!.Trim().ToLowerInvariant()}:{App!.Trim()}:{ReviewId!.Trim()}";

    /// <summary>When the review last changed: what decides whether a resent review is news.</summary>
    public DateTimeOffset Version => UpdatedAt ?? CreatedAt ?? DateTimeOffset.MinValue;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        foreach (var (name, value, max) in new[] { ("store", Store, 40), ("app", App, 100), ("reviewId", ReviewId, 50) })
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Required(name, $"'{name}' is required.");
            errors.MaxLength(name, value, max);
        }
        if (Rating is null) errors.Required("rating", "'rating' is required.");
        else if (Rating is not (>= 1 and <= 5)) errors.Add("rating", "'rating' must be from 1 to 5.");
        if (string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body)) errors.Required("body", "'body' is required (or a 'title').");
        errors.MaxLength("title", Title, 500);
        errors.MaxLength("territory", Territory, 10);
        if (CreatedAt is { } c && UpdatedAt is { } u && u < c) errors.Add("updatedAt", "'updatedAt' must not be before 'createdAt'.");
        return errors;
    }

    /// <summary>The title and body read as one text, which is what the reviewer meant.</summary>
    public string Text => string.Join("\n", new[] { Title, Body }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()));

    public Submission ToSubmission()
    {
        var details = new Dictionary<string, string>
        {
            ["store"] = Store!.Trim(), ["app"] = App!.Trim(), ["reviewId"] = ReviewId!.Trim(),
            ["version"] = Version.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(Territory)) details["territory"] = Territory.Trim();
        // The author is a public nickname; it is masked like a name all the same.
        return new Submission(ChannelNames.Reviews, Text, Author, null, null, ExternalId, CreatedAt)
        {
            Rating = Rating,
            Details = details,
        };
    }
}
