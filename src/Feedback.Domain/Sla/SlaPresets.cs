using Feedback.Domain.Analysis;

namespace Feedback.Domain.Sla;

/// <summary>
/// The matrices of the source documents (REQUIREMENTS.md §4) as named policies, beside the design card's
/// default. Where a document names no resolution time the design card's 48 h stands, except where it says
/// "no fixed limit".
/// </summary>
public static class SlaPresets
{
    private static SlaDuration H(double hours) => SlaDuration.Elapsed(TimeSpan.FromHours(hours));
    private static SlaDuration WorkingDays(int days) => SlaDuration.WorkingDays(days);
    private static SlaMatch Urgency(params Urgency[] u) => new(Urgencies: u);

    /// <summary>The design card: respond in 1 h when urgent, 4 h otherwise; resolve in 48 h.</summary>
    public static SlaPolicy Default { get; } = new("default",
    [
        new(10, "urgent", Urgency(Analysis.Urgency.High), H(1), H(48)),
        new(100, "default", SlaMatch.Any, H(4), H(48)),
    ], SlaPolicy.DefaultLadder);

    /// <summary>舆情监测方案: urgent 1 h, normal 4 h, long-term follow-up within a week; product issues 48 h, average handling 24 h.</summary>
    public static SlaPolicy MonitoringPlan { get; } = new("monitoring-plan",
    [
        new(10, "urgent-product", new(Urgencies: [Analysis.Urgency.High], Natures: [Nature.Product]), H(1), H(48)),
        new(20, "urgent", Urgency(Analysis.Urgency.High), H(1), H(24)),
        new(30, "long-term", Urgency(Analysis.Urgency.Low), H(24 * 7), H(24 * 7)),
        new(40, "product", new(Natures: [Nature.Product]), H(4), H(48)),
        new(100, "normal", SlaMatch.Any, H(4), H(24)),
    ], SlaPolicy.DefaultLadder);

    /// <summary>分析模板: complaints 2 h urgent (call back within 1 h), 8 h normal; consultations 24 h / 48 h; suggestions 3 working days; praise thanked in 24 h; follow-up within 24 h of resolution.</summary>
    public static SlaPolicy AnalysisTemplate { get; } = new("analysis-template",
    [
        new(10, "urgent-complaint", new(Types: [FeedbackType.Complaint], Urgencies: [Analysis.Urgency.High]), H(1), H(2)) { FollowUp = H(24), StartLevel = 2 },
        new(20, "complaint", new(Types: [FeedbackType.Complaint]), H(8), H(48)) { FollowUp = H(24) },
        new(30, "low-consultation", new(Types: [FeedbackType.Consultation], Urgencies: [Analysis.Urgency.Low]), H(48), H(48)) { FollowUp = H(24) },
        new(40, "consultation", new(Types: [FeedbackType.Consultation, FeedbackType.InformationRequest]), H(24), H(48)) { FollowUp = H(24) },
        new(50, "suggestion", new(Types: [FeedbackType.Suggestion]), WorkingDays(3), WorkingDays(3)) { FollowUp = H(24) },
        new(60, "praise", new(Types: [FeedbackType.Praise]), H(24), H(48)),
        new(100, "default", SlaMatch.Any, H(24), H(48)) { FollowUp = H(24) },
    ], SlaPolicy.DefaultLadder);

    /// <summary>客户关系处理程序: high 2 h / solution 24 h, medium 4 h / 3 working days, low 8 h / no fixed limit; confirm within 1 working day.</summary>
    public static SlaPolicy RelationshipProcedure { get; } = new("relationship-procedure",
    [
        new(10, "high", Urgency(Analysis.Urgency.High), H(2), H(24)) { FollowUp = WorkingDays(1) },
        new(20, "medium", Urgency(Analysis.Urgency.Medium), H(4), WorkingDays(3)) { FollowUp = WorkingDays(1) },
        new(100, "low", SlaMatch.Any, H(8), null) { FollowUp = WorkingDays(1) },
    ], SlaPolicy.DefaultLadder);

    /// <summary>收集方案: first response in 24 h, resolution in 48 h.</summary>
    public static SlaPolicy CollectionPlan { get; } = new("collection-plan",
    [
        new(100, "default", SlaMatch.Any, H(24), H(48)),
    ], SlaPolicy.DefaultLadder);

    public static IReadOnlyDictionary<string, SlaPolicy> All { get; } = new Dictionary<string, SlaPolicy>(StringComparer.OrdinalIgnoreCase)
    {
        [Default.Name] = Default,
        [MonitoringPlan.Name] = MonitoringPlan,
        [AnalysisTemplate.Name] = AnalysisTemplate,
        [RelationshipProcedure.Name] = RelationshipProcedure,
        [CollectionPlan.Name] = CollectionPlan,
    };
}
