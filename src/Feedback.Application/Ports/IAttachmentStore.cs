namespace Feedback.Application.Ports;

/// <summary>A stored file: screenshots from forms, parts of e-mails.</summary>
public sealed record Attachment(string Id, string FileName, string ContentType, long Length, string Sha256)
{
    /// <summary>Ids are the lower-case hex SHA-256 of the content; anything else names no attachment.</summary>
    public static bool IsValidId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);
}

/// <summary>Where attachments live: a folder on the local host, Blob Storage in Azure.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores the content under a new id; the same bytes stored twice get the same id.</summary>
    Task<Attachment> SaveAsync(string fileName, string contentType, Stream content, CancellationToken cancellationToken);

    /// <summary>The content, or null if no attachment has that id.</summary>
    Task<(Attachment Attachment, Stream Content)?> OpenAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes the content (erasure, retention); deleting what is not there is no error.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);
}
