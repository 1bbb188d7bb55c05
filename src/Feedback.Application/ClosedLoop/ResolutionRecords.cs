using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Analysis;
using Feedback.Domain.ClosedLoop;

namespace Feedback.Application.ClosedLoop;

public sealed record RootCauseDocument(string? Stage, string? DirectCause, string? RootCause, string? CorrectiveAction);

public sealed record SuggestionDocument(string? Feasibility, string? Decision, string? PlannedRelease);

/// <summary>
/// The choices offered for a root-cause record (发生环节, 直接原因, 根本原因, 改进措施): an editable list for each,
/// stored like the other settings. They are offered, not enforced: free text is accepted too.
/// </summary>
public sealed record CauseLists(
    IReadOnlyList<string>? Stages, IReadOnlyList<string>? DirectCauses, IReadOnlyList<string>? RootCauses, IReadOnlyList<string>? CorrectiveActions)
{
    public static readonly CauseLists Default = new(
        ["下单", "支付", "物流配送", "售后", "产品质量", "客服服务", "系统"],
        ["系统故障", "操作失误", "快递延误", "库存不足", "说明不清", "响应不及时"],
        ["流程缺陷", "培训不足", "供应商问题", "系统设计缺陷", "知识库缺失", "人手不足"],
        ["修复缺陷", "优化流程", "补充培训", "更新知识库", "更换供应商", "补偿客户"]);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        foreach (var (name, list) in new[] { ("stages", Stages), ("directCauses", DirectCauses), ("rootCauses", RootCauses), ("correctiveActions", CorrectiveActions) })
        {
            if (list is null) errors.Required(name, $"'{name}' is required (it may be empty).");
            else if (list.Count > 100 || list.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 100)) errors.Add(name, $"'{name}' takes at most 100 entries of 1 to 100 characters.");
        }
        return errors;
    }
}

/// <summary>The cause lists in force: stored, or the default.</summary>
public sealed class CauseListProvider(ISettingsStore store, TimeProvider time)
{
    private readonly StoredSetting<CauseLists> _setting = new(store, time, "cause-lists", CauseLists.Default,
        json => JsonSerializer.Deserialize<CauseLists>(json, FeedbackJson.Options));

    public async Task<CauseLists> CurrentAsync(CancellationToken ct)
    {
        await _setting.RefreshIfStaleAsync(ct);
        return _setting.Current;
    }

    public async Task<Outcome<CauseLists>> ReplaceAsync(CauseLists? lists, CancellationToken ct)
    {
        var errors = lists?.Validate() ?? new FieldErrors();
        if (lists is null) errors.Required("stages", "A body with the four lists is required.");
        if (errors.Any) return Outcome<CauseLists>.Invalid(errors);
        var trimmed = new CauseLists([.. lists!.Stages!.Select(s => s.Trim())], [.. lists.DirectCauses!.Select(s => s.Trim())],
            [.. lists.RootCauses!.Select(s => s.Trim())], [.. lists.CorrectiveActions!.Select(s => s.Trim())]);
        await _setting.ReplaceAsync(trimmed, JsonSerializer.Serialize(trimmed, FeedbackJson.Options), ct);
        return Outcome<CauseLists>.Ok(trimmed);
    }
}

/// <summary>What resolving each type requires: a complaint its root cause, a suggestion its outcome.</summary>
public static class ResolutionRecords
{
    public static (RootCause? Cause, SuggestionOutcome? Outcome) Validate(
        FeedbackType? type, RootCauseDocument? cause, SuggestionDocument? suggestion, FieldErrors errors)
    {
        RootCause? root = null;
        SuggestionOutcome? outcome = null;
        if (type == FeedbackType.Complaint)
        {
            const string why = "resolving a complaint needs its root-cause record";
            var stage = Text(errors, "rootCause.stage", cause?.Stage, $"'rootCause.stage' (发生环节) is required: {why}.");
            var direct = Text(errors, "rootCause.directCause", cause?.DirectCause, $"'rootCause.directCause' (直接原因) is required: {why}.");
            var rootText = Text(errors, "rootCause.rootCause", cause?.RootCause, $"'rootCause.rootCause' (根本原因) is required: {why}.");
            var action = Text(errors, "rootCause.correctiveAction", cause?.CorrectiveAction, $"'rootCause.correctiveAction' (改进措施) is required: {why}.");
            if (!errors.Any) root = new RootCause(stage!, direct!, rootText!, action!);
        }
        else if (type == FeedbackType.Suggestion)
        {
            var feasibility = suggestion?.Feasibility?.Trim();
            if (string.IsNullOrEmpty(feasibility)) errors.Required("suggestion.feasibility", "'suggestion.feasibility' is required: 可行, 部分可行 or 不可行.");
            else if (!Feasibility.All.Contains(feasibility)) errors.Add("suggestion.feasibility", "'suggestion.feasibility' must be 可行, 部分可行 or 不可行.");
            var decision = Text(errors, "suggestion.decision", suggestion?.Decision, "'suggestion.decision' is required: what was decided (纳入需求池, 暂不采纳 …).");
            errors.MaxLength("suggestion.plannedRelease", suggestion?.PlannedRelease, 100);
            if (feasibility is not Feasibility.NotFeasible && string.IsNullOrWhiteSpace(suggestion?.PlannedRelease) && Feasibility.All.Contains(feasibility ?? ""))
                errors.Required("suggestion.plannedRelease", "'suggestion.plannedRelease' is required for a feasible suggestion: the release or date it is planned for.");
            if (!errors.Any) outcome = new SuggestionOutcome(feasibility!, decision!, string.IsNullOrWhiteSpace(suggestion?.PlannedRelease) ? null : suggestion.PlannedRelease.Trim());
        }
        return (root, outcome);
    }

    private static string? Text(FieldErrors errors, string field, string? value, string required)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Required(field, required); return null; }
        errors.MaxLength(field, value, 500);
        return value.Trim();
    }
}
