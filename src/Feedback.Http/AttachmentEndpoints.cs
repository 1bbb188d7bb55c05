using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET /api/attachments/{id}</c>: a stored screenshot or e-mail attachment, for the agent working the ticket.</summary>
public sealed class AttachmentEndpoints(IAttachmentStore attachments)
{
    public async Task<IResult> GetAsync(string id, HttpResponse response, CancellationToken ct)
    {
        if (await attachments.OpenAsync(id, ct) is not { } found)
            return Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"No attachment has the id '{id}'.");
        // Never let a browser guess a type, nor show an uploaded file inline as a page.
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(found.Content, found.Attachment.ContentType, found.Attachment.FileName);
    }
}
