using Feedback.Application.Ports;
using Feedback.Azure.Cosmos;
using Feedback.Testing;

namespace Feedback.Azure.Tests;

// The same store contracts as SQLite, on the Cosmos adapter against the stand-in server; a database per test.

public sealed class CosmosTicketStoreContract(CosmosServerFixture server) : TicketStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;

public sealed class CosmosTicketQueriesContract(CosmosServerFixture server) : TicketQueriesContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;

public sealed class CosmosEventLogContract(CosmosServerFixture server) : EventLogContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;

public sealed class CosmosCounterStoreContract(CosmosServerFixture server) : CounterStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;

public sealed class CosmosSettingsStoreContract(CosmosServerFixture server) : SettingsStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;

internal sealed class CosmosDatabases(CosmosServerFixture server) : IStoreFactory
{
    private readonly string _database = "t" + Guid.NewGuid().ToString("N");

    public async Task<IFeedbackStore> CreateAsync() => new CosmosStore(await CosmosSetup.EnsureAsync(server.Client, _database));

    public async Task DisposeAsync(IFeedbackStore store) => await server.Client.GetDatabase(_database).DeleteStreamAsync();
}
public sealed class CosmosRecordStoreContract(CosmosServerFixture server) : RecordStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;
public sealed class CosmosAggregateStoreContract(CosmosServerFixture server) : AggregateStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;
public sealed class CosmosReportStoreContract(CosmosServerFixture server) : ReportStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;
public sealed class CosmosPrivacyStoreContract(CosmosServerFixture server) : PrivacyStoreContract(new CosmosDatabases(server)), IClassFixture<CosmosServerFixture>;
