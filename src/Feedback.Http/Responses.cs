using Feedback.Application.Channels;
using Feedback.Application.Common;
using Microsoft.AspNetCore.Http;
using Feedback.Domain;

namespace Feedback.Http;

/// <summary>Maps outcomes to HTTP in one place; every failure is RFC 7807 problem details naming the field.</summary>
public static class Responses
{
    private const string ProblemType = "https://tools.ietf.org/html/rfc9110#section-15.5";

    public static IResult Json(int status, object value, string? location = null) => new JsonResult(status, value, location, "application/json", null);

    /// <summary>A problem naming one field; <paramref name="reason"/> defaults to what the status says.</summary>
    public static IResult Field(int status, string title, string field, string message, RefusalReason? reason = null, bool missing = false) =>
        Problem(status, title, null, new Dictionary<string, string[]> { [field] = [message] }, reason, missing ? [field] : []);

    public static IResult Field(int status, string title, FieldProblem problem) =>
        Field(status, title, problem.Field, problem.Message, problem.Reason, problem.Missing);

    public static IResult Invalid(FieldErrors errors) =>
        Problem(StatusCodes.Status400BadRequest, "One or more fields are invalid.", null, errors.ToDictionary(), RefusalReason.Invalid, errors.Missing);

    public static IResult Problem(
        int status, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null,
        RefusalReason? reason = null, IReadOnlyList<string>? missing = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = ProblemType,
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null) body["detail"] = detail;
        if (errors is not null) body["errors"] = errors;
        return new JsonResult(status, body, null, "application/problem+json", new Refusal(reason ?? ReasonOf(status), missing ?? []));
    }

    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.Invalid => Problem(StatusCodes.Status400BadRequest, "One or more fields are invalid.", outcome.Detail, outcome.Errors, RefusalReason.Invalid, outcome.Missing),
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found.", outcome.Detail),
        _ => Problem(StatusCodes.Status409Conflict, "The ticket's state does not allow this.", outcome.Detail),
    };

    /// <summary>The status and, for a problem, why and which fields were missing: what the channel counts read.</summary>
    public static (int Status, Refusal? Refusal) Inspect(IResult result) =>
        result is JsonResult json ? (json.StatusCode, json.Refusal) : (StatusCodes.Status200OK, null);

    /// <summary>What a problem says to channel health; null reason: a status with no channel meaning (409 …).</summary>
    public sealed record Refusal(RefusalReason? Reason, IReadOnlyList<string> Missing);

    private static RefusalReason? ReasonOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => RefusalReason.Invalid,
        StatusCodes.Status401Unauthorized => RefusalReason.Signature,
        StatusCodes.Status404NotFound => RefusalReason.NotFound,
        StatusCodes.Status413PayloadTooLarge => RefusalReason.TooLarge,
        StatusCodes.Status415UnsupportedMediaType => RefusalReason.MediaType,
        _ => null,
    };

    // Serialises with FeedbackJson whatever the host's own JSON settings are, so both hosts answer alike.
    private sealed class JsonResult(int status, object value, string? location, string contentType, Refusal? refusal) : IResult
    {
        public int StatusCode => status;
        public Refusal? Refusal => refusal;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType + "; charset=utf-8";
            if (location is not null) response.Headers.Location = location;
            return System.Text.Json.JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), FeedbackJson.Options, httpContext.RequestAborted);
        }
    }
}
