using System.Collections.Concurrent;
using System.Reflection;
using Feedback.Http.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Feedback.Functions;

/// <summary>
/// Before an HTTP function runs: its public route's address limit, then (staff routes) the Entra ID token and the
/// role its <see cref="AllowAttribute"/> names, through the same <see cref="AccessGate"/> the local host uses.
/// Staff functions are anonymous to the Functions host, so this check is what guards them.
/// </summary>
public sealed class AccessMiddleware(AccessGate gate, PublicLimits limits) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, AllowAttribute?> Allowed = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        // An HTTP function without its access declared is refused: the metadata test keeps this from shipping.
        var allow = AllowOf(context.FunctionDefinition);
        var refused = allow is null
            ? Http.Responses.Problem(500, "Access not declared.", $"Function {context.FunctionDefinition.Name} declares no access.")
            : (allow.Limit is { } policy ? limits.CheckAddress(http, policy) : null) ?? await gate.CheckAsync(http, allow.Access);
        if (refused is not null)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        await next(context);
    }

    public static AllowAttribute? AllowOf(FunctionDefinition definition) => Allowed.GetOrAdd(definition.EntryPoint, entryPoint =>
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(AccessMiddleware).Assembly.GetType(entryPoint[..dot]);
        return type?.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)?.GetCustomAttribute<AllowAttribute>();
    });
}
