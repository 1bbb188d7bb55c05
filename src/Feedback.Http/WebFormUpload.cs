using Feedback.Application.Channels;
using Feedback.Application.Channels.WebForm;
using Feedback.Application.Intake;
using Feedback.Application.Ports;
using Feedback.Domain.Tickets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Feedback.Http;

/// <summary>
/// The web form as a browser posts it: <c>multipart/form-data</c> with the form's fields and an
/// optional <c>screenshot</c> (PNG, JPEG or WebP by content, at most 5 MiB).
/// </summary>
public sealed class WebFormUpload(IAttachmentStore attachments)
{
    public const long MaxScreenshot = 5 * 1024 * 1024;
    public const string ScreenshotField = "screenshot";
    private const long MaxBody = MaxScreenshot + JsonBody.DefaultLimit;

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The submission with its screenshot stored, or the problem that stops it.</summary>
    public async Task<(Submission? Submission, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody) return (null, TooLarge("body"));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBody, ValueLengthLimit = JsonBody.DefaultLimit }, ct);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge("body"));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            return (null, Responses.Field(StatusCodes.Status400BadRequest, "The body is not valid multipart/form-data.", "body", "The body is not well-formed multipart/form-data.", RefusalReason.Malformed));
        }

        var fields = new WebFormSubmission(Value(form, "content"), Value(form, "name"), Value(form, "contact"),
            Value(form, "customerId"), Value(form, "externalId"), null) { CustomerTier = Value(form, "customerTier") };
        if (Value(form, "submittedAt") is { } at)
        {
            if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                return (null, Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "submittedAt", "'submittedAt' must be an ISO 8601 date and time."));
            fields = fields with { SubmittedAt = parsed };
        }
        var errors = IntakeService.Validate(fields.ToSubmission());
        if (errors.Any) return (null, Responses.Invalid(errors));

        var files = form.Files.GetFiles(ScreenshotField);
        if (files.Count > 1) return (null, Invalid("Send at most one screenshot."));
        if (files.Count == 0) return (fields.ToSubmission(), null);
        var (screenshot, problem) = await StoreAsync(files[0], ct);
        return problem is not null ? (null, problem) : (fields.ToSubmission([screenshot!]), null);
    }

    private async Task<(AttachmentRef? Screenshot, IResult? Problem)> StoreAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxScreenshot) return (null, TooLarge(ScreenshotField));
        if (file.Length == 0) return (null, Invalid("The screenshot is empty."));
        await using var content = file.OpenReadStream();
        var header = new byte[ImageType.HeaderLength];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (ImageType.Detect(header.AsSpan(0, read)) is not { } type)
            return (null, Invalid("The screenshot must be a PNG, JPEG or WebP image (checked by its content, not its name)."));
        content.Position = 0;
        var saved = await attachments.SaveAsync(SafeName(file.FileName, type), type, content, ct);
        return (new AttachmentRef(saved.Id, saved.FileName, saved.ContentType, saved.Length), null);
    }

    // A browser may send a full path or any characters; keep a short plain name.
    private static string SafeName(string? name, string type)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c) && c is not ('"' or '/')).ToArray()).Trim();
        if (plain.Length > 100) plain = plain[^100..];
        return plain.Length > 0 ? plain : "screenshot." + type["image/".Length..];
    }

    private static string? Value(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    private static IResult Invalid(string message) =>
        Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", ScreenshotField, message);

    private static IResult TooLarge(string field) => Responses.Field(StatusCodes.Status413PayloadTooLarge, "The body is too large.", field,
        field == ScreenshotField ? "The screenshot must be at most 5 MiB." : "A form with its screenshot must be at most 5 MiB and 64 KiB.");
}
