using Feedback.Application.Channels;
using Feedback.Application.Common;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;

namespace Feedback.Application.Sla;

/// <summary>
/// The SLA policy as ops write it (<c>PUT /api/sla/policy</c>, the stored setting): either a preset's name,
/// or rules tried by <c>order</c> (first match wins, a catch-all required), a ladder and a warning share.
/// </summary>
public sealed record SlaPolicyDocument(
    string? Name = null,
    string? Preset = null,
    double? WarnAt = null,
    IReadOnlyList<LadderStepDocument?>? Ladder = null,
    IReadOnlyList<SlaRuleDocument?>? Rules = null,
    string? Reopen = null)
{
    public const int MaxRules = 200;

    public static SlaPolicyDocument Of(SlaPolicy policy) => new(
        policy.Name, null, policy.WarnAt,
        [.. policy.Ladder.Select(s => new LadderStepDocument(s.Level, s.Role, s.After?.ToString()))],
        [.. policy.Rules.Select(SlaRuleDocument.Of)], policy.ReopenResolve?.ToString());

    /// <summary>The policy this describes, or every field that is wrong, named like <c>rules[2].respond</c>.</summary>
    public (SlaPolicy? Policy, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        if (WarnAt is <= 0 or >= 1) errors.Add("warnAt", "'warnAt' must be a share between 0 and 1, like 0.8.");
        SlaDuration? reopen = null;
        if (Reopen is not null && !SlaDuration.TryParse(Reopen, out reopen!))
            errors.Add("reopen", "'reopen' is how long a ticket the customer sent back has to be resolved again, like 24h or 1 working day.");
        if (Preset is not null)
        {
            if (Rules is not null || Ladder is not null) errors.Add("preset", "Give either 'preset' or 'rules', not both.");
            else if (!SlaPresets.All.TryGetValue(Preset, out var preset)) errors.Add("preset", $"'preset' must be one of {string.Join(", ", SlaPresets.All.Keys)}.");
            else if (!errors.Any) return (new SlaPolicy(preset.Name, preset.Rules, preset.Ladder, WarnAt ?? preset.WarnAt) { ReopenResolve = reopen ?? preset.ReopenResolve }, errors);
            return (null, errors);
        }
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 50) errors.Required("name", "'name' is required, at most 50 characters.");
        var ladder = ValidateLadder(errors);
        var rules = ValidateRules(errors, ladder?.Count ?? SlaPolicy.DefaultLadder.Count);
        return errors.Any ? (null, errors) : (new SlaPolicy(Name!.Trim(), rules!, ladder!, WarnAt ?? SlaPolicy.DefaultWarnAt) { ReopenResolve = reopen }, errors);
    }

    private IReadOnlyList<EscalationStep>? ValidateLadder(FieldErrors errors)
    {
        if (Ladder is null) return SlaPolicy.DefaultLadder;
        if (Ladder.Count is 0 or > 10) { errors.Add("ladder", "'ladder' needs 1 to 10 levels."); return null; }
        var steps = new List<EscalationStep>();
        for (var i = 0; i < Ladder.Count; i++)
        {
            var at = $"ladder[{i}]";
            if (Ladder[i] is not { } step) { errors.Add(at, "A level is required."); continue; }
            if (step.Level != i + 1) errors.Add($"{at}.level", $"Levels count 1, 2, 3 … in order: this one must be {i + 1}.");
            if (string.IsNullOrWhiteSpace(step.Role) || step.Role.Length > 50) errors.Required($"{at}.role", "'role' is required (主管, 经理, 总监 …), at most 50 characters.");
            SlaDuration? after = null;
            if (i == 0 && step.After is not null) errors.Add($"{at}.after", "Level 1 comes at the missed deadline itself; it takes no 'after'.");
            else if (i > 0 && !SlaDuration.TryParse(step.After, out after!))
                errors.Required($"{at}.after", "'after' is required from level 2 on: how long after the level below, like 2h or 4 working hours.");
            steps.Add(new EscalationStep(i + 1, step.Role?.Trim() ?? "", after));
        }
        return errors.Any ? null : steps;
    }

    private IReadOnlyList<SlaRule>? ValidateRules(FieldErrors errors, int levels)
    {
        if (Rules is not { Count: > 0 }) { errors.Required("rules", "'rules' is required: at least the catch-all rule."); return null; }
        if (Rules.Count > MaxRules) { errors.Add("rules", $"At most {MaxRules} rules."); return null; }
        var rules = new List<SlaRule>();
        var orders = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Rules.Count; i++)
        {
            var at = $"rules[{i}]";
            if (Rules[i] is not { } rule) { errors.Add(at, "A rule is required."); continue; }
            if (rule.Validate(at, errors, levels) is not { } valid) continue;
            if (!orders.Add(valid.Order)) errors.Add($"{at}.order", $"Another rule has order {valid.Order}; precedence must be explicit.");
            if (!names.Add(valid.Name)) errors.Add($"{at}.name", $"Another rule is named '{valid.Name}'.");
            rules.Add(valid);
        }
        if (errors.Any) return null;
        var ordered = rules.OrderBy(r => r.Order).ToList();
        var catchAll = ordered.FindIndex(r => r.Match.IsCatchAll);
        if (catchAll < 0) errors.Add("rules", "A catch-all rule is required: one with an empty 'match', so that every ticket gets deadlines.");
        else
            foreach (var unreachable in ordered.Skip(catchAll + 1))
                errors.Add($"rules[{rules.IndexOf(unreachable)}].order", $"Rule '{unreachable.Name}' comes after the catch-all '{ordered[catchAll].Name}' and could never match.");
        return errors.Any ? null : rules;
    }
}

