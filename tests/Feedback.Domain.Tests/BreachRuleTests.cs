using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Tests;

public sealed class BreachRuleTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly SlaPlan Plan = new(Received.AddHours(1), Received.AddHours(48));

    private static Ticket Ticket(SlaPlan? plan, DateTimeOffset? responded = null, DateTimeOffset? resolved = null) => new()
    {
        Number = "FB-20261201-000001", Channel = "webform", ReceivedAt = Received,
        Feedback = new FeedbackItem("x", null, null, null, null, null), Contact = new ProtectedContact(null, null),
        Plan = plan, RespondedAt = responded, ResolvedAt = resolved,
    };

    [Fact]
    public void Without_a_plan_nothing_is_breached()
    {
        Assert.Null(Ticket(null).BreachesAt);
        Assert.False(Ticket(null).IsBreached(Received.AddYears(1)));
    }

    [Fact]
    public void An_unmet_deadline_is_breached_once_its_time_has_passed_and_not_at_it()
    {
        var open = Ticket(Plan);

        Assert.Equal(Plan.RespondBy, open.BreachesAt);
        Assert.False(open.IsBreached(Plan.RespondBy));
        Assert.True(open.IsBreached(Plan.RespondBy.AddTicks(1)));
    }

    [Fact]
    public void A_deadline_met_in_time_never_breaches_and_one_met_late_was_breached_from_its_due_time()
    {
        var onTime = Ticket(Plan, responded: Plan.RespondBy, resolved: Plan.ResolveBy);
        var lateResponse = Ticket(Plan, responded: Plan.RespondBy.AddMinutes(1), resolved: Received.AddHours(2));
        var lateResolution = Ticket(Plan, responded: Received.AddMinutes(5));

        Assert.Null(onTime.BreachesAt);
        Assert.False(onTime.IsBreached(Received.AddYears(1)));
        Assert.Equal(Plan.RespondBy, lateResponse.BreachesAt);
        Assert.True(lateResponse.IsBreached(Received.AddHours(3)));
        Assert.Equal(Plan.ResolveBy, lateResolution.BreachesAt);
        Assert.False(lateResolution.IsBreached(Received.AddHours(47)));
    }
}
