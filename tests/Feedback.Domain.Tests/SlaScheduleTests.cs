using Feedback.Domain.Analysis;
using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.Tests;

public sealed class SlaScheduleTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly BusinessCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        BusinessCalendar.StandardWeek, ChinaHolidays.Days, [], ChinaHolidays.YearsCovered);

    private static readonly SlaPolicy Working = new("working",
        [new(100, "all", SlaMatch.Any, SlaDuration.WorkingTime(TimeSpan.FromHours(4)), SlaDuration.WorkingTime(TimeSpan.FromHours(8)))], SlaPolicy.DefaultLadder);

    private static Ticket Ticket(DateTimeOffset received, SlaPlan plan) => new()
    {
        Number = "FB-20251020-000001", Channel = "webform", ReceivedAt = received, Plan = plan,
        Feedback = new FeedbackItem("x", null, null, null, null, null), Contact = new ProtectedContact(null, null),
    };

    [Fact]
    public void A_four_working_hour_target_warns_at_80_percent_of_its_working_time_not_of_the_clock()
    {
        // Friday 17:00 before nothing special: 1 h on Friday, 3 h on Monday; 80 % is 3.2 working hours.
        var received = new DateTimeOffset(2026, 11, 27, 17, 0, 0, Shanghai);
        var plan = Working.Plan(received, new TicketFacts(FeedbackType.Complaint, Urgency.Medium, Nature.Service, "webform"), Calendar);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, Shanghai), plan.RespondBy);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 12, 0, Shanghai), plan.RespondWarnAt);
    }

    [Fact]
    public void Resuming_moves_the_deadline_by_the_working_time_paused_so_a_pause_over_a_weekend_counts_only_working_hours()
    {
        var received = new DateTimeOffset(2026, 11, 26, 9, 0, 0, Shanghai);
        var plan = Working.Plan(received, new TicketFacts(FeedbackType.Complaint, Urgency.Medium, Nature.Service, "webform"), Calendar);
        // A working day has 7.5 h (09:00–12:00, 13:30–18:00): 8 working hours end on Friday at 09:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, Shanghai), plan.ResolveBy);

        // Paused Thursday 16:00 to Monday 10:00: 2 working hours on Thursday, 7.5 on Friday, 1 on Monday.
        var resumed = plan.Resumed(new DateTimeOffset(2026, 11, 26, 16, 0, 0, Shanghai), new DateTimeOffset(2026, 11, 30, 10, 0, 0, Shanghai), Calendar);

        Assert.Equal(TimeSpan.FromHours(10.5), resumed.Paused);
        // Friday 09:30 plus 10.5 working hours: 7 more on Friday, 3 on Monday morning, 0.5 after lunch.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 0, 0, Shanghai), resumed.ResolveBy);
    }

    [Fact]
    public void A_pause_begun_after_the_deadline_does_not_move_it()
    {
        var received = new DateTimeOffset(2026, 11, 26, 9, 0, 0, Shanghai);
        var plan = new SlaPlan(received.AddHours(1), received.AddHours(2)) { Resolve = SlaDuration.Elapsed(TimeSpan.FromHours(2)) };

        Assert.Same(plan, plan.Resumed(received.AddHours(3), received.AddHours(5), Calendar));
    }

    [Fact]
    public void The_next_step_is_the_warning_then_the_breach_and_nothing_while_the_resolution_is_paused()
    {
        var received = new DateTimeOffset(2026, 11, 26, 9, 0, 0, Shanghai);
        var plan = SlaPolicy.Default.Plan(received, new TicketFacts(FeedbackType.Complaint, Urgency.High, Nature.Service, "webform"), Calendar);
        var ticket = Ticket(received, plan);

        var warn = SlaSchedule.Next(ticket, received, Calendar)!;
        Assert.Equal((SlaStepKind.Warn, Stage.Response, received.AddMinutes(48)), (warn.Kind, warn.Target, warn.At));
        // Woken after the deadline (a restart), the warning would tell nobody anything: the breach comes next.
        var late = SlaSchedule.Next(ticket, received.AddHours(2), Calendar)!;
        Assert.Equal((SlaStepKind.Breach, received.AddHours(1)), (late.Kind, late.At));

        var waiting = ticket with { RespondedAt = received.AddMinutes(10), PausedAt = received.AddMinutes(10), Status = TicketStatus.Waiting };
        Assert.Null(SlaSchedule.Next(waiting, received.AddHours(60), Calendar));
        Assert.Null(waiting.BreachesAt);
    }
}
