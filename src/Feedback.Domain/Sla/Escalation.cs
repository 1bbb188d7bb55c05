namespace Feedback.Domain.Sla;

/// <summary>The targets a ticket has: the first response, the resolution, and the follow-up after it.</summary>
public enum Stage { Response, Resolution, FollowUp }

/// <summary>
/// One escalation (升级) of a ticket: the target whose deadline was missed, the level reached and its role
/// (<see cref="To"/>), and whom it concerned. <see cref="Due"/> is the deadline missed: a deadline moved
/// later (a re-plan, a reopen) climbs its ladder afresh.
/// </summary>
public sealed record Escalation(Stage Stage, int Level, string To, DateTimeOffset At)
{
    public DateTimeOffset? Due { get; init; }
    public string? Department { get; init; }
    public string? Owner { get; init; }
    public TimeSpan? OverdueBy { get; init; }
}

/// <summary>One rung of the ladder: the level, the role it notifies, and how long after the rung below it comes.</summary>
public sealed record EscalationStep(int Level, string Role, SlaDuration? After = null);
