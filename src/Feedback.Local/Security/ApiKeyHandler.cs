using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Feedback.Local.Security;

/// <summary>
/// <c>Authorization: Bearer fbk_…</c> on the local host. With no live key and no token issuer configured, a
/// request without credentials is the loopback identity (every role): the host is being tried on this machine,
/// and <see cref="OpenModeGuard"/> has made sure it listens on loopback only.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeys keys, JwtOptions jwt) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
            return !jwt.Configured && !await keys.AnyAsync(Context.RequestAborted) && IsLoopback()
                ? Success(Open())
                : AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("only 'Authorization: Bearer <key>' is understood");
        var key = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown, revoked or expired key");
        return Success(new ClaimsIdentity(
            [new Claim("name", key.Name), new Claim("roles", key.Role), new Claim("key", key.Id)], Scheme.Name, "name", "roles"));
    }

    private AuthenticateResult Success(ClaimsIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));

    private static ClaimsIdentity Open() => new(
        [new Claim("name", "local"), new Claim(Callers.OpenClaim, "true"), .. StaffRoles.All.Select(r => new Claim("roles", r))],
        "loopback", "name", "roles");

    private bool IsLoopback() => Context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);
}
