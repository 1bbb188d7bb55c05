using System.Net;
using Feedback.Http.Security;
using Microsoft.Extensions.Hosting;

namespace Feedback.Local.Security;

/// <summary>
/// At start: a host without keys or a token issuer is open to whoever reaches it, so it may listen on loopback
/// only; elsewhere it refuses to start. On loopback it says that it is open and how to close it.
/// </summary>
public sealed class OpenModeGuard(ApiKeys keys, JwtOptions jwt, LocalUrls urls) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (jwt.Configured || await keys.AnyAsync(cancellationToken)) return;
        var exposed = urls.Values.Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0)
            throw new InvalidOperationException(
                $"feedback: refusing to listen on {string.Join(", ", exposed)} without API keys: anyone could read every customer's contact. " +
                "Create one first (feedback keys create --role admin --name <you>), or listen on 127.0.0.1.");
        Console.WriteLine("feedback: no API keys yet, so every route is open to this machine (loopback only). " +
            "Create one to require keys: feedback keys create --role admin --name <you>");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool IsLoopback(string url)
    {
        var host = Uri.TryCreate(url.Replace("://*", "://any").Replace("://+", "://any"), UriKind.Absolute, out var uri) ? uri.Host : url;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>The addresses the local host was told to listen on.</summary>
public sealed record LocalUrls(IReadOnlyList<string> Values);
