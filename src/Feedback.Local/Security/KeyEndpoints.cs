using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Feedback.Local.Security;

/// <summary>
/// <c>GET/POST /api/keys</c> and <c>POST /api/keys/{id}/revoke</c>, for admins: the local host's identities. The
/// Functions app has none of these: in Azure, identities and roles are Entra ID's.
/// </summary>
public static class KeyEndpoints
{
    private sealed record KeyBody(string? Name, string? Role, int? ExpiresInDays);

    public static IEndpointRouteBuilder MapKeyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        api.MapGet(Routes.Keys, async (ApiKeys keys, CancellationToken ct) =>
            Responses.Json(StatusCodes.Status200OK, new { keys = (await keys.ListAsync(ct)).Select(ApiKeyView.Of) })).Allow(Access.Administer);
        api.MapPost(Routes.Keys, CreateAsync).Allow(Access.Administer);
        api.MapPost(Routes.KeyRevoke, async (string id, HttpRequest request, ApiKeys keys, CancellationToken ct) =>
            Responses.From(await keys.RevokeAsync(id, Callers.Of(request.HttpContext), ct), k => Responses.Json(StatusCodes.Status200OK, ApiKeyView.Of(k))))
            .Allow(Access.Administer);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ApiKeys keys, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<KeyBody>(request, ct);
        if (problem is not null) return problem;
        var lifetime = body!.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var outcome = await keys.CreateAsync(body.Name, body.Role, lifetime, Callers.Of(request.HttpContext), ct);
        if (outcome.Kind != Application.Common.OutcomeKind.Ok) return Responses.From(outcome, _ => Results.Empty);
        var made = outcome.Value;
        // The only time the key is shown.
        return Responses.Json(StatusCodes.Status201Created, new { key = made.Secret, id = made.Key.Id, name = made.Key.Name, role = made.Key.Role, expiresAt = made.Key.ExpiresAt });
    }
}
