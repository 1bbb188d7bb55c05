using System.ComponentModel.DataAnnotations;

namespace Feedback.Azure.Blobs;

/// <summary>The <c>Attachments</c> section.</summary>
public sealed class AttachmentOptions
{
    [Required] public Uri? BlobServiceUri { get; set; }
    [Required] public string ContainerName { get; set; } = "attachments";
}
