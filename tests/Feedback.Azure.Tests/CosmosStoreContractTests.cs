using Feedback.Application.Ports;
using Feedback.Azure.Cosmos;
using Feedback.Testing;

namespace Feedback.Azure.Tests;

// The same store contracts as SQLite, on the Cosmos adapter against the stand-in server; a database per test.

public sealed class CosmosTicketStoreContract(CosmosServerFixture server) : TicketStoreContract, IClassFixture<CosmosServerFixture>
{
    private readonly CosmosDatabases _databases = new(server);
    protected override Task<IFeedbackStore> CreateStoreAsync() => _databases.CreateAsync();
    protected override Task DisposeStoreAsync(IFeedbackStore store) => _databases.DisposeAsync();
}

public sealed class CosmosTicketQueriesContract(CosmosServerFixture server) : TicketQueriesContract, IClassFixture<CosmosServerFixture>
{
    private readonly CosmosDatabases _databases = new(server);
    protected override Task<IFeedbackStore> CreateStoreAsync() => _databases.CreateAsync();
    protected override Task DisposeStoreAsync(IFeedbackStore store) => _databases.DisposeAsync();
}

public sealed class CosmosEventLogContract(CosmosServerFixture server) : EventLogContract, IClassFixture<CosmosServerFixture>
{
    private readonly CosmosDatabases _databases = new(server);
    protected override Task<IFeedbackStore> CreateStoreAsync() => _databases.CreateAsync();
    protected override Task DisposeStoreAsync(IFeedbackStore store) => _databases.DisposeAsync();
}

public sealed class CosmosCounterStoreContract(CosmosServerFixture server) : CounterStoreContract, IClassFixture<CosmosServerFixture>
{
    private readonly CosmosDatabases _databases = new(server);
    protected override Task<IFeedbackStore> CreateStoreAsync() => _databases.CreateAsync();
    protected override Task DisposeStoreAsync(IFeedbackStore store) => _databases.DisposeAsync();
}

public sealed class CosmosSettingsStoreContract(CosmosServerFixture server) : SettingsStoreContract, IClassFixture<CosmosServerFixture>
{
    private readonly CosmosDatabases _databases = new(server);
    protected override Task<IFeedbackStore> CreateStoreAsync() => _databases.CreateAsync();
    protected override Task DisposeStoreAsync(IFeedbackStore store) => _databases.DisposeAsync();
}

internal sealed class CosmosDatabases(CosmosServerFixture server)
{
    private readonly string _database = "t" + Guid.NewGuid().ToString("N");

    public async Task<IFeedbackStore> CreateAsync() => new CosmosStore(await CosmosSetup.EnsureAsync(server.Client, _database));

    public async Task DisposeAsync() => await server.Client.GetDatabase(_database).DeleteStreamAsync();
}
