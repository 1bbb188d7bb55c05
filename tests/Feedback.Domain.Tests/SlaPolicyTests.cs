using Feedback.Domain.Calendars;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;

namespace Feedback.Domain.Tests;

public sealed class SlaPolicyTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly BusinessCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        BusinessCalendar.StandardWeek, ChinaHolidays.Days, [], ChinaHolidays.YearsCovered);

    [Theory]
    [InlineData(Urgency.High, 1)]
    [InlineData(Urgency.Medium, 4)]
    [InlineData(Urgency.Low, 4)]
    public void Default_policy_is_1h_urgent_4h_normal_48h_to_resolve(Urgency urgency, int respondHours)
    {
        var plan = SlaPolicy.Default.Plan(Received, FeedbackType.Complaint, urgency, Calendar);

        Assert.Equal(Received.AddHours(respondHours), plan.RespondBy);
        Assert.Equal(Received.AddHours(48), plan.ResolveBy);
    }

    [Fact]
    public void The_most_specific_rule_wins()
    {
        // The analysis template's matrix: complaints 2 h when urgent, consultations 24 h.
        var policy = new SlaPolicy(
        [
            new(null, null, TimeSpan.FromHours(4), TimeSpan.FromHours(48)),
            new(null, Urgency.High, TimeSpan.FromHours(1), TimeSpan.FromHours(24)),
            new(FeedbackType.Complaint, Urgency.High, TimeSpan.FromHours(2), TimeSpan.FromHours(24)),
            new(FeedbackType.Consultation, null, TimeSpan.FromHours(24), TimeSpan.FromHours(48)),
        ], SlaPolicy.DefaultLadder);

        Assert.Equal(TimeSpan.FromHours(2), policy.RuleFor(FeedbackType.Complaint, Urgency.High).Respond);
        Assert.Equal(TimeSpan.FromHours(1), policy.RuleFor(FeedbackType.Suggestion, Urgency.High).Respond);
        Assert.Equal(TimeSpan.FromHours(24), policy.RuleFor(FeedbackType.Consultation, Urgency.High).Respond);
        Assert.Equal(TimeSpan.FromHours(4), policy.RuleFor(FeedbackType.Praise, Urgency.Low).Respond);
    }

    [Fact]
    public void A_policy_without_a_catch_all_rule_or_with_a_non_positive_duration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SlaPolicy([new(FeedbackType.Complaint, null, TimeSpan.FromHours(1), TimeSpan.FromHours(2))], ["主管"]));
        Assert.Throws<ArgumentException>(() => new SlaPolicy([new(null, null, TimeSpan.Zero, TimeSpan.FromHours(2))], ["主管"]));
        Assert.Throws<ArgumentException>(() => new SlaPolicy(SlaPolicy.DefaultRules, []));
    }

    [Fact]
    public void Escalation_climbs_the_ladder_and_stays_at_the_top() =>
        Assert.Equal(["supervisor 主管", "manager 经理", "director 总监", "director 总监"],
            Enumerable.Range(1, 4).Select(SlaPolicy.Default.EscalationTarget));

    [Fact]
    public void The_latest_response_deadline_is_the_longest_any_rule_gives_so_a_promise_made_before_triage_holds()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var policy = new SlaPolicy(
            [new(null, null, TimeSpan.FromHours(4), TimeSpan.FromHours(48)), new(FeedbackType.Consultation, null, TimeSpan.FromHours(8), TimeSpan.FromHours(72))],
            SlaPolicy.DefaultLadder);

        Assert.Equal(at.AddHours(4), SlaPolicy.Default.LatestRespondBy(at, Calendar));
        Assert.Equal(at.AddHours(8), policy.LatestRespondBy(at, Calendar));
        Assert.All(Enum.GetValues<FeedbackType>().SelectMany(t => Enum.GetValues<Urgency>().Select(u => policy.Plan(at, t, u, Calendar))),
            plan => Assert.True(plan.RespondBy <= policy.LatestRespondBy(at, Calendar)));
    }
}
