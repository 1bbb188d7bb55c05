using Feedback.Domain.Calendars;
using Feedback.Domain.Sla;

namespace Feedback.Domain.Tests;

public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly BusinessCalendar China = Calendar(BusinessCalendar.StandardWeek);

    private static BusinessCalendar Calendar(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week, TimeZoneInfo? zone = null, params SpecialDay[] custom) =>
        new(zone ?? Shanghai, week, ChinaHolidays.Days, custom, ChinaHolidays.YearsCovered);

    private static DateTimeOffset At(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> FourHourMornings = BusinessCalendar.Week(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30)));

    [Fact]
    public void Days_are_named_and_kinded_from_the_official_arrangements_2025_national_day()
    {
        Assert.Equal(DayKind.Weekend, China.Day(new DateOnly(2025, 9, 27)).Kind);
        Assert.Equal((DayKind.MakeupWorkday, "国庆节、中秋节"), (China.Day(new DateOnly(2025, 9, 28)).Kind, China.Day(new DateOnly(2025, 9, 28)).Name));
        Assert.Equal(DayKind.Workday, China.Day(new DateOnly(2025, 9, 30)).Kind);
        Assert.All(Enumerable.Range(1, 8), d => Assert.Equal(DayKind.Holiday, China.Day(new DateOnly(2025, 10, d)).Kind));
        Assert.Equal(DayKind.MakeupWorkday, China.Day(new DateOnly(2025, 10, 11)).Kind);
        Assert.Equal(2, China.Day(new DateOnly(2025, 10, 11)).Hours.Count);
    }

    [Fact]
    public void Spring_festival_2025_is_off_from_28_january_to_4_february_with_26_january_and_8_february_worked()
    {
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(DayKind.Holiday, China.Day(new DateOnly(2025, 1, 28).AddDays(i)).Kind));
        Assert.Equal(DayKind.MakeupWorkday, China.Day(new DateOnly(2025, 1, 26)).Kind);
        Assert.Equal(DayKind.MakeupWorkday, China.Day(new DateOnly(2025, 2, 8)).Kind);
        // From Friday afternoon, one working day lands on the make-up Sunday at the same hour.
        Assert.Equal(At(2025, 1, 26, 17), China.AddWorkingDays(At(2025, 1, 24, 17), 1));
    }

    [Fact]
    public void Every_year_of_the_data_is_covered_and_the_year_without_a_notice_is_not()
    {
        Assert.All(Enumerable.Range(2007, 20), y => Assert.Contains(y, ChinaHolidays.YearsCovered));
        Assert.DoesNotContain(2027, ChinaHolidays.YearsCovered);
        Assert.Equal(DayKind.Workday, China.Day(new DateOnly(2027, 10, 1)).Kind); // no notice yet: a Friday is a Friday
    }

    [Fact]
    public void Four_working_hours_from_friday_close_before_national_day_fall_on_the_make_up_sunday_or_after_the_holiday()
    {
        var calendar = Calendar(FourHourMornings);

        Assert.Equal(At(2025, 9, 28, 12), calendar.AddWorkingTime(At(2025, 9, 26, 17, 30), TimeSpan.FromHours(4)));
        Assert.Equal(At(2025, 10, 9, 12), calendar.AddWorkingTime(At(2025, 9, 30, 17, 30), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void The_lunch_break_is_not_working_time()
    {
        Assert.Equal(At(2025, 11, 24, 14, 30), China.AddWorkingTime(At(2025, 11, 24, 11), TimeSpan.FromHours(2)));
        Assert.Equal(At(2025, 11, 24, 14, 30), China.AddWorkingTime(At(2025, 11, 24, 12, 15), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(7.5), China.WorkingTimeBetween(At(2025, 11, 24, 0), At(2025, 11, 25, 0)));
    }

    [Fact]
    public void Time_used_up_at_a_periods_end_is_due_then_not_at_the_next_start()
    {
        Assert.Equal(At(2025, 11, 24, 12), China.AddWorkingTime(At(2025, 11, 24, 9), TimeSpan.FromHours(3)));
        Assert.Equal(At(2025, 11, 28, 18), China.AddWorkingTime(At(2025, 11, 28, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Across_midnight_and_with_a_period_that_ends_at_midnight()
    {
        Assert.Equal(At(2025, 11, 25, 10), China.AddWorkingTime(At(2025, 11, 24, 23, 59), TimeSpan.FromHours(1)));
        var evenings = Calendar(BusinessCalendar.Week(Enum.GetValues<DayOfWeek>(), new WorkingPeriod(new TimeOnly(20, 0), TimeOnly.MinValue)));
        Assert.Equal(At(2025, 11, 25, 0), evenings.AddWorkingTime(At(2025, 11, 24, 21), TimeSpan.FromHours(3)));
        Assert.Equal(At(2025, 11, 25, 21), evenings.AddWorkingTime(At(2025, 11, 24, 21), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void A_holiday_that_starts_mid_week_pauses_the_clock_until_the_next_working_day()
    {
        // Tuesday 30 September 2025, 17:00: one hour that day, the next on Thursday 9 October.
        Assert.Equal(At(2025, 10, 9, 10), China.AddWorkingTime(At(2025, 9, 30, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_make_up_saturday_is_worked()
    {
        Assert.Equal(At(2025, 10, 11, 10), China.AddWorkingTime(At(2025, 10, 10, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Working_days_keep_the_point_of_the_day_and_leap_day_is_a_day_like_any_other()
    {
        Assert.Equal(At(2024, 3, 4, 17), China.AddWorkingDays(At(2024, 2, 28, 17), 3));
        Assert.Equal(At(2024, 2, 29, 10), China.AddWorkingDays(At(2024, 2, 28, 10), 1));
        // From outside working hours: the next working day's start, which is the close of the one before.
        Assert.Equal(At(2025, 12, 1, 18), China.AddWorkingDays(At(2025, 11, 28, 20), 1));
        Assert.Equal(At(2025, 12, 1, 18), China.AddWorkingDays(At(2025, 12, 1, 9), 1));
        Assert.Equal(At(2025, 12, 2, 18), China.AddWorkingDays(At(2025, 11, 29, 11), 2));
    }

    [Fact]
    public void In_a_zone_with_daylight_saving_the_skipped_hour_is_not_worked_and_the_repeated_one_is_worked_once()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var nights = new BusinessCalendar(newYork, BusinessCalendar.Week(Enum.GetValues<DayOfWeek>(), new WorkingPeriod(new TimeOnly(1, 0), new TimeOnly(4, 0))), [], [], new HashSet<int>());
        var springStart = new DateTimeOffset(2025, 3, 9, 1, 0, 0, TimeSpan.FromHours(-5));
        var fallStart = new DateTimeOffset(2025, 11, 2, 1, 0, 0, TimeSpan.FromHours(-4));

        Assert.Equal(TimeSpan.FromHours(2), nights.WorkingTimeBetween(springStart, springStart.AddHours(6)));
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 4, 0, 0, TimeSpan.FromHours(-4)), nights.AddWorkingTime(springStart, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(4), nights.WorkingTimeBetween(fallStart, fallStart.AddHours(8)));
    }

    [Fact]
    public void The_companys_own_closures_and_working_days_win_over_the_official_ones()
    {
        var calendar = Calendar(BusinessCalendar.StandardWeek, null,
            new SpecialDay(new DateOnly(2025, 9, 29), "公司年会", IsOffDay: true), new SpecialDay(new DateOnly(2025, 10, 8), "值班", IsOffDay: false));

        Assert.Equal((DayKind.Holiday, "公司年会"), (calendar.Day(new DateOnly(2025, 9, 29)).Kind, calendar.Day(new DateOnly(2025, 9, 29)).Name));
        Assert.Equal(DayKind.MakeupWorkday, calendar.Day(new DateOnly(2025, 10, 8)).Kind);
        Assert.Equal(At(2025, 10, 8, 10), calendar.AddWorkingTime(At(2025, 9, 30, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Adding_the_working_time_between_two_instants_reaches_the_second_and_never_passes_it()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var a = At(2024, 1, 1, 0).AddMinutes(random.Next(0, 60 * 24 * 900));
            var d = TimeSpan.FromMinutes(random.Next(1, 60 * 80));
            var due = China.AddWorkingTime(a, d);
            Assert.Equal(d, China.WorkingTimeBetween(a, due));
            var b = a.AddMinutes(random.Next(0, 60 * 24 * 20));
            Assert.True(China.AddWorkingTime(a, China.WorkingTimeBetween(a, b)) <= b);
        }
    }

    [Fact]
    public void A_calendar_without_working_hours_or_with_overlapping_periods_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Calendar(BusinessCalendar.Week([])));
        Assert.Throws<ArgumentException>(() => Calendar(BusinessCalendar.Week([DayOfWeek.Monday],
            new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(11, 0), new TimeOnly(13, 0)))));
        Assert.Throws<ArgumentException>(() => Calendar(BusinessCalendar.Week([DayOfWeek.Monday], new WorkingPeriod(new TimeOnly(12, 0), new TimeOnly(9, 0)))));
    }

    [Theory]
    [InlineData("1h", DurationKind.Elapsed, "1h")]
    [InlineData("01:00:00", DurationKind.Elapsed, "1h")]
    [InlineData("2.00:00:00", DurationKind.Elapsed, "48h")]
    [InlineData("90m", DurationKind.Elapsed, "90m")]
    [InlineData("8 working hours", DurationKind.WorkingTime, "8 working hours")]
    [InlineData("1 working hour", DurationKind.WorkingTime, "1 working hour")]
    [InlineData("30 working minutes", DurationKind.WorkingTime, "30 working minutes")]
    [InlineData("3 working days", DurationKind.WorkingDays, "3 working days")]
    [InlineData("1 Working Day", DurationKind.WorkingDays, "1 working day")]
    public void Durations_read_and_write_the_same_words(string text, DurationKind kind, string written)
    {
        var duration = SlaDuration.Parse(text);

        Assert.Equal((kind, written), (duration.Kind, duration.ToString()));
        Assert.Equal(duration, SlaDuration.Parse(duration.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1.5 working days")]
    [InlineData("00:00:00")]
    public void Other_words_are_not_durations(string text) => Assert.False(SlaDuration.TryParse(text, out _));

    [Fact]
    public void A_duration_is_due_over_the_calendar_by_its_kind()
    {
        var friday = At(2025, 9, 26, 17, 30);

        Assert.Equal(friday.AddHours(4), SlaDuration.Parse("4h").DueFrom(friday, China));
        Assert.Equal(At(2025, 9, 28, 14), SlaDuration.Parse("4 working hours").DueFrom(friday, China));
        Assert.Equal(At(2025, 9, 28, 17, 30), SlaDuration.Parse("1 working day").DueFrom(friday, China));
    }
}
