using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Feedback.Infra.Tests;

/// <summary>infra/ builds and lints with no warning, and the template holds what operations rely on.</summary>
public sealed class BicepTests
{
    private static readonly string Infra = Path.Combine(RepoRoot(), "infra");
    private static readonly Lazy<(string Json, string Errors)> Compiled = new(() =>
    {
        var (code, output, errors) = Bicep("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.True(code == 0, $"bicep build failed: {errors}");
        return (output, errors);
    });

    [Fact]
    public void Main_template_builds_without_warnings()
    {
        Assert.Equal("", Compiled.Value.Errors.Trim());
        Assert.NotNull(JsonNode.Parse(Compiled.Value.Json));
    }

    [Fact]
    public void Every_file_lints_without_warnings()
    {
        var (code, output, errors) = Bicep("lint", Path.Combine(Infra, "main.bicep"));

        Assert.True(code == 0, errors);
        Assert.Equal("", (output + errors).Trim());
    }

    [Fact]
    public void The_linter_is_strict_enough_to_fail_an_unused_parameter()
    {
        var probe = Path.Combine(Infra, $"probe-{Guid.NewGuid():N}.bicep");
        File.WriteAllText(probe, "@description('unused')\nparam unused string\n");
        try
        {
            var (code, output, errors) = Bicep("lint", probe);
            Assert.NotEqual(0, code);
            Assert.Contains("no-unused-params", output + errors);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    [Fact]
    public void The_parameters_file_names_only_template_parameters_and_every_required_one()
    {
        var template = JsonNode.Parse(Compiled.Value.Json)!["parameters"]!.AsObject();
        var given = JsonNode.Parse(File.ReadAllText(Path.Combine(Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(given, p => Assert.True(template.ContainsKey(p.Key), $"{p.Key} is not a parameter of main.bicep"));
        var required = template.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(given.ContainsKey(name), $"main.parameters.json lacks {name}"));
    }

    [Fact]
    public void Every_service_takes_identities_only()
    {
        var json = Compiled.Value.Json;
        Assert.Contains("\"allowSharedKeyAccess\": false", json);
        // Cosmos DB, Service Bus, Language, and Application Insights (which spells it DisableLocalAuth).
        Assert.Equal(4, Count(json.ToLowerInvariant(), "\"disablelocalauth\": true"));
        Assert.Contains("\"disableKeyBasedMetadataWriteAccess\": true", json);
        Assert.Contains("\"enableRbacAuthorization\": true", json);
    }

    [Fact]
    public void The_identity_holds_exactly_the_roles_it_needs()
    {
        var json = Compiled.Value.Json;
        string[] roles =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host leases, package, attachments)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor (Durable)
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor (Durable)
            "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", // Azure Service Bus Data Sender
            "a97b65f3-24c7-4388-baec-2e87135dc908", // Cognitive Services User (Language)
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "00000000-0000-0000-0000-000000000002", // Cosmos DB Built-in Data Contributor
        ];
        Assert.All(roles, r => Assert.Contains(r, json));
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", json); // Contributor
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", json); // Owner
    }

    [Fact]
    public void Topics_detect_duplicates_and_subscriptions_dead_letter()
    {
        var json = Compiled.Value.Json;
        Assert.Contains("\"requiresDuplicateDetection\": true", json);
        Assert.Contains("\"deadLetteringOnMessageExpiration\": true", json);
        Assert.Contains("\"deadLetteringOnFilterEvaluationExceptions\": true", json);
        Assert.Contains("\"feedback-events\"", json);
        Assert.Contains("\"alerts\"", json);
    }

    [Fact]
    public void The_app_gets_every_setting_it_validates_at_start_and_runs_on_flex_consumption()
    {
        var json = Compiled.Value.Json;
        string[] settings =
        [
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AZURE_CLIENT_ID",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "Cosmos__AccountEndpoint", "ServiceBus__FullyQualifiedNamespace",
            "Attachments__BlobServiceUri", "Language__Endpoint", "Channels__Secrets__hotline", "Channels__Secrets__social", "Channels__Secrets__survey",
            "Channels__Secrets__reviews", "Channels__Secrets__email", "Auth__Jwt__Authority", "Auth__Jwt__Audience",
        ];
        Assert.All(settings, s => Assert.True(NamesKey(json, s), $"{s} is not set"));
        Assert.Contains("FlexConsumption", json);
        Assert.Contains("dotnet-isolated", json);
        Assert.Contains("/receivedAt", json); // the composite index the ticket lists need
        Assert.Contains("\"audit\"", json); // the audit trail's container
    }

    [Fact]
    public void The_wechat_encryption_key_goes_to_key_vault_and_reaches_the_app_only_when_given()
    {
        var json = Compiled.Value.Json;
        Assert.Contains("wechat-encoding-aes-key", json);
        Assert.True(NamesKey(json, "Channels__WeChat__EncodingAesKey"));
        Assert.True(NamesKey(json, "Channels__WeChat__AppId"));
        Assert.Contains("empty(parameters('wechatEncodingAesKey'))", json);
    }

    // A literal key compiles to "Name"; one inside an expression (union, createObject) to 'Name'.
    private static bool NamesKey(string json, string name) => json.Contains($"\"{name}\"", StringComparison.Ordinal) || json.Contains($"'{name}'", StringComparison.Ordinal);

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static (int Code, string Output, string Errors) Bicep(params string[] arguments)
    {
        var path = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(File.Exists(path), $"bicep not found at {path}; it comes with the Azure.Bicep.CommandLine.linux-x64 package.");
        // The binary is for linux-x64 only (the package says so), where NuGet may drop its execute bit.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // Offline: no update checks, no telemetry.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) dir = dir.Parent!;
        return dir.FullName;
    }
}
