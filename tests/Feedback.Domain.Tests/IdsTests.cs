namespace Feedback.Domain.Tests;

public sealed class IdsTests
{
    [Fact]
    public void Version_7_ids_carry_their_millisecond_and_sort_by_it_version_and_variant_as_RFC_9562_sets_them()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123);
        var id = Ids.NewVersion7(at);
        var hex = id.ToString("N");

        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(hex[..12], 16));
        Assert.Equal(7, id.Version);
        Assert.Contains(hex[16], "89ab");
        var later = Ids.NewVersion7(at.AddMilliseconds(1)).ToString("N");
        Assert.True(string.CompareOrdinal(hex, later) < 0);
    }

    [Fact]
    public void Ids_from_many_threads_are_all_different_random_ones_are_version_4()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 25_000; i++) ids.Add(i % 2 == 0 ? Ids.NewGuid() : Ids.NewVersion7(DateTimeOffset.UtcNow));
        });

        Assert.Equal(200_000, ids.Distinct().Count());
        Assert.All(ids.Where(g => g.Version != 7), g => Assert.Equal(4, g.Version));
        Assert.Equal(32, Ids.NewHex().Length);
    }
}
