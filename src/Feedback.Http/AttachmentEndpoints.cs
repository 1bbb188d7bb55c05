using Feedback.Application.Ports;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary><c>GET /api/attachments/{id}</c>: a stored screenshot or e-mail attachment, for the agent working the ticket.</summary>
public sealed class AttachmentEndpoints(IAttachmentStore attachments, Application.Privacy.AuditTrail audit)
{
    public async Task<IResult> GetAsync(string id, HttpResponse response, CancellationToken ct)
    {
        if (await attachments.OpenAsync(id, ct) is not { } found)
            return Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"No attachment has the id '{id}'.");
        // A customer's file may show anything about them: each read is audited before it is sent.
        await audit.RecordAsync(Security.Callers.Of(response.HttpContext), Application.Privacy.AuditActions.AttachmentRead, "attachment:" + id, null, ct);
        // Never let a browser guess a type, nor show an uploaded file inline as a page.
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(found.Content, found.Attachment.ContentType, found.Attachment.FileName);
    }
}
