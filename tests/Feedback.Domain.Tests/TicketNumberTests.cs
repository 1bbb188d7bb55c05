using Feedback.Domain.Tickets;

namespace Feedback.Domain.Tests;

public sealed class TicketNumberTests
{
    [Fact]
    public void Numbers_carry_the_day_and_a_six_digit_sequence() =>
        Assert.Equal("FB-20261124-000123", TicketNumber.Format(new DateOnly(2026, 11, 24), 123));

    [Fact]
    public void The_business_day_is_the_day_in_the_configured_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lateUtc = new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 25), TicketNumber.DayOf(lateUtc, shanghai));
        Assert.Equal(new DateOnly(2026, 11, 24), TicketNumber.DayOf(lateUtc, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("FB-20261124-000123", true)]
    [InlineData("FB-20261124-1234567", true)]
    [InlineData("FB-2026112-000123", false)]
    [InlineData("../etc/passwd", false)]
    [InlineData(null, false)]
    public void Validity(string? value, bool valid) => Assert.Equal(valid, TicketNumber.IsValid(value));
}
