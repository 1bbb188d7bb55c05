using System.Collections.Immutable;
using Feedback.Domain.Calendars;

namespace Feedback.Domain.Sla;

/// <summary>
/// The deadlines a ticket must meet, fixed at triage from the rule that matched, with what is needed to move
/// them later without the policy: the durations, the clock, the warning times and the ladder. A pause moves
/// the resolution deadline; a re-plan or a reopen makes a new plan.
/// </summary>
public sealed record SlaPlan(DateTimeOffset RespondBy, DateTimeOffset? ResolveBy)
{
    public string Rule { get; init; } = "default";
    public SlaClock Clock { get; init; } = SlaClock.Business;
    public SlaDuration? Respond { get; init; }
    public SlaDuration? Resolve { get; init; }
    public SlaDuration? FollowUp { get; init; }
    public DateTimeOffset? RespondWarnAt { get; init; }
    public DateTimeOffset? ResolveWarnAt { get; init; }

    /// <summary>Set at resolution: when the follow-up with the customer is due.</summary>
    public DateTimeOffset? FollowUpBy { get; init; }
    public int StartLevel { get; init; } = 1;
    public ImmutableList<EscalationStep> Ladder { get; init; } = [];

    /// <summary>The resolution clock's paused time so far, on the rule's clock.</summary>
    public TimeSpan Paused { get; init; }

    /// <summary>The same plan with the response due no later than <paramref name="deadline"/>.</summary>
    public SlaPlan RespondNoLaterThan(DateTimeOffset deadline) =>
        deadline < RespondBy ? this with { RespondBy = deadline, RespondWarnAt = RespondWarnAt < deadline ? RespondWarnAt : null } : this;

    public DateTimeOffset? DueOf(Stage stage) => stage switch
    {
        Stage.Response => RespondBy,
        Stage.Resolution => ResolveBy,
        _ => FollowUpBy,
    };

    public DateTimeOffset? WarnAtOf(Stage stage) => stage switch
    {
        Stage.Response => RespondWarnAt,
        Stage.Resolution => ResolveWarnAt,
        _ => null,
    };

    /// <summary>
    /// The plan after a pause from <paramref name="pausedAt"/> to <paramref name="resumedAt"/>: the resolution
    /// deadline (and its warning) move by the paused time on the rule's clock. A deadline already missed when
    /// the pause began stays missed.
    /// </summary>
    public SlaPlan Resumed(DateTimeOffset pausedAt, DateTimeOffset resumedAt, BusinessCalendar calendar)
    {
        if (ResolveBy is not { } due || pausedAt >= due || resumedAt <= pausedAt) return this;
        var working = Resolve?.CountsWorkingTime(Clock) ?? false;
        var paused = working ? calendar.WorkingTimeBetween(pausedAt, resumedAt) : resumedAt - pausedAt;
        if (paused <= TimeSpan.Zero) return this;
        DateTimeOffset Move(DateTimeOffset at) => working ? calendar.AddWorkingTime(at, paused) : at + paused;
        return this with
        {
            ResolveBy = Move(due),
            ResolveWarnAt = ResolveWarnAt is { } w && w > pausedAt ? Move(w) : ResolveWarnAt,
            Paused = Paused + paused,
        };
    }

    /// <summary>When a missed target reaches <paramref name="level"/>: its deadline for the start level, then each rung's interval on.</summary>
    public DateTimeOffset? EscalationDue(DateTimeOffset due, int level, BusinessCalendar calendar)
    {
        if (level < StartLevel || level > TopLevel) return null;
        var at = due;
        for (var l = StartLevel + 1; l <= level; l++)
            at = Ladder.FirstOrDefault(s => s.Level == l)?.After is { } after ? after.DueFrom(at, calendar, Clock) : at;
        return at;
    }

    public int TopLevel => Ladder.Count == 0 ? 1 : Ladder.Max(s => s.Level);

    public string RoleAt(int level) => Ladder.FirstOrDefault(s => s.Level == level)?.Role ?? Ladder.LastOrDefault()?.Role ?? $"level {level}";

    /// <summary>The time at which <paramref name="share"/> of the way from start to due has passed, on the rule's clock.</summary>
    public static DateTimeOffset? ShareOf(DateTimeOffset start, DateTimeOffset due, double share, bool working, BusinessCalendar calendar)
    {
        if (share is <= 0 or >= 1 || due <= start) return null;
        if (!working) return start + (due - start) * share;
        var length = calendar.WorkingTimeBetween(start, due);
        return length > TimeSpan.Zero ? calendar.AddWorkingTime(start, length * share) : null;
    }
}
