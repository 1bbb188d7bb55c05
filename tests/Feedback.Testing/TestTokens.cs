using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Feedback.Testing;

/// <summary>Bearer tokens signed like an issuer would (HS256 with a test key), with the app roles in the <c>roles</c> claim.</summary>
public static class TestTokens
{
    public const string Issuer = "https://login.example.test/feedback/v2.0";
    public const string Audience = "api://feedback-tests";
    public static readonly string SigningKey = Convert.ToBase64String("feedback-tests-signing-key-of-32+bytes!"u8.ToArray());

    /// <summary>The host settings that make it accept these tokens.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Jwt:Issuer"] = Issuer,
        ["Auth:Jwt:Audience"] = Audience,
        ["Auth:Jwt:SigningKey"] = SigningKey,
    };

    public static string Create(string name, string[] roles, DateTime? expires = null, string? key = null)
    {
        var claims = new List<Claim> { new("name", name), new("oid", Guid.NewGuid().ToString()) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.AddHours(-2),
            IssuedAt = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
