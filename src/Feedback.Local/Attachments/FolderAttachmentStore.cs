using System.Security.Cryptography;
using System.Text.Json;
using Feedback.Application.Ports;
using Feedback.Domain;

namespace Feedback.Local.Attachments;

/// <summary>
/// Attachments in a folder next to the database, named by the SHA-256 of their content, with a
/// small JSON file beside each for its name and type. The same port as Blob Storage in Azure.
/// </summary>
public sealed class FolderAttachmentStore : IAttachmentStore
{
    private readonly string _folder;

    public FolderAttachmentStore(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public async Task<Attachment> SaveAsync(string fileName, string contentType, Stream content, CancellationToken ct)
    {
        var temp = Path.Combine(_folder, $".upload-{Guid.NewGuid():N}");
        string id;
        long length;
        await using (var file = File.Create(temp))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, ct)) > 0)
            {
                hash.AppendData(chunk, 0, read);
                await file.WriteAsync(chunk.AsMemory(0, read), ct);
            }
            id = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
            length = file.Length;
        }
        var attachment = new Attachment(id, fileName, contentType, length, id);
        if (File.Exists(PathOf(id)))
        {
            File.Delete(temp);
            return attachment;
        }
        await File.WriteAllTextAsync(PathOf(id) + ".json", JsonSerializer.Serialize(attachment, FeedbackJson.Options), ct);
        // Content last: a file under its id is complete.
        File.Move(temp, PathOf(id), overwrite: true);
        return attachment;
    }

    public async Task<(Attachment Attachment, Stream Content)?> OpenAsync(string id, CancellationToken ct)
    {
        if (!Attachment.IsValidId(id) || !File.Exists(PathOf(id))) return null;
        var attachment = JsonSerializer.Deserialize<Attachment>(await File.ReadAllTextAsync(PathOf(id) + ".json", ct), FeedbackJson.Options)!;
        return (attachment, File.OpenRead(PathOf(id)));
    }

    public Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!Attachment.IsValidId(id)) return Task.CompletedTask;
        File.Delete(PathOf(id));
        File.Delete(PathOf(id) + ".json");
        return Task.CompletedTask;
    }

    private string PathOf(string id) => Path.Combine(_folder, id);
}
