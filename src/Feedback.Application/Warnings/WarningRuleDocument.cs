using System.Globalization;
using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Warnings;

namespace Feedback.Application.Warnings;

/// <summary>One rule as ops write it in <c>PUT /api/warnings/rules</c>; durations like <c>10m</c>, <c>1h</c>, <c>7d</c> or <c>01:00:00</c>.</summary>
public sealed record WarningRuleDocument(
    string? Id, string? Kind, string? Level, string? Title, string? Window = null, double? Threshold = null, int? MinCount = null,
    double? BaselineFactor = null, int? BaselineDays = null, string? Dimension = null, IReadOnlyList<string>? Terms = null,
    double? UpgradeAt = null, bool? Enabled = null, string? StatementWithin = null)
{
    public static WarningRuleDocument Of(WarningRule r) => new(
        r.Id, r.Kind, WarningLevels.Chinese(r.Level), r.Title, Duration(r.Window), r.Threshold, r.MinCount, r.BaselineFactor, r.BaselineDays,
        r.Dimension, r.Terms, r.UpgradeAt, r.Enabled, r.StatementWithin is { } s ? Duration(s) : null);

    public WarningRule? Validate(string at, FieldErrors errors)
    {
        var before = errors.ToDictionary().Count;
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 50 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors.Required($"{at}.id", "'id' is required: 1 to 50 letters, digits or '-'.");
        if (Kind is null || !WarningKinds.All.Contains(Kind)) errors.Required($"{at}.kind", $"'kind' must be one of {string.Join(", ", WarningKinds.All)}.");
        var level = WarningLevels.Parse(Level);
        if (level is null) errors.Required($"{at}.level", "'level' must be 一般, 重要 or 严重.");
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 100) errors.Required($"{at}.title", "'title' is required, at most 100 characters (in Chinese).");
        TimeSpan window = TimeSpan.FromHours(1), statement = default;
        if (Window is not null && (!TryDuration(Window, out window) || window <= TimeSpan.Zero || window > TimeSpan.FromDays(31)))
            errors.Add($"{at}.window", "'window' must be a duration up to 31 days, like 10m, 1h or 7d.");
        if (StatementWithin is not null && (!TryDuration(StatementWithin, out statement) || statement <= TimeSpan.Zero))
            errors.Add($"{at}.statementWithin", "'statementWithin' must be a duration, like 24h.");
        if (Threshold is < 0) errors.Add($"{at}.threshold", "'threshold' must not be negative.");
        if (MinCount is < 0) errors.Add($"{at}.minCount", "'minCount' must not be negative.");
        if (BaselineFactor is <= 0) errors.Add($"{at}.baselineFactor", "'baselineFactor' must be positive.");
        if (BaselineDays is < 1 or > 28) errors.Add($"{at}.baselineDays", "'baselineDays' must be from 1 to 28.");
        if (UpgradeAt is <= 1) errors.Add($"{at}.upgradeAt", "'upgradeAt' must be above 1: the multiple of the threshold that raises the level.");
        if (Kind == WarningKinds.Surge && Dimension is not ("nature" or "keyphrase")) errors.Add($"{at}.dimension", "A surge watches 'nature' or 'keyphrase'.");
        if (Kind is WarningKinds.Burst or WarningKinds.ContentKeyword && Terms is not { Count: > 0 }) errors.Required($"{at}.terms", "'terms' is required: the keywords it watches.");
        if (Terms?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50) == true) errors.Add($"{at}.terms", "Each term must be 1 to 50 characters.");
        if (Kind is WarningKinds.Burst or WarningKinds.WaitingMentions or WarningKinds.ProcessQuestions or WarningKinds.SocialWave or WarningKinds.ResolutionRate
            && Threshold is not > 0) errors.Required($"{at}.threshold", "'threshold' is required and positive for this kind.");
        if (errors.ToDictionary().Count > before) return null;
        var defaults = new WarningRule(Id!, Kind!, level!.Value, Title!.Trim());
        return defaults with
        {
            Window = window,
            Threshold = Threshold ?? 0,
            MinCount = MinCount ?? 0,
            BaselineFactor = BaselineFactor ?? defaults.BaselineFactor,
            BaselineDays = BaselineDays ?? defaults.BaselineDays,
            Dimension = Dimension,
            Terms = Terms is null ? null : [.. Terms.Select(t => t.Trim())],
            UpgradeAt = UpgradeAt ?? defaults.UpgradeAt,
            Enabled = Enabled ?? true,
            StatementWithin = StatementWithin is null ? null : statement,
        };
    }

    private static string Duration(TimeSpan t) =>
        t.TotalDays >= 1 && t.TotalDays % 1 == 0 ? $"{t.TotalDays:0}d" : t.TotalHours >= 1 && t.TotalHours % 1 == 0 ? $"{t.TotalHours:0}h" : $"{t.TotalMinutes:0}m";

    private static bool TryDuration(string text, out TimeSpan value)
    {
        var s = text.Trim();
        if (s.Length > 1 && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            value = s[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => TimeSpan.Zero };
            if (value > TimeSpan.Zero) return true;
        }
        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value);
    }
}

public sealed record WarningRulesDocument(IReadOnlyList<WarningRuleDocument?>? Rules)
{
    public static WarningRulesDocument Of(IReadOnlyList<WarningRule> rules) => new([.. rules.Select(WarningRuleDocument.Of)]);

    public (IReadOnlyList<WarningRule>? Rules, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        if (Rules is null) { errors.Required("rules", "'rules' is required (it may be empty: no warnings)."); return (null, errors); }
        if (Rules.Count > 200) { errors.Add("rules", "At most 200 rules."); return (null, errors); }
        var rules = new List<WarningRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i] is not { } r) { errors.Add($"rules[{i}]", "A rule is required."); continue; }
            if (r.Validate($"rules[{i}]", errors) is not { } rule) continue;
            if (!ids.Add(rule.Id)) errors.Add($"rules[{i}].id", $"Another rule has id '{rule.Id}'.");
            rules.Add(rule);
        }
        return errors.Any ? (null, errors) : (rules, errors);
    }
}

/// <summary>The rules in force: stored through the API, or the shipped defaults; used without a restart.</summary>
public sealed class WarningRuleProvider(ISettingsStore store, TimeProvider time)
{
    private readonly StoredSetting<IReadOnlyList<WarningRule>> _setting = new(store, time, "warning-rules", WarningRules.Default,
        json => JsonSerializer.Deserialize<WarningRulesDocument>(json, FeedbackJson.Options)!.Validate().Rules);

    public async Task<IReadOnlyList<WarningRule>> CurrentAsync(CancellationToken ct)
    {
        await _setting.RefreshIfStaleAsync(ct);
        return _setting.Current;
    }

    public async Task<Outcome<IReadOnlyList<WarningRule>>> ReplaceAsync(WarningRulesDocument? document, CancellationToken ct)
    {
        var (rules, errors) = (document ?? new WarningRulesDocument(null)).Validate();
        if (rules is null) return Outcome<IReadOnlyList<WarningRule>>.Invalid(errors);
        await _setting.ReplaceAsync(rules, JsonSerializer.Serialize(WarningRulesDocument.Of(rules), FeedbackJson.Options), ct);
        return Outcome<IReadOnlyList<WarningRule>>.Ok(rules);
    }
}
