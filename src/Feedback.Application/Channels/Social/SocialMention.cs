using System.Globalization;
using Feedback.Application.Common;
using Feedback.Application.Intake;

namespace Feedback.Application.Channels.Social;

/// <summary>How far a post travelled; the warning rules weigh it.</summary>
public sealed record Reach(long? Followers, long? Reposts, long? Comments, long? Likes);

/// <summary>A mention from a social-listening tool (微博, 知乎, 论坛 …).</summary>
public sealed record SocialMention(
    string? Platform,
    string? PostId,
    string? Author,
    string? Text,
    string? Url,
    Reach? Reach,
    DateTimeOffset? PostedAt)
{
    public Outcome<Submission> ToSubmission()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(Platform)) errors.Required("platform", "'platform' is required (微博, 知乎, 论坛 …).");
        errors.MaxLength("platform", Platform, 30);
        if (string.IsNullOrWhiteSpace(PostId)) errors.Required("postId", "'postId' is required.");
        errors.MaxLength("postId", PostId, 200);
        if (string.IsNullOrWhiteSpace(Text)) errors.Required("text", "'text' is required.");
        errors.MaxLength("author", Author, 100);
        if (Url is not null && !(Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
            errors.Add("url", "'url' must be an absolute http(s) URL.");
        foreach (var (name, value) in Counts())
            if (value < 0) errors.Add($"reach.{name}", $"'reach.{name}' cannot be negative.");
        if (errors.Any) return Outcome<Submission>.Invalid(errors);

        var details = new Dictionary<string, string> { ["platform"] = Platform!.Trim(), ["postId"] = PostId!.Trim() };
        if (Url is not null) details["url"] = Url;
        foreach (var (name, value) in Counts()) details[$"reach.{name}"] = value!.Value.ToString(CultureInfo.InvariantCulture);
        return Outcome<Submission>.Ok(new Submission(ChannelNames.Social, Text, Author, null, null, $"{Platform!.Trim()}:{PostId!.Trim()}", PostedAt)
        {
            Details = details,
        });
    }

    private IEnumerable<(string Name, long? Value)> Counts() =>
        new[] { ("followers", Reach?.Followers), ("reposts", Reach?.Reposts), ("comments", Reach?.Comments), ("likes", Reach?.Likes) }
            .Where(c => c.Item2 is not null);
}
