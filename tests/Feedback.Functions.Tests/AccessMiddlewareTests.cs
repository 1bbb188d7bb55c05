using System.Collections.Immutable;
using Feedback.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Functions.Tests;

/// <summary>
/// The Functions app's access middleware on real HTTP contexts, with the app's own services: the Entra-style
/// token and its role decide staff functions, public functions are limited per client address (X-Forwarded-For,
/// as the Functions front end passes it), and a function without a declared access is refused.
/// </summary>
public sealed class AccessMiddlewareTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly AccessMiddleware _middleware;

    public AccessMiddlewareTests()
    {
        var settings = TestTokens.Settings();
        settings["RateLimits:WebForm:Permits"] = "2";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
            .AddFeedbackFunctions(configuration).BuildServiceProvider();
        _middleware = ActivatorUtilities.CreateInstance<AccessMiddleware>(_services);
    }

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("TicketsList", null, 401)]
    [InlineData("TicketsList", "analyst", 200)]
    [InlineData("TicketsAssign", "agent", 403)]
    [InlineData("TicketsAssign", "supervisor", 200)]
    [InlineData("CustomersErase", "supervisor", 403)]
    [InlineData("CustomersErase", "admin", 200)]
    [InlineData("AuditList", "analyst", 403)]
    [InlineData("ReportsGet", "analyst", 200)]
    [InlineData("ReportsGet", "agent", 403)]
    public async Task A_staff_function_runs_only_for_a_valid_token_with_a_role_that_may(string function, string? role, int expected)
    {
        var (status, ran) = await InvokeAsync(function, role is null ? null : TestTokens.Create("钱主管", [role]));
        Assert.Equal(expected, status);
        Assert.Equal(expected == 200, ran);
    }

    [Fact]
    public async Task An_expired_token_or_one_signed_with_another_key_is_401_with_a_bearer_challenge()
    {
        foreach (var token in new[] { TestTokens.Create("过期", ["admin"], DateTime.UtcNow.AddHours(-2)), TestTokens.Create("冒充", ["admin"], key: Convert.ToBase64String(new byte[32])) })
        {
            var http = Context(token);
            var (status, ran) = await InvokeAsync("TicketsList", http);
            Assert.Equal((401, false), (status, ran));
            Assert.Equal("Bearer", http.Response.Headers.WWWAuthenticate.ToString());
            Assert.StartsWith("application/problem+json", http.Response.ContentType);
        }
    }

    [Fact]
    public async Task A_public_function_is_limited_per_forwarded_client_address_and_needs_no_token()
    {
        var results = new List<(int, bool)>();
        for (var i = 0; i < 3; i++) results.Add(await InvokeAsync("IntakeWebForm", Context(null, "203.0.113.7:50123")));
        var other = await InvokeAsync("IntakeWebForm", Context(null, "198.51.100.2"));

        Assert.Equal([(200, true), (200, true), (429, false)], results);
        Assert.Equal((200, true), other);
    }

    [Fact]
    public async Task A_timer_runs_untouched_and_an_http_function_without_a_declared_access_is_refused()
    {
        var ran = false;
        var timer = new Invocation(new Definition("Reconcile", "Feedback.Functions.Workflows.ReconcileFunction.Run"), null, _services);
        await _middleware.Invoke(timer, _ => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);

        var (status, undeclared) = await InvokeAsync(new Definition("Nothing", "Feedback.Functions.Nowhere.Run"), Context(TestTokens.Create("王", ["admin"])));
        Assert.Equal((500, false), (status, undeclared));
    }

    private Task<(int Status, bool Ran)> InvokeAsync(string function, string? token) => InvokeAsync(function, Context(token));

    private Task<(int Status, bool Ran)> InvokeAsync(string function, HttpContext http)
    {
        var entryPoint = typeof(AccessMiddleware).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (t, m)))
            .Single(x => x.m.GetCustomAttributes(typeof(FunctionAttribute), false).Cast<FunctionAttribute>().Any(f => f.Name == function));
        return InvokeAsync(new Definition(function, $"{entryPoint.t.FullName}.{entryPoint.m.Name}"), http);
    }

    private async Task<(int Status, bool Ran)> InvokeAsync(FunctionDefinition definition, HttpContext http)
    {
        var ran = false;
        await _middleware.Invoke(new Invocation(definition, http, _services), _ => { ran = true; return Task.CompletedTask; });
        return (ran ? 200 : http.Response.StatusCode, ran);
    }

    private HttpContext Context(string? token, string? forwardedFor = null)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        http.Response.Body = new MemoryStream();
        if (token is not null) http.Request.Headers.Authorization = "Bearer " + token;
        if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return http;
    }

    /// <summary>A function invocation as the worker makes it: the HTTP context sits in Items, where GetHttpContext looks.</summary>
    private sealed class Invocation(FunctionDefinition definition, HttpContext? http, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();
        public override string FunctionId => definition.Id;
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = services;
        public override FunctionDefinition FunctionDefinition => definition;
        public override IDictionary<object, object> Items { get; set; } =
            http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
    }

    private sealed class Definition(string name, string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "";
        public override string EntryPoint => entryPoint;
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
