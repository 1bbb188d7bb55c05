using System.Text;
using Feedback.Application.Ports;
using Xunit;

namespace Feedback.Testing;

/// <summary>The attachment contract, run against the folder store and Blob Storage alike.</summary>
public abstract class AttachmentStoreContract : IAsyncLifetime
{
    private IAttachmentStore _store = null!;

    protected abstract Task<IAttachmentStore> CreateStoreAsync();
    public async Task InitializeAsync() => _store = await CreateStoreAsync();
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Saved_content_opens_again_with_its_name_and_type()
    {
        var png = Png(200);
        var saved = await _store.SaveAsync("截图 1.png", "image/png", new MemoryStream(png), default);

        var opened = await _store.OpenAsync(saved.Id, default);

        Assert.NotNull(opened);
        await using var content = opened.Value.Content;
        var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.Equal("截图 1.png", opened.Value.Attachment.FileName);
        Assert.Equal("image/png", opened.Value.Attachment.ContentType);
        Assert.Equal(png.Length, saved.Length);
        Assert.Equal(64, saved.Sha256.Length);
    }

    [Fact]
    public async Task The_same_bytes_saved_twice_get_the_same_id_and_other_bytes_another()
    {
        var first = await _store.SaveAsync("a.png", "image/png", new MemoryStream(Png(10)), default);
        var again = await _store.SaveAsync("a-again.png", "image/png", new MemoryStream(Png(10)), default);
        var other = await _store.SaveAsync("b.png", "image/png", new MemoryStream(Png(11)), default);

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task A_deleted_attachment_opens_nothing_and_deleting_it_again_is_no_error()
    {
        var saved = await _store.SaveAsync("erase.png", "image/png", new MemoryStream(Png(12)), default);
        var kept = await _store.SaveAsync("keep.png", "image/png", new MemoryStream(Png(13)), default);

        await _store.DeleteAsync(saved.Id, default);
        await _store.DeleteAsync(saved.Id, default);

        Assert.Null(await _store.OpenAsync(saved.Id, default));
        var other = await _store.OpenAsync(kept.Id, default);
        Assert.NotNull(other);
        await other.Value.Content.DisposeAsync();
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("../../etc/passwd")]
    public async Task An_unknown_id_opens_nothing(string id) => Assert.Null(await _store.OpenAsync(id, default));

    private static byte[] Png(int size)
    {
        var bytes = new byte[size + 8];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes(new string('x', size)).CopyTo(bytes, 8);
        return bytes;
    }
}
