using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Application.Sla;
using Feedback.Domain;
using Feedback.Domain.Routing;

namespace Feedback.Application.Routing;

/// <summary>The body of <c>PUT /api/routing</c>: rules tried by order, a catch-all required.</summary>
public sealed record RoutingDocument(IReadOnlyList<RoutingRuleDocument?>? Rules)
{
    public static RoutingDocument Of(RoutingPolicy policy) => new([.. policy.Rules.Select(r =>
        new RoutingRuleDocument(r.Order, r.Department, r.Owner, SlaMatchDocument.Of(r.Match), r.Keywords))]);

    public (RoutingPolicy? Policy, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        if (Rules is not { Count: > 0 }) { errors.Required("rules", "'rules' is required: at least the catch-all rule."); return (null, errors); }
        if (Rules.Count > 200) { errors.Add("rules", "At most 200 rules."); return (null, errors); }
        var rules = new List<RoutingRule>();
        var orders = new HashSet<int>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var at = $"rules[{i}]";
            if (Rules[i] is not { } r) { errors.Add(at, "A rule is required."); continue; }
            if (r.Order is not { } order) errors.Required($"{at}.order", "'order' is required: rules are tried from the lowest order.");
            else if (!orders.Add(order)) errors.Add($"{at}.order", $"Another rule has order {order}.");
            if (string.IsNullOrWhiteSpace(r.Department) || r.Department.Length > 50) errors.Required($"{at}.department", "'department' is required (产品部, 技术部, 客服部, 供应链部 …), at most 50 characters.");
            errors.MaxLength($"{at}.owner", r.Owner, 100);
            if (r.Keywords?.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 50) == true) errors.Add($"{at}.keywords", "Each keyword must be 1 to 50 characters.");
            var match = (r.Match ?? new SlaMatchDocument()).Validate($"{at}.match", errors);
            if (!errors.Any)
                rules.Add(new RoutingRule(r.Order!.Value, r.Department!.Trim(), match!) { Owner = string.IsNullOrWhiteSpace(r.Owner) ? null : r.Owner.Trim(), Keywords = r.Keywords });
        }
        if (!errors.Any && !rules.Any(r => r.IsCatchAll))
            errors.Add("rules", "A catch-all rule is required: no match and no keywords, so that every ticket has a department.");
        return errors.Any ? (null, errors) : (new RoutingPolicy(rules), errors);
    }
}

public sealed record RoutingRuleDocument(int? Order, string? Department, string? Owner = null, SlaMatchDocument? Match = null, IReadOnlyList<string>? Keywords = null);

/// <summary>The routing in force: the stored rules if ops have put some, else the default.</summary>
public sealed class RoutingProvider(ISettingsStore store, TimeProvider time)
{
    public const string SettingName = "routing";

    private readonly StoredSetting<RoutingPolicy> _setting = new(store, time, SettingName, RoutingPolicy.Default,
        json => JsonSerializer.Deserialize<RoutingDocument>(json, FeedbackJson.Options)!.Validate().Policy);

    public RoutingPolicy Current => _setting.Current;

    public Task RefreshIfStaleAsync(CancellationToken ct) => _setting.RefreshIfStaleAsync(ct);

    public async Task<Outcome<RoutingPolicy>> ReplaceAsync(RoutingDocument? document, CancellationToken ct)
    {
        var (policy, errors) = (document ?? new RoutingDocument(null)).Validate();
        if (policy is null) return Outcome<RoutingPolicy>.Invalid(errors);
        await _setting.ReplaceAsync(policy, JsonSerializer.Serialize(RoutingDocument.Of(policy), FeedbackJson.Options), ct);
        return Outcome<RoutingPolicy>.Ok(policy);
    }
}
