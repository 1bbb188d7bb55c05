using Feedback.Domain.Events;
using Feedback.Local.Storage;

namespace Feedback.Local.Tests;

public sealed class RecentEventsTests
{
    private static StoredEvent At(long sequence) =>
        new(sequence, new FeedbackEvent($"e{sequence}", TicketEventTypes.Created, "FB-1", DateTimeOffset.UnixEpoch, "webform"));

    [Fact]
    public void An_empty_ring_sends_every_read_to_the_file() => Assert.Null(new RecentEvents(4).After(0, 10));

    [Fact]
    public void A_read_is_served_only_from_the_very_next_sequence()
    {
        var ring = new RecentEvents(4);
        foreach (var s in new long[] { 10, 11, 12, 13, 14 }) ring.Committed(At(s));

        Assert.Equal([11L, 12, 13, 14], ring.After(10, 10)!.Select(e => e.Sequence));
        Assert.Equal([12L, 13], ring.After(11, 2)!.Select(e => e.Sequence));
        Assert.Empty(ring.After(14, 10)!);
        // 10 fell out of the ring, and nothing is known of 15 or past it: the file answers.
        Assert.Null(ring.After(9, 10));
        Assert.Null(ring.After(15, 10));
    }

    [Fact]
    public void A_gap_ends_the_run_and_the_next_read_goes_to_the_file()
    {
        var ring = new RecentEvents(8);
        foreach (var s in new long[] { 1, 2, 4, 5 }) ring.Committed(At(s));

        Assert.Equal([1L, 2], ring.After(0, 10)!.Select(e => e.Sequence));
        Assert.Null(ring.After(2, 10));
        Assert.Equal([5L], ring.After(4, 10)!.Select(e => e.Sequence));
    }
}
