using Feedback.Application.Ports;
using Feedback.Azure.Cosmos;
using Feedback.Testing;

namespace Feedback.Azure.Tests;

/// <summary>The same store contract as SQLite, on the Cosmos adapter against the stand-in server.</summary>
public sealed class CosmosStoreContractTests(CosmosServerFixture server) : StoreContract, IClassFixture<CosmosServerFixture>
{
    private readonly string _database = "t" + Guid.NewGuid().ToString("N");

    protected override async Task<ITicketStore> CreateStoreAsync() =>
        new CosmosTicketStore(await CosmosSetup.EnsureAsync(server.Client, _database));

    protected override async Task DisposeStoreAsync(ITicketStore store) =>
        await server.Client.GetDatabase(_database).DeleteStreamAsync();
}
