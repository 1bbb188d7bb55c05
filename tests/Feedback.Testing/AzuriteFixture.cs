using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace Feedback.Testing;

/// <summary>Azurite's Blob service on loopback; telemetry off, or it tries to reach a public host.</summary>
public sealed class AzuriteFixture : IDisposable
{
    // Azurite's well-known development account (public, documented).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly NodeServer _server;

    public AzuriteFixture()
    {
        var port = FreePort();
        _server = NodeServer.Start("node_modules/azurite/dist/src/blob/main.js",
            ["--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--blobHost", "127.0.0.1", "--blobPort", port.ToString()],
            line => line.Contains("successfully listens", StringComparison.Ordinal) ? port : null, TimeSpan.FromSeconds(30));
        Service = new BlobServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
    }

    public BlobServiceClient Service { get; }

    public void Dispose() => _server.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
