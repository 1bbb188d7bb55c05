namespace Feedback.Domain.Sla;

/// <summary>The deadlines a ticket has: the first response, then the resolution.</summary>
public enum Stage { Response, Resolution }

/// <summary>One escalation (升级) of a ticket: the stage whose deadline was missed, the level reached, and to whom.</summary>
public sealed record Escalation(Stage Stage, int Level, string To, DateTimeOffset At);
