using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http.Security;

/// <summary>
/// The one check both hosts make before a staff route runs: authenticate with the host's schemes, then the
/// route's policy. Refusals are problem details: 401 with a Bearer challenge, or 403 naming the roles that may.
/// </summary>
public sealed class AccessGate(IAuthorizationService authorization)
{
    public async Task<IResult?> CheckAsync(HttpContext http, Access access)
    {
        if (!AccessMatrix.NeedsIdentity(access)) return null;
        var result = await http.AuthenticateAsync(FeedbackAuthentication.Scheme);
        if (result.Succeeded) http.User = result.Principal;
        if (http.User.Identity?.IsAuthenticated != true)
            return Unauthorized(result.Failure?.Message);
        var allowed = await authorization.AuthorizeAsync(http.User, AccessMatrix.PolicyName(access));
        return allowed.Succeeded ? null : Forbidden(access);
    }

    private static IResult Unauthorized(string? why) => new Challenge(Responses.Problem(StatusCodes.Status401Unauthorized, "Sign-in required.",
        why is null
            ? "Send 'Authorization: Bearer <token>': an Entra ID token, or a key from 'feedback keys create'."
            : $"The bearer token was refused: {why}"));

    private static IResult Forbidden(Access access) => Responses.Problem(StatusCodes.Status403Forbidden, "Not allowed for your role.",
        $"This needs the {access} access, which the roles {string.Join(", ", AccessMatrix.RolesFor(access))} have.");

    // RFC 6750: a 401 names the scheme it wants.
    private sealed class Challenge(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return problem.ExecuteAsync(httpContext);
        }
    }
}