public sealed record LadderStepDocument(int? Level, string? Role, string? After);

public sealed record SlaMatchDocument(
    IReadOnlyList<string>? Types = null, IReadOnlyList<string>? Urgencies = null, IReadOnlyList<string>? Natures = null,
    IReadOnlyList<string>? Channels = null, IReadOnlyList<string>? Tiers = null)
{
    public static SlaMatchDocument Of(SlaMatch m) => new(
        Names(m.Types), Names(m.Urgencies), Names(m.Natures), m.Channels, m.Tiers);

    private static IReadOnlyList<string>? Names<T>(IReadOnlyList<T>? values) where T : struct, Enum =>
        values is { Count: > 0 } ? [.. values.Select(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()))] : null;

    public SlaMatch? Validate(string at, FieldErrors errors) => new(
        Parse<FeedbackType>(Types, $"{at}.types", errors, LabelOf),
        Parse<Urgency>(Urgencies, $"{at}.urgencies", errors, u => ChineseLabels.Of(u)),
        Parse<Nature>(Natures, $"{at}.natures", errors, null),
        Texts(Channels, $"{at}.channels", errors, ChannelNames.All),
        Texts(Tiers, $"{at}.tiers", errors, null));

    private static string LabelOf(FeedbackType t) => ChineseLabels.Of(t);

    private static IReadOnlyList<T>? Parse<T>(IReadOnlyList<string>? values, string field, FieldErrors errors, Func<T, string>? label) where T : struct, Enum
    {
        if (values is null) return null;
        var parsed = new List<T>();
        foreach (var v in values)
        {
            var match = Enum.GetValues<T>().Where(e => string.Equals(e.ToString(), v, StringComparison.OrdinalIgnoreCase) || (label is not null && label(e) == v)).ToList();
            if (match.Count == 1) parsed.Add(match[0]);
            else errors.Add(field, $"'{v}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.ToString())))}.");
        }
        return parsed;
    }

    private static IReadOnlyList<string>? Texts(IReadOnlyList<string>? values, string field, FieldErrors errors, IReadOnlyList<string>? known)
    {
        if (values is null) return null;
        foreach (var v in values)
            if (string.IsNullOrWhiteSpace(v) || v.Length > 50) errors.Add(field, "Each value must be 1 to 50 characters.");
            else if (known is not null && !known.Contains(v, StringComparer.OrdinalIgnoreCase)) errors.Add(field, $"'{v}' is not one of {string.Join(", ", known)}.");
        return [.. values.Select(v => v?.Trim() ?? "")];
    }
}

public sealed record SlaRuleDocument(
    int? Order, string? Name, SlaMatchDocument? Match, string? Respond, string? Resolve = null,
    string? FollowUp = null, string? Calendar = null, int? StartLevel = null)
{
    public static SlaRuleDocument Of(SlaRule r) => new(
        r.Order, r.Name, SlaMatchDocument.Of(r.Match), r.Respond.ToString(), r.Resolve?.ToString(), r.FollowUp?.ToString(),
        r.Clock == SlaClock.Always ? "24x7" : "business", r.StartLevel);

    public SlaRule? Validate(string at, FieldErrors errors, int levels)
    {
        var before = errors.ToDictionary().Count;
        if (Order is null) errors.Required($"{at}.order", "'order' is required: rules are tried from the lowest order, the first match wins.");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 50) errors.Required($"{at}.name", "'name' is required, at most 50 characters.");
        var match = (Match ?? new SlaMatchDocument()).Validate(at + ".match", errors);
        var respond = Duration(Respond, $"{at}.respond", errors, required: true);
        var resolve = Duration(Resolve, $"{at}.resolve", errors, required: false);
        var followUp = Duration(FollowUp, $"{at}.followUp", errors, required: false);
        var clock = Calendar?.ToLowerInvariant() switch
        {
            null or "business" => SlaClock.Business,
            "24x7" => SlaClock.Always,
            _ => (SlaClock?)null,
        };
        if (clock is null) errors.Add($"{at}.calendar", "'calendar' must be business (the business calendar) or 24x7.");
        var start = StartLevel ?? 1;
        if (start < 1 || start > levels) errors.Add($"{at}.startLevel", $"'startLevel' must be a level of the ladder, 1 to {levels}.");
        if (errors.ToDictionary().Count > before) return null;
        return new SlaRule(Order!.Value, Name!.Trim(), match!, respond!, resolve) { FollowUp = followUp, Clock = clock!.Value, StartLevel = start };
    }

    private static SlaDuration? Duration(string? text, string field, FieldErrors errors, bool required)
    {
        if (text is null)
        {
            if (required) errors.Required(field, $"'{field[(field.LastIndexOf('.') + 1)..]}' is required: like 1h, 8 working hours or 3 working days.");
            return null;
        }
        if (SlaDuration.TryParse(text, out var d)) return d;
        errors.Add(field, $"'{text}' is not a duration: write 1h, 30m, 2d, 8 working hours or 3 working days.");
        return null;
    }
}
