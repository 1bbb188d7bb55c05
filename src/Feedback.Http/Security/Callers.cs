using System.Net;
using System.Security.Claims;
using Feedback.Application.Privacy;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http.Security;

/// <summary>Who is calling, as the authentication found them, and from where.</summary>
public static class Callers
{
    /// <summary>The claim the loopback identity carries: nobody signed in, the host is being tried on this machine.</summary>
    public const string OpenClaim = "feedback:open";

    public static Caller Of(HttpContext http)
    {
        var user = http.User;
        var roles = StaffRoles.All.Where(user.IsInRole).ToList();
        return new Caller(NameOf(user) ?? "anonymous", roles.Count == 0 ? "none" : string.Join(",", roles), AddressOf(http));
    }

    /// <summary>The authenticated name that history records instead of any name in the body; null without a signed-in identity.</summary>
    public static string? Actor(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && !http.User.HasClaim(c => c.Type == OpenClaim) ? NameOf(http.User) : null;

    public static string? AddressOf(HttpContext http)
    {
        if (http.RequestServices?.GetService(typeof(ClientAddressing)) is ClientAddressing { TrustForwardedFor: true } && http.Request.Headers["X-Forwarded-For"].FirstOrDefault() is { Length: > 0 } forwarded)
        {
            var first = forwarded.Split(',')[0].Trim();
            // Azure's front end may append the port.
            if (IPEndPoint.TryParse(first, out var endpoint)) return endpoint.Address.ToString();
            return first;
        }
        return http.Connection.RemoteIpAddress?.ToString();
    }

    private static string? NameOf(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.Identity?.Name ?? user.FindFirst("preferred_username")?.Value ?? user.FindFirst("oid")?.Value;
}

/// <summary>Registered by a host behind a front end (Azure Functions): the client is the first X-Forwarded-For entry.</summary>
public sealed record ClientAddressing(bool TrustForwardedFor);
