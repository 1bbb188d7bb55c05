namespace Feedback.Application.Privacy;

/// <summary>Who asks: the authenticated identity (never a field of the body), its role, and the address it came from.</summary>
public sealed record Caller(string Name, string Role, string? Address)
{
    /// <summary>The system itself: the retention timer.</summary>
    public static Caller System { get; } = new("system:retention", "system", null);
}
