namespace Feedback.Application.Channels;

/// <summary>Why a channel refused a request: what channel health counts, by name, never by message text.</summary>
public enum RefusalReason { Invalid, Malformed, Signature, Stale, TooLarge, MediaType, NotFound }

/// <summary>A field a channel's format refused: the message for the caller, the reason and whether it was missing for health.</summary>
public sealed record FieldProblem(string Field, string Message, RefusalReason Reason = RefusalReason.Invalid, bool Missing = false)
{
    public static FieldProblem Required(string field, string message) => new(field, message, Missing: true);
}

public static class RefusalReasons
{
    /// <summary>The name health counts a refusal under (<c>rejected:stale</c> …).</summary>
    public static string Code(this RefusalReason reason) => reason switch
    {
        RefusalReason.Malformed => "malformed",
        RefusalReason.Signature => "signature",
        RefusalReason.Stale => "stale",
        RefusalReason.TooLarge => "too-large",
        RefusalReason.MediaType => "media-type",
        RefusalReason.NotFound => "not-found",
        _ => "invalid",
    };
}
