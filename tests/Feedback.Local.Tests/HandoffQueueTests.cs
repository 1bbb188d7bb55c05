using Feedback.Local.Storage;

namespace Feedback.Local.Tests;

public sealed class HandoffQueueTests
{
    [Fact]
    public async Task Items_from_many_threads_are_each_taken_once_by_a_taker_that_sleeps_between_them()
    {
        var queue = new HandoffQueue<int>();
        var taken = new List<int>();
        var taker = new Thread(() => { while (queue.TryTake(out var item, Timeout.Infinite)) taken.Add(item); });
        taker.Start();

        // Bursts with pauses between them, so the taker both finds items waiting and sleeps until one comes.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(producer => Task.Run(async () =>
        {
            for (var i = 0; i < 5000; i++)
            {
                queue.Add(producer * 5000 + i);
                if (i % 500 == 0) await Task.Delay(5);
            }
        })));
        queue.CompleteAdding();

        Assert.True(taker.Join(TimeSpan.FromSeconds(10)), "the taker did not see the end of adding");
        Assert.Equal(Enumerable.Range(0, 20000), taken.Order());
    }

    [Fact]
    public void A_take_with_a_timeout_gives_up_after_it_and_one_without_a_wait_at_once()
    {
        var queue = new HandoffQueue<string>();
        var started = DateTime.UtcNow;

        Assert.False(queue.TryTake(out _, 200));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        Assert.False(queue.TryTake(out _));
        queue.Add("a");
        Assert.True(queue.TryTake(out var item));
        Assert.Equal("a", item);
    }

    [Fact]
    public void Completing_wakes_a_sleeping_taker_after_what_was_left_and_refuses_later_adds()
    {
        var queue = new HandoffQueue<int>();
        queue.Add(1);
        var results = new List<(bool, int)>();
        var taker = new Thread(() =>
        {
            for (var i = 0; i < 2; i++) results.Add((queue.TryTake(out var item, Timeout.Infinite), item));
        });
        taker.Start();
        // Let the taker take the one item and fall asleep on the empty queue.
        SpinWait.SpinUntil(() => results.Count == 1, TimeSpan.FromSeconds(5));
        Thread.Sleep(50);

        queue.CompleteAdding();

        Assert.True(taker.Join(TimeSpan.FromSeconds(5)), "completing did not wake the sleeping taker");
        Assert.Equal([(true, 1), (false, 0)], results);
        Assert.True(queue.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => queue.Add(2));
    }
}
