using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;

namespace Feedback.Domain.Routing;

/// <summary>
/// 分派 as data: rules tried by order, the first match names the department and, optionally, the owner.
/// A rule matches on nature, type, channel, and on keywords (any of them in the ticket's keywords or text).
/// </summary>
public sealed record RoutingRule(int Order, string Department, SlaMatch Match)
{
    public IReadOnlyList<string>? Keywords { get; init; }
    public string? Owner { get; init; }

    public bool Matches(TicketFacts facts, IReadOnlyCollection<string> keywords, string content) =>
        Match.Matches(facts) && (Keywords is not { Count: > 0 } words
            || words.Any(w => keywords.Contains(w, StringComparer.OrdinalIgnoreCase) || content.Contains(w, StringComparison.OrdinalIgnoreCase)));

    public bool IsCatchAll => Match.IsCatchAll && Keywords is not { Count: > 0 };
}

public sealed record Route(string Department, string? Owner, int Order);

public sealed class RoutingPolicy
{
    public RoutingPolicy(IReadOnlyList<RoutingRule> rules)
    {
        if (!rules.Any(r => r.IsCatchAll)) throw new ArgumentException("Routing needs a catch-all rule.", nameof(rules));
        Rules = [.. rules.OrderBy(r => r.Order)];
    }

    public IReadOnlyList<RoutingRule> Rules { get; }

    public Route Route(TicketFacts facts, IReadOnlyCollection<string> keywords, string content)
    {
        var rule = Rules.First(r => r.Matches(facts, keywords, content));
        return new Route(rule.Department, rule.Owner, rule.Order);
    }

    /// <summary>Technical faults to 技术部, then by nature: products 产品部, logistics 供应链部, accounts 财务部; the rest 客服部.</summary>
    public static RoutingPolicy Default { get; } = new(
    [
        new(10, "技术部", SlaMatch.Any) { Keywords = ["闪退", "崩溃", "卡顿", "报错", "无法登录", "白屏", "crash", "bug", "error"] },
        new(20, "产品部", new(Natures: [Nature.Product])),
        new(30, "供应链部", new(Natures: [Nature.Logistics])),
        new(40, "财务部", new(Natures: [Nature.AccountPayment, Nature.Price])),
        new(100, "客服部", SlaMatch.Any),
    ]);
}
