namespace Feedback.Domain.ClosedLoop;

/// <summary>A complaint's root-cause record: 发生环节, 直接原因, 根本原因, 改进措施.</summary>
public sealed record RootCause(string Stage, string DirectCause, string Cause, string CorrectiveAction);

/// <summary>可行 / 部分可行 / 不可行.</summary>
public static class Feasibility
{
    public const string Feasible = "可行";
    public const string Partly = "部分可行";
    public const string NotFeasible = "不可行";
    public static readonly IReadOnlyList<string> All = [Feasible, Partly, NotFeasible];
}

/// <summary>What became of a suggestion: its feasibility, the decision, and the release it is planned for.</summary>
public sealed record SuggestionOutcome(string Feasibility, string Decision, string? PlannedRelease);

/// <summary>Why a ticket closed: the verdict, no answer in the window, or praise thanked and archived.</summary>
public static class CloseReasons
{
    public const string Satisfied = "satisfied";
    public const string Basic = "basically-satisfied";
    public const string NoAnswer = "no-answer";
    public const string Archived = "archived";
}
