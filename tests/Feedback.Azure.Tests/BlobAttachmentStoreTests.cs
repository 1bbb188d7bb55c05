using Feedback.Application.Ports;
using Feedback.Azure.Blobs;
using Feedback.Testing;

namespace Feedback.Azure.Tests;

public sealed class BlobAttachmentStoreTests(AzuriteFixture azurite) : AttachmentStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly string _container = "t" + Guid.NewGuid().ToString("N");

    protected override async Task<IAttachmentStore> CreateStoreAsync()
    {
        var container = azurite.Service.GetBlobContainerClient(_container);
        await container.CreateIfNotExistsAsync();
        return new BlobAttachmentStore(container);
    }

    public override async Task DisposeAsync() => await azurite.Service.GetBlobContainerClient(_container).DeleteIfExistsAsync();
}
