using System.Text.Json.Nodes;
using Feedback.Functions.Workflows;
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
    public void Every_local_host_route_is_an_http_trigger_and_nothing_more_keyed_except_wechat_and_the_satisfaction_link_which_sign_their_own()
    {
        var app = LocalHost.Build(new LocalHostSettings { DataDirectory = RunningHost.NewDataDirectory(), Urls = "http://127.0.0.1:0" });
        var local = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                $"{m.ToUpperInvariant()} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order().ToList();

        var triggers = Bindings("httpTrigger").ToList();
        var functions = triggers
            .SelectMany(b => b["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} {b["route"]!.GetValue<string>()}"))
            .Order().ToList();

        Assert.NotEmpty(local);
        Assert.Equal(local, functions);
        // The WeChat platform cannot send a Functions key; its SHA-1 signature is checked instead (WeChatEndpoint).
        // Customers open the satisfaction link; its signed one-time token is checked instead.
        // The dashboard's page and scripts carry no data.
        string[] anonymous = [$"{Feedback.Http.Routes.Prefix}/{Feedback.Http.Routes.WeChat}", Feedback.Http.Routes.SatisfactionPage, Feedback.Http.Routes.Dashboard, Feedback.Http.Routes.DashboardAsset];
        Assert.All(triggers, b => Assert.Equal(
            anonymous.Contains(b["route"]!.GetValue<string>()) ? "Anonymous" : "Function", b["authLevel"]!.GetValue<string>()));
        Assert.Equal(6, triggers.Count(b => b["authLevel"]!.GetValue<string>() == "Anonymous"));
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
