using Feedback.Domain.ClosedLoop;

namespace Feedback.Application.ClosedLoop;

/// <summary>The <c>ClosedLoop</c> section.</summary>
public sealed class ClosedLoopOptions
{
    /// <summary>No answer after this long: one reminder.</summary>
    public TimeSpan RemindAfter { get; set; } = SatisfactionPolicy.Default.RemindAfter;

    /// <summary>No answer after this long: closed as no-answer. The link expires with it.</summary>
    public TimeSpan Window { get; set; } = SatisfactionPolicy.Default.Window;

    /// <summary>Where customers reach this host: the satisfaction link is {PublicBaseUrl}/s/{token}.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The key links are signed with; unset, one is made once and kept in the settings store.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Attempts per message before it ends as delivery-failed, and the first pause between them (doubling).</summary>
    public int Attempts { get; set; } = 4;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public SatisfactionPolicy Policy => new(RemindAfter, Window);

    public string? Problem() =>
        RemindAfter <= TimeSpan.Zero || Window <= TimeSpan.Zero ? "ClosedLoop:RemindAfter and ClosedLoop:Window must be positive."
        : !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") ? "ClosedLoop:PublicBaseUrl must be an absolute http(s) URL."
        : Attempts is < 1 or > 10 ? "ClosedLoop:Attempts must be from 1 to 10."
        : FirstRetryDelay < TimeSpan.Zero ? "ClosedLoop:FirstRetryDelay must not be negative."
        : null;
}
