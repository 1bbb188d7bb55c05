using System.Collections.Immutable;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Warnings;

/// <summary>raised → verified (or dismissed) → assigned → resolved → reviewed (复盘).</summary>
public static class WarningStates
{
    public const string Raised = "raised";
    public const string Verified = "verified";
    public const string Dismissed = "dismissed";
    public const string Assigned = "assigned";
    public const string Resolved = "resolved";
    public const string Reviewed = "reviewed";
    public static readonly IReadOnlyList<string> All = [Raised, Verified, Dismissed, Assigned, Resolved, Reviewed];

    /// <summary>A condition that continues updates a warning in these states instead of raising another.</summary>
    public static readonly IReadOnlyList<string> Open = [Raised, Verified, Assigned];
}

/// <summary>What a rule found: the condition's key (what continues it), the level it reached, and its evidence.</summary>
public sealed record Finding(WarningRule Rule, string Key, WarningLevel Level, string Title, IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Tickets)
{
    /// <summary>The window and the baseline in words, for the evidence.</summary>
    public string? Window { get; init; }
    public string? Baseline { get; init; }

    /// <summary>How many times the condition was found in this one finding (content findings coalesced from many triages).</summary>
    public int Occurrences { get; init; } = 1;
}

/// <summary>复盘: what caused it, what was done, what was learned, and the improvement actions it led to.</summary>
public sealed record WarningReview(string Cause, string Actions, string Lessons, IReadOnlyList<string> Improvements);

/// <summary>One early warning (预警): its rule, level, evidence, owner and deadline, and its history.</summary>
public sealed record Warning(string Id, string RuleId, string Kind, string Key, WarningLevel Level, string Title, DateTimeOffset FirstSeen)
{
    public const string RecordKind = "warning";
    public const int MaxTickets = 20;

    public string LevelLabel => WarningLevels.Chinese(Level);
    public string State { get; init; } = WarningStates.Raised;
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>How often the condition was found while this warning was open.</summary>
    public int Count { get; init; } = 1;
    public IReadOnlyDictionary<string, double> Figures { get; init; } = ImmutableDictionary<string, double>.Empty;
    public string? Window { get; init; }
    public string? Baseline { get; init; }
    public ImmutableList<string> Tickets { get; init; } = [];
    public string? Owner { get; init; }
    public string? Department { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>For 舆情: when the public statement is due.</summary>
    public DateTimeOffset? StatementDueBy { get; init; }
    public string? DismissReason { get; init; }
    public WarningReview? Review { get; init; }
    public ImmutableList<HistoryEntry> History { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsOpen => WarningStates.Open.Contains(State);

    /// <summary>The warning after the same condition was found again: count, last seen, figures, tickets; upgraded if higher.</summary>
    public Warning Seen(Finding finding, DateTimeOffset now) => this with
    {
        Level = finding.Level > Level ? finding.Level : Level,
        Title = finding.Level > Level ? finding.Title : Title,
        Count = Count + finding.Occurrences,
        LastSeen = now,
        Figures = finding.Figures,
        Tickets = [.. Tickets.Concat(finding.Tickets).Distinct().TakeLast(MaxTickets)],
        UpdatedAt = now,
        History = finding.Level > Level
            ? History.Add(new HistoryEntry(now, "upgraded", "system", $"{WarningLevels.Chinese(Level)} → {WarningLevels.Chinese(finding.Level)}"))
            : History,
    };
}
