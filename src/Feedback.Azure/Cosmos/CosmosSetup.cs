using Microsoft.Azure.Cosmos;

namespace Feedback.Azure.Cosmos;

/// <summary>
/// Creates the database and containers where they are missing. In Azure, Bicep creates them and the
/// app's identity has data-plane rights only, so the Functions app calls this only when told to.
/// </summary>
public static class CosmosSetup
{
    public static async Task<Database> EnsureAsync(CosmosClient client, string databaseName, CancellationToken ct = default)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: ct);
        await database.CreateContainerIfNotExistsAsync(TicketsContainer(), cancellationToken: ct);
        await database.CreateContainerIfNotExistsAsync(new ContainerProperties(CosmosContainers.Events, "/ticketNumber"), cancellationToken: ct);
        await database.CreateContainerIfNotExistsAsync(
            new ContainerProperties(CosmosContainers.Control, "/id") { DefaultTimeToLive = -1 }, cancellationToken: ct);
        await database.CreateContainerIfNotExistsAsync(new ContainerProperties(CosmosContainers.Reports, "/period"), cancellationToken: ct);
        await database.CreateContainerIfNotExistsAsync(new ContainerProperties(CosmosContainers.Audit, "/id"), cancellationToken: ct);
        return database;
    }

    /// <summary>Lists order by receipt then number, which needs a composite index (infra/modules/cosmos.bicep has the same).</summary>
    public static ContainerProperties TicketsContainer()
    {
        var properties = new ContainerProperties(CosmosContainers.Tickets, "/number");
        properties.IndexingPolicy.CompositeIndexes.Add(
        [
            new CompositePath { Path = "/receivedAt", Order = CompositePathSortOrder.Descending },
            new CompositePath { Path = "/number", Order = CompositePathSortOrder.Descending },
        ]);
        return properties;
    }
}
