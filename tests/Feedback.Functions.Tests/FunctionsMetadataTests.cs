using System.Text.Json.Nodes;
using Feedback.Functions;
using Feedback.Functions.Workflows;
using Feedback.Http;
using Feedback.Http.Security;
using Feedback.Local.Hosting;
using Feedback.Testing;
using Feedback.Workflows;
using Microsoft.AspNetCore.Routing;

namespace Feedback.Functions.Tests;

/// <summary>
/// The two hosts cannot drift apart: every route the local host serves is an HTTP trigger in the
/// Functions app's generated metadata, and every workflow function both register is there too.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Metadata = LoadMetadata();

    [Fact]
    public void Every_local_host_route_is_an_http_trigger_with_the_same_access_and_limit()
    {
        var local = LocalRoutes().Where(r => !r.Key.StartsWith($"POST {Routes.Prefix}/{Routes.Keys}") && !r.Key.StartsWith($"GET {Routes.Prefix}/{Routes.Keys}"))
            .ToDictionary(r => r.Key, r => r.Value);
        var functions = HttpFunctions().ToDictionary(f => f.Key, f => f.Value);

        Assert.NotEmpty(local);
        Assert.Equal(local.Keys.Order(), functions.Keys.Order());
        foreach (var (route, allow) in local)
        {
            var function = functions[route].Allow;
            Assert.True(function is not null, $"{route}: the function declares no access.");
            Assert.Equal((allow.Access, allow.Limit), (function!.Access, function.Limit));
        }
    }

    [Fact]
    public void Staff_routes_are_anonymous_to_the_host_and_guarded_by_their_role_while_channels_keep_their_function_keys()
    {
        // Staff carry an Entra ID token, which the access middleware checks; a function key would open them to anyone holding it.
        // The WeChat platform cannot send a Functions key; its SHA-1 signature is checked instead (WeChatEndpoint).
        // Customers open the satisfaction link; its signed one-time token is checked instead. The dashboard's page carries no data.
        string[] signedTheirOwnWay = [$"{Routes.Prefix}/{Routes.WeChat}", Routes.SatisfactionPage, Routes.Dashboard, Routes.DashboardAsset];
        foreach (var (route, (level, allow)) in HttpFunctions())
        {
            var anonymous = signedTheirOwnWay.Contains(route[(route.IndexOf(' ') + 1)..]) || AccessMatrix.NeedsIdentity(allow!.Access);
            Assert.True((anonymous ? "Anonymous" : "Function") == level, $"{route} is {level}.");
        }
        Assert.All(HttpFunctions().Where(f => f.Value.Level == "Function"), f => Assert.False(AccessMatrix.NeedsIdentity(f.Value.Allow!.Access)));
    }

    private static IEnumerable<KeyValuePair<string, AllowAttribute>> LocalRoutes()
    {
        var app = LocalHost.Build(new LocalHostSettings { DataDirectory = RunningHost.NewDataDirectory(), Urls = "http://127.0.0.1:0" });
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => KeyValuePair.Create(
                $"{m.ToUpperInvariant()} {e.RoutePattern.RawText!.TrimStart('/')}", e.Metadata.GetMetadata<AllowAttribute>()!)));
    }

    /// <summary>Each HTTP function's "METHOD route", its Functions auth level, and the access its method declares.</summary>
    private static IEnumerable<KeyValuePair<string, (string Level, AllowAttribute? Allow)>> HttpFunctions() =>
        Metadata.SelectMany(f =>
        {
            var trigger = f!["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger");
            if (trigger is null) return [];
            var allow = AccessMiddleware.AllowOf(new Definition(f["name"]!.GetValue<string>(), f["entryPoint"]!.GetValue<string>()));
            return trigger["methods"]!.AsArray().Select(m => KeyValuePair.Create(
                $"{m!.GetValue<string>().ToUpperInvariant()} {trigger["route"]!.GetValue<string>()}", (trigger["authLevel"]!.GetValue<string>(), allow)));
        });

    private sealed class Definition(string name, string entryPoint) : Microsoft.Azure.Functions.Worker.FunctionDefinition
    {
        public override System.Collections.Immutable.ImmutableArray<Microsoft.Azure.Functions.Worker.FunctionParameter> Parameters => [];
        public override string PathToAssembly => "";
        public override string EntryPoint => entryPoint;
        public override string Id => name;
        public override string Name => name;
        public override System.Collections.Immutable.IImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata> InputBindings =>
            System.Collections.Immutable.ImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata>.Empty;
        public override System.Collections.Immutable.IImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata> OutputBindings =>
            System.Collections.Immutable.ImmutableDictionary<string, Microsoft.Azure.Functions.Worker.BindingMetadata>.Empty;
    }

    [Fact]
    public void Every_workflow_function_is_registered_under_its_shared_name()
    {
        Assert.Equal(WorkflowRegistry.Orchestrators.Order(), FunctionsWith("orchestrationTrigger").Order());
        Assert.Equal(WorkflowRegistry.Activities.Order(), FunctionsWith("activityTrigger").Order());
    }

    [Fact]
    public void The_reconciler_and_the_event_relay_run_on_timers()
    {
        var timers = Metadata.Where(f => f!["bindings"]![0]!["type"]!.GetValue<string>() == "timerTrigger")
            .ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["bindings"]![0]!["schedule"]!.GetValue<string>());

        Assert.Equal(new Dictionary<string, string>
        {
            ["Reconcile"] = ReconcileFunction.Schedule,
            ["RelayEvents"] = RelayEventsFunction.Schedule,
            ["EvaluateWarnings"] = Feedback.Functions.Warnings.WarningFunctions.Schedule,
            ["ScheduledReports"] = Feedback.Functions.Reports.ReportFunctions.Schedule,
            ["ApplyRetention"] = Feedback.Functions.Privacy.PrivacyFunctions.Schedule,
        }, timers);
    }

    private static IEnumerable<JsonNode> Bindings(string type) =>
        Metadata.SelectMany(f => f!["bindings"]!.AsArray()).Where(b => b!["type"]!.GetValue<string>() == type)!;

    private static IEnumerable<string> FunctionsWith(string triggerType) =>
        Metadata.Where(f => f!["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == triggerType))
            .Select(f => f!["name"]!.GetValue<string>());

    private static JsonArray LoadMetadata()
    {
        // This test runs from tests/<project>/bin/<Configuration>/<tfm>/; the app builds into the same shape.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Feedback.sln"))) root = root.Parent;
        var path = Path.Combine(root!.FullName, "functions", "Feedback.Functions", "bin", configuration, tfm, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions build did not generate {path}.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}
