using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Feedback.Application.Ports;

namespace Feedback.Azure.Blobs;

/// <summary>
/// Attachments in a Blob container, named by the SHA-256 of their content: storing the same bytes
/// twice (a retried upload, a re-sent e-mail) writes once and returns the same id.
/// </summary>
public sealed class BlobAttachmentStore(BlobContainerClient container) : IAttachmentStore
{
    private const string FileNameKey = "filename";

    public async Task<Attachment> SaveAsync(string fileName, string contentType, Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var id = Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))).ToLowerInvariant();
        buffer.Position = 0;
        var blob = container.GetBlobClient(id);
        try
        {
            await blob.UploadAsync(buffer, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                // Metadata must be ASCII; the name may be Chinese.
                Metadata = new Dictionary<string, string> { [FileNameKey] = Uri.EscapeDataString(fileName) },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Already there: same content, same id.
        }
        return new Attachment(id, fileName, contentType, buffer.Length, id);
    }

    public async Task<(Attachment Attachment, Stream Content)?> OpenAsync(string id, CancellationToken ct)
    {
        if (!Attachment.IsValidId(id)) return null;
        try
        {
            var download = await container.GetBlobClient(id).DownloadStreamingAsync(cancellationToken: ct);
            var details = download.Value.Details;
            var name = details.Metadata.TryGetValue(FileNameKey, out var escaped) ? Uri.UnescapeDataString(escaped) : id;
            return (new Attachment(id, name, details.ContentType, details.ContentLength, id), download.Value.Content);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!Attachment.IsValidId(id)) return;
        await container.GetBlobClient(id).DeleteIfExistsAsync(global::Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);
    }
}
