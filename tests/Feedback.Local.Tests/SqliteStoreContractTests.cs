using Feedback.Application.Ports;
using Feedback.Local.Storage;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string _directory = RunningHost.NewDataDirectory();

    protected override Task<ITicketStore> CreateStoreAsync() =>
        Task.FromResult<ITicketStore>(new SqliteTicketStore(Path.Combine(_directory, "feedback.db")));

    protected override Task DisposeStoreAsync(ITicketStore store)
    {
        ((SqliteTicketStore)store).Dispose();
        RunningHost.TryDelete(_directory);
        return Task.CompletedTask;
    }

    /// <summary>The store's memory of recent tickets never answers with less than what is committed.</summary>
    [Fact]
    public async Task After_racing_updates_a_read_from_the_same_store_equals_a_read_from_the_file()
    {
        var store = await CreateStoreAsync();
        try
        {
            var numbers = new List<string>();
            for (var i = 0; i < 20; i++) numbers.Add((await store.CreateAsync(Draft($"第{i}条 页面很慢"), default)).Number);
            var updater = new Feedback.Application.Tickets.TicketUpdater(store);
            // Eight writers per ticket, each appending one entry: ETag conflicts on every ticket, commits batched together.
            var writes = numbers.SelectMany(n => Enumerable.Range(0, 8).Select(k => Task.Run(() => updater.UpdateAsync(n, t =>
                Feedback.Application.Tickets.TicketChange.To(t.With(new Feedback.Domain.Tickets.HistoryEntry(DateTimeOffset.UtcNow, "note", $"w{k}", null))),
                default))));
            await Task.WhenAll(writes);

            using var fresh = new SqliteTicketStore(Path.Combine(_directory, "feedback.db"));
            foreach (var number in numbers)
            {
                var remembered = (await store.GetAsync(number, default))!;
                var onDisk = (await fresh.GetAsync(number, default))!;
                Assert.Equal(onDisk.ETag, remembered.ETag);
                Assert.Equal(onDisk.Value.History.Count, remembered.Value.History.Count);
                Assert.Equal(8, remembered.Value.History.Count(h => h.Kind == "note"));
            }
        }
        finally
        {
            await DisposeStoreAsync(store);
        }
    }
}
