namespace Feedback.Domain.Warnings;

/// <summary>预警级别: 一般, 重要, 严重.</summary>
public enum WarningLevel { General = 1, Important = 2, Severe = 3 }

public static class WarningLevels
{
    public static string Chinese(WarningLevel level) => level switch
    {
        WarningLevel.Severe => "严重",
        WarningLevel.Important => "重要",
        _ => "一般",
    };

    public static WarningLevel? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "一般" or "general" or "1" => WarningLevel.General,
        "重要" or "important" or "2" => WarningLevel.Important,
        "严重" or "severe" or "3" => WarningLevel.Severe,
        _ => null,
    };

    /// <summary>How long an assigned warning has to be resolved, by level (the documents: 严重 first).</summary>
    public static TimeSpan DefaultDeadline(WarningLevel level) => level switch
    {
        WarningLevel.Severe => TimeSpan.FromHours(2),
        WarningLevel.Important => TimeSpan.FromHours(8),
        _ => TimeSpan.FromHours(24),
    };
}

/// <summary>The signals a rule can watch.</summary>
public static class WarningKinds
{
    /// <summary>At triage: an urgent item with one of the rule's heavily weighted negative keywords.</summary>
    public const string ContentKeyword = "content-keyword";

    /// <summary>At triage: a customer's second complaint while one is still open.</summary>
    public const string CustomerEscalating = "customer-escalating";

    /// <summary>At intake: the same customer sending the same thing again (the <c>repeated</c> history entry).</summary>
    public const string RepeatCustomer = "repeat-customer";

    /// <summary>Items mentioning waiting (等了, 还没, 催 …) within the window, at least the threshold.</summary>
    public const string WaitingMentions = "waiting-mentions";

    /// <summary>Consultations about one key phrase within the window, at least the threshold.</summary>
    public const string ProcessQuestions = "process-questions";

    /// <summary>Complaints of one nature, or items of one key phrase, above the baseline factor and at least the threshold.</summary>
    public const string Surge = "surge";

    /// <summary>Items with one of the rule's keywords within minutes, at least the threshold (系统故障).</summary>
    public const string Burst = "burst";

    /// <summary>Negative social mentions weighted by reach within the window, at least the threshold (舆情).</summary>
    public const string SocialWave = "social-wave";

    /// <summary>Today's average response time above the baseline days' by the factor (1.2: 20 % above).</summary>
    public const string ResponseTime = "response-time";

    /// <summary>Resolved over created in the window's days below the threshold (0.9).</summary>
    public const string ResolutionRate = "resolution-rate";

    /// <summary>The share of 满意 falling for the threshold's number of days in a row.</summary>
    public const string SatisfactionFalling = "satisfaction-falling";

    /// <summary>The share of breached tickets today above the baseline days' by the factor.</summary>
    public const string BreachShareRising = "breach-share-rising";

    /// <summary>A channel quiet or failing (channel health).</summary>
    public const string ChannelHealth = "channel-health";

    /// <summary>流失预警: a customer with an unsatisfied or breached ticket not heard from for the window (30 days).</summary>
    public const string ChurnRisk = "churn-risk";

    public static readonly IReadOnlyList<string> All =
    [
        ContentKeyword, CustomerEscalating, RepeatCustomer, WaitingMentions, ProcessQuestions, Surge, Burst, SocialWave,
        ResponseTime, ResolutionRate, SatisfactionFalling, BreachShareRising, ChannelHealth, ChurnRisk,
    ];

    /// <summary>Kinds decided as tickets arrive rather than by the timer.</summary>
    public static bool AtIntake(string kind) => kind is ContentKeyword or CustomerEscalating or RepeatCustomer;
}

/// <summary>
/// One warning rule (预警规则), as data: what it watches, at which level it raises, over which window, from which
/// threshold and baseline. <see cref="UpgradeAt"/> times the threshold raises it one level more.
/// </summary>
public sealed record WarningRule(string Id, string Kind, WarningLevel Level, string Title)
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
    public double Threshold { get; init; }

    /// <summary>For surges and rates: the least count that makes the figure mean anything.</summary>
    public int MinCount { get; init; }

    /// <summary>For surges and metrics: the factor over the baseline, and how many days back the baseline looks.</summary>
    public double BaselineFactor { get; init; } = 1;
    public int BaselineDays { get; init; } = 7;

    /// <summary>For surges: nature or keyphrase.</summary>
    public string? Dimension { get; init; }

    /// <summary>For content and burst rules: the keywords watched.</summary>
    public IReadOnlyList<string>? Terms { get; init; }

    public double UpgradeAt { get; init; } = 2;
    public bool Enabled { get; init; } = true;

    /// <summary>For 舆情: a public statement is due this long after the warning is raised.</summary>
    public TimeSpan? StatementWithin { get; init; }
}
