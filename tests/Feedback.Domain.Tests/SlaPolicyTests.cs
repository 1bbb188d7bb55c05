using Feedback.Domain.Calendars;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;

namespace Feedback.Domain.Tests;

public sealed class SlaPolicyTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly BusinessCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        BusinessCalendar.StandardWeek, ChinaHolidays.Days, [], ChinaHolidays.YearsCovered);

    private static TicketFacts Facts(FeedbackType type = FeedbackType.Complaint, Urgency urgency = Urgency.Medium, Nature nature = Nature.Service, string channel = "webform", string? tier = null) =>
        new(type, urgency, nature, channel, tier);

    private static SlaDuration H(double h) => SlaDuration.Elapsed(TimeSpan.FromHours(h));

    [Theory]
    [InlineData(Urgency.High, 1)]
    [InlineData(Urgency.Medium, 4)]
    [InlineData(Urgency.Low, 4)]
    public void Default_policy_is_1h_urgent_4h_normal_48h_to_resolve(Urgency urgency, int respondHours)
    {
        var plan = SlaPolicy.Default.Plan(Received, Facts(urgency: urgency), Calendar);

        Assert.Equal(Received.AddHours(respondHours), plan.RespondBy);
        Assert.Equal(Received.AddHours(48), plan.ResolveBy);
        Assert.Equal(Received.AddHours(respondHours * 0.8), plan.RespondWarnAt);
        Assert.Equal(urgency == Urgency.High ? "urgent" : "default", plan.Rule);
    }

    [Fact]
    public void Rules_are_tried_by_order_and_the_first_match_wins_whatever_their_listing()
    {
        var policy = new SlaPolicy("test",
        [
            new(100, "catch-all", SlaMatch.Any, H(4), H(48)),
            new(20, "urgent", new(Urgencies: [Urgency.High]), H(1), H(24)),
            new(10, "urgent-complaint", new(Types: [FeedbackType.Complaint], Urgencies: [Urgency.High]), H(2), H(24)),
            new(30, "vip-wechat", new(Channels: ["wechat"], Tiers: ["vip"]), H(0.5), H(8)),
            new(40, "logistics", new(Natures: [Nature.Logistics]), H(6), H(72)),
        ], SlaPolicy.DefaultLadder);

        Assert.Equal("urgent-complaint", policy.RuleFor(Facts(FeedbackType.Complaint, Urgency.High)).Name);
        Assert.Equal("urgent", policy.RuleFor(Facts(FeedbackType.Suggestion, Urgency.High, channel: "wechat", tier: "vip")).Name);
        Assert.Equal("vip-wechat", policy.RuleFor(Facts(channel: "WeChat", tier: "VIP")).Name);
        Assert.Equal("logistics", policy.RuleFor(Facts(nature: Nature.Logistics, tier: "vip")).Name);
        Assert.Equal("catch-all", policy.RuleFor(Facts(FeedbackType.Praise, Urgency.Low)).Name);
    }

    [Fact]
    public void A_policy_without_a_catch_all_with_shared_orders_or_a_broken_ladder_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SlaPolicy("x", [new(1, "c", new(Types: [FeedbackType.Complaint]), H(1), H(2))], SlaPolicy.DefaultLadder));
        Assert.Throws<ArgumentException>(() => new SlaPolicy("x", [new(1, "a", SlaMatch.Any, H(1), H(2)), new(1, "b", SlaMatch.Any, H(1), H(2))], SlaPolicy.DefaultLadder));
        Assert.Throws<ArgumentException>(() => new SlaPolicy("x", [new(1, "a", SlaMatch.Any, H(1), H(2))], []));
        Assert.Throws<ArgumentException>(() => new SlaPolicy("x", [new(1, "a", SlaMatch.Any, H(1), H(2)) { StartLevel = 4 }], SlaPolicy.DefaultLadder));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaPolicy("x", [new(1, "a", SlaMatch.Any, H(1), H(2))], SlaPolicy.DefaultLadder, warnAt: 1));
    }

    [Fact]
    public void Escalation_climbs_the_ladder_and_stays_at_the_top() =>
        Assert.Equal(["supervisor 主管", "manager 经理", "director 总监", "director 总监"],
            Enumerable.Range(1, 4).Select(SlaPolicy.Default.EscalationTarget));

    [Fact]
    public void The_ladder_steps_come_at_each_rungs_interval_after_the_one_below_on_the_rules_clock()
    {
        var plan = SlaPolicy.Default.Plan(Received, Facts(urgency: Urgency.High), Calendar);
        var due = plan.RespondBy;

        Assert.Equal([due, due.AddHours(2), due.AddHours(6), null], Enumerable.Range(1, 4).Select(l => plan.EscalationDue(due, l, Calendar)));
    }

    [Fact]
    public void The_documents_matrices_ship_as_presets()
    {
        Assert.Equal(["default", "monitoring-plan", "analysis-template", "relationship-procedure", "collection-plan"], SlaPresets.All.Keys);
        var template = SlaPresets.AnalysisTemplate;
        var urgentComplaint = template.RuleFor(Facts(FeedbackType.Complaint, Urgency.High));
        Assert.Equal((H(1), H(2), 2), (urgentComplaint.Respond, urgentComplaint.Resolve, urgentComplaint.StartLevel));
        Assert.Equal(SlaDuration.WorkingDays(3), template.RuleFor(Facts(FeedbackType.Suggestion)).Respond);
        Assert.Equal(H(48), template.RuleFor(Facts(FeedbackType.Consultation, Urgency.Low)).Respond);
        Assert.Null(SlaPresets.RelationshipProcedure.RuleFor(Facts(urgency: Urgency.Low)).Resolve);
        Assert.Equal(SlaDuration.WorkingDays(3), SlaPresets.RelationshipProcedure.RuleFor(Facts(urgency: Urgency.Medium)).Resolve);
        Assert.Equal(SlaDuration.WorkingDays(1), SlaPresets.RelationshipProcedure.RuleFor(Facts()).FollowUp);
        Assert.Equal((H(24), H(48)), (SlaPresets.CollectionPlan.RuleFor(Facts()).Respond, SlaPresets.CollectionPlan.RuleFor(Facts()).Resolve));
        Assert.Equal(H(48), SlaPresets.MonitoringPlan.RuleFor(Facts(urgency: Urgency.High, nature: Nature.Product)).Resolve);
    }

    [Fact]
    public void A_rule_with_no_fixed_resolution_limit_plans_no_resolution_deadline_and_cannot_breach_it()
    {
        var plan = SlaPresets.RelationshipProcedure.Plan(Received, Facts(urgency: Urgency.Low), Calendar);

        Assert.Equal(Received.AddHours(8), plan.RespondBy);
        Assert.Null(plan.ResolveBy);
    }

    [Fact]
    public void Round_the_clock_rules_count_working_days_as_whole_days()
    {
        var saturday = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8));
        var policy = new SlaPolicy("x", [new(1, "a", SlaMatch.Any, SlaDuration.WorkingTime(TimeSpan.FromHours(4)), SlaDuration.WorkingDays(1)) { Clock = SlaClock.Always }], SlaPolicy.DefaultLadder);

        var plan = policy.Plan(saturday, Facts(), Calendar);

        Assert.Equal((saturday.AddHours(4), saturday.AddDays(1)), (plan.RespondBy, plan.ResolveBy!.Value));
    }

    [Fact]
    public void The_latest_response_deadline_is_the_longest_any_rule_gives_so_a_promise_made_before_triage_holds()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var policy = new SlaPolicy("x", [new(10, "c", new(Types: [FeedbackType.Consultation]), H(8), H(72)), new(100, "d", SlaMatch.Any, H(4), H(48))], SlaPolicy.DefaultLadder);

        Assert.Equal(at.AddHours(4), SlaPolicy.Default.LatestRespondBy(at, Calendar));
        Assert.Equal(at.AddHours(8), policy.LatestRespondBy(at, Calendar));
        Assert.All(Enum.GetValues<FeedbackType>().SelectMany(t => Enum.GetValues<Urgency>().Select(u => policy.Plan(at, Facts(t, u), Calendar))),
            plan => Assert.True(plan.RespondBy <= policy.LatestRespondBy(at, Calendar)));
    }
}
