using System.CommandLine;
using Feedback.Application.Privacy;
using Feedback.Local.Hosting;
using Feedback.Local.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Cli;

/// <summary>
/// <c>feedback keys create --role agent --name 李客服 [--expires-in-days N]</c> prints a new key once (only its hash is
/// kept); <c>feedback keys list</c>; <c>feedback keys revoke ID</c>. They work on the data folder, running host or not:
/// a running host sees a new or revoked key within seconds.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(Option<string> data)
    {
        var role = new Option<string>("--role") { Description = "agent, supervisor, admin or analyst.", Required = true };
        role.AcceptOnlyFromAmong([.. Feedback.Http.Security.StaffRoles.All]);
        var name = new Option<string>("--name") { Description = "Whose key it is, as history shows them (李客服).", Required = true };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working; never if left out." };
        var create = new Command("create", "Make a key and print it once.") { role, name, days, data };
        create.SetAction((result, ct) => WithKeysAsync(result.GetValue(data)!, async keys =>
        {
            var lifetime = result.GetValue(days) is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
            var outcome = await keys.CreateAsync(result.GetValue(name), result.GetValue(role), lifetime, Operator, ct);
            if (outcome.Errors is { } errors)
            {
                foreach (var (field, messages) in errors) await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
                return 2;
            }
            var (key, secret) = outcome.Value;
            Console.WriteLine(secret);
            await Console.Error.WriteLineAsync($"key {key.Id} for {key.Name} ({key.Role}); shown only now. Send it as 'Authorization: Bearer <key>'.");
            return 0;
        }));

        var list = new Command("list", "List the keys (never the keys themselves).") { data };
        list.SetAction((result, ct) => WithKeysAsync(result.GetValue(data)!, async keys =>
        {
            foreach (var k in await keys.ListAsync(ct))
                Console.WriteLine($"{k.Id}\t{k.Role}\t{k.Name}\t{(k.RevokedAt is null ? k.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd}" : "active" : "revoked")}");
            return 0;
        }));

        var id = new Argument<string>("id") { Description = "The key's id, as 'keys list' shows it." };
        var revoke = new Command("revoke", "Stop a key from working.") { id, data };
        revoke.SetAction((result, ct) => WithKeysAsync(result.GetValue(data)!, async keys =>
        {
            var outcome = await keys.RevokeAsync(result.GetValue(id)!, Operator, ct);
            if (outcome.Value is null)
            {
                await Console.Error.WriteLineAsync(outcome.Detail);
                return 1;
            }
            Console.WriteLine($"revoked {outcome.Value.Id} ({outcome.Value.Name})");
            return 0;
        }));

        return new Command("keys", "The local host's API keys.") { create, list, revoke };
    }

    private static Caller Operator => new("cli:" + Environment.UserName, "admin", "local");

    private static async Task<int> WithKeysAsync(string dataDirectory, Func<ApiKeys, Task<int>> run)
    {
        await using var app = LocalHost.Build(new LocalHostSettings
        {
            DataDirectory = dataDirectory,
            Configuration = new Dictionary<string, string?> { ["Reports:Schedule"] = "off" },
        });
        return await run(app.Services.GetRequiredService<ApiKeys>());
    }
}
