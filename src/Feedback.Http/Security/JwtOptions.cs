namespace Feedback.Http.Security;

/// <summary>
/// Bearer tokens (section <c>Auth:Jwt</c>). In Azure: Entra ID's <c>Authority</c>
/// (https://login.microsoftonline.com/{tenant}/v2.0) and the API's <c>Audience</c>; its app roles arrive in the
/// <c>roles</c> claim. Without an authority (tests, an own issuer): <c>Issuer</c>, <c>Audience</c> and a
/// base64 HMAC <c>SigningKey</c> of at least 32 bytes.
/// </summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public string? Issuer { get; set; }
    public string? SigningKey { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
