using Feedback.Application.Ports;
using Feedback.Local.Attachments;
using Feedback.Testing;

namespace Feedback.Local.Tests;

public sealed class FolderAttachmentStoreTests : AttachmentStoreContract
{
    private readonly string _folder = RunningHost.NewDataDirectory();

    protected override Task<IAttachmentStore> CreateStoreAsync() =>
        Task.FromResult<IAttachmentStore>(new FolderAttachmentStore(_folder));

    public override Task DisposeAsync()
    {
        RunningHost.TryDelete(_folder);
        return Task.CompletedTask;
    }
}
