using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Feedback.Http.Security;

/// <summary>
/// The schemes: a policy scheme that sends a JWT (three dot-separated parts) to the JWT bearer handler and
/// anything else to the host's key scheme when it has one (the local host's API keys); the authorization
/// policies of <see cref="AccessMatrix"/>.
/// </summary>
public static class FeedbackAuthentication
{
    public const string Scheme = "feedback";
    public const string KeyScheme = "feedback-key";

    public static IServiceCollection AddFeedbackAuthentication(this IServiceCollection services, IConfiguration configuration, bool withKeys)
    {
        var jwt = configuration.GetSection("Auth:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        services.AddSingleton(jwt);
        var builder = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", o => o.ForwardDefaultSelector = http =>
                withKeys && !LooksLikeJwt(http.Request.Headers.Authorization.ToString()) ? KeyScheme : JwtBearerDefaults.AuthenticationScheme);
        builder.AddJwtBearer(o => Configure(o, jwt));
        services.AddAuthorization(o =>
        {
            foreach (var access in Enum.GetValues<Access>().Where(AccessMatrix.NeedsIdentity))
                o.AddPolicy(AccessMatrix.PolicyName(access), p => p.RequireAuthenticatedUser().RequireRole(AccessMatrix.RolesFor(access)));
        });
        services.AddSingleton<AccessGate>();
        return services;
    }

    private static void Configure(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = "roles";
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        if (!string.IsNullOrWhiteSpace(jwt.Audience)) o.Audience = jwt.Audience;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            o.Authority = jwt.Authority;
            return;
        }
        if (string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            // No issuer configured: no token can be valid.
            o.TokenValidationParameters.SignatureValidator = (_, _) => throw new SecurityTokenSignatureKeyNotFoundException("no token issuer is configured");
            return;
        }
        var key = Convert.FromBase64String(jwt.SigningKey);
        if (key.Length < 32) throw new InvalidOperationException("Auth:Jwt:SigningKey must be at least 32 bytes, base64.");
        o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
        o.TokenValidationParameters.ValidIssuer = jwt.Issuer;
        o.TokenValidationParameters.ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer);
        o.TokenValidationParameters.ValidAudience = jwt.Audience;
        o.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience);
    }

    private static bool LooksLikeJwt(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Count(c => c == '.') == 2;

    /// <summary>The local host's API keys, under <see cref="KeyScheme"/>.</summary>
    public static AuthenticationBuilder AddKeyScheme<THandler>(this AuthenticationBuilder builder)
        where THandler : AuthenticationHandler<AuthenticationSchemeOptions> =>
        builder.AddScheme<AuthenticationSchemeOptions, THandler>(KeyScheme, null);
}
