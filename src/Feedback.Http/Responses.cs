using Feedback.Application.Common;
using Microsoft.AspNetCore.Http;
using Feedback.Domain;

namespace Feedback.Http;

/// <summary>Maps outcomes to HTTP in one place; every failure is RFC 7807 problem details naming the field.</summary>
public static class Responses
{
    private const string ProblemType = "https://tools.ietf.org/html/rfc9110#section-15.5";

    public static IResult Json(int status, object value, string? location = null) => new JsonResult(status, value, location, "application/json", null);

    public static IResult Field(int status, string title, string field, string message) =>
        Problem(status, title, null, new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Problem(int status, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = ProblemType,
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null) body["detail"] = detail;
        if (errors is not null) body["errors"] = errors;
        return new JsonResult(status, body, null, "application/problem+json", errors);
    }

    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.Invalid => Problem(StatusCodes.Status400BadRequest, "One or more fields are invalid.", outcome.Detail, outcome.Errors),
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found.", outcome.Detail),
        _ => Problem(StatusCodes.Status409Conflict, "The ticket's state does not allow this.", outcome.Detail),
    };

    /// <summary>The status and, for a problem, the failing fields: what the channel counts read.</summary>
    public static (int Status, IReadOnlyDictionary<string, string[]>? Errors) Inspect(IResult result) =>
        result is JsonResult json ? (json.StatusCode, json.Errors) : (StatusCodes.Status200OK, null);

    // Serialises with FeedbackJson whatever the host's own JSON settings are, so both hosts answer alike.
    private sealed class JsonResult(int status, object value, string? location, string contentType, IReadOnlyDictionary<string, string[]>? errors) : IResult
    {
        public int StatusCode => status;
        public IReadOnlyDictionary<string, string[]>? Errors => errors;

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
