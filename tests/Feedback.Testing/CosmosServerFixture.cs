using Microsoft.Azure.Cosmos;

namespace Feedback.Testing;

/// <summary>The Cosmos DB stand-in (tests/servers/cosmos.js) over HTTPS on loopback, and a client set up for it.</summary>
public sealed class CosmosServerFixture : IDisposable
{
    // Any base64 key is accepted by the stand-in; this is the public emulator key.
    private const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    private readonly NodeServer _server;

    public CosmosServerFixture()
    {
        _server = NodeServer.Start("cosmos.js", ["0"],
            line => line.StartsWith("ready ", StringComparison.Ordinal) ? int.Parse(line[6..]) : null, TimeSpan.FromSeconds(20));
        Client = new CosmosClient($"https://127.0.0.1:{_server.Port}/", Key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The stand-in's certificate is self-signed (and expired); only this test client trusts it.
            HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            }),
        });
    }

    public CosmosClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _server.Dispose();
    }
}
