using System.Collections.Immutable;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.ClosedLoop;

/// <summary>An improvement action's states, in order: proposed → in-progress → done → verified.</summary>
public static class ImprovementStatus
{
    public const string Proposed = "proposed";
    public const string InProgress = "in-progress";
    public const string Done = "done";
    public const string Verified = "verified";
    public static readonly IReadOnlyList<string> All = [Proposed, InProgress, Done, Verified];

    /// <summary>The state an action moves to, from the state it needs: start, complete, verify.</summary>
    public static readonly IReadOnlyDictionary<string, (string From, string To)> Moves = new Dictionary<string, (string, string)>
    {
        ["start"] = (Proposed, InProgress),
        ["complete"] = (InProgress, Done),
        ["verify"] = (Done, Verified),
    };
}

/// <summary>
/// 改进措施: what is done about a cause, linked to the tickets (or the warning) that showed it, with an owner, a
/// department, a due date and how success is measured. Every move is kept in its history.
/// </summary>
public sealed record Improvement(
    string Id, string Title, string Owner, string Department, DateOnly DueDate, string SuccessMeasure, DateTimeOffset CreatedAt)
{
    public const string Kind = "improvement";

    public string Status { get; init; } = ImprovementStatus.Proposed;
    public string? Description { get; init; }
    public ImmutableList<string> Tickets { get; init; } = [];
    public string? WarningId { get; init; }
    public ImmutableList<HistoryEntry> History { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the customers of the linked tickets were told it is done (customer.informed).</summary>
    public DateTimeOffset? InformedAt { get; init; }

    /// <summary>The action after a move: its history gains the entry; a state name as <paramref name="kind"/> also moves it there.</summary>
    public Improvement With(string kind, string actor, string? note, DateTimeOffset at) => this with
    {
        Status = ImprovementStatus.All.Contains(kind) ? kind : Status,
        UpdatedAt = at,
        History = History.Add(new HistoryEntry(at, kind, actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim())),
    };
}
