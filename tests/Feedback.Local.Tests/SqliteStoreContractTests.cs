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
}
