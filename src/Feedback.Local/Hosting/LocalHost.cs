using Feedback.Application;
using Feedback.Application.Ports;
using Feedback.Http;
using Feedback.Local.Attachments;
using Feedback.Local.Storage;
using Feedback.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Feedback.Local.Workflows;
using Feedback.Local.Security;
using Feedback.Http.Security;
using Feedback.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Hosting;

/// <summary>How to start the local host; tests set the data folder, a free port and their own policy.</summary>
public sealed record LocalHostSettings
{
    public string DataDirectory { get; init; } = ".feedback-data";
    public string Urls { get; init; } = "http://127.0.0.1:7071";
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
    public TimeProvider? Time { get; init; }
    public string[] Args { get; init; } = [];

    /// <summary>Last word on the services: tests trust their fakes' certificates here.</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The whole backend on one machine: ASP.NET Core on loopback, SQLite in WAL mode, the Durable
/// Task worker on its in-process backend, the outbox readable over HTTP.
/// </summary>
public static class LocalHost
{
    public static WebApplication Build(LocalHostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings.Args });
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning)
            .AddFilter("DurableTask", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var services = builder.Services;
        if (settings.Time is not null) services.AddSingleton(settings.Time);
        // First, so that a host open to all refuses to start before anything listens.
        services.AddSingleton(new LocalUrls(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        services.AddSingleton<ApiKeys>();
        services.AddHostedService<OpenModeGuard>();
        services.AddFeedbackAuthentication(builder.Configuration, withKeys: true)
            .AddAuthentication().AddKeyScheme<ApiKeyHandler>();
        services.AddFeedbackApplication();
        services.AddFeedbackEndpoints();
        services.AddFeedbackMessaging();
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        services.AddFeedbackStore(_ => new SqliteStore(Path.Combine(dataDirectory, "feedback.db")));
        services.AddSingleton<IAttachmentStore>(_ => new FolderAttachmentStore(Path.Combine(dataDirectory, "attachments")));
        var workflows = builder.Configuration.GetSection("Workflows").Get<LocalWorkflowOptions>() ?? new LocalWorkflowOptions();
        services.AddLocalWorkflows(workflows);
        services.AddOptions<ReconcilerOptions>().BindConfiguration("Reconciler");
        services.AddHostedService<ReconcilerService>();
        services.AddOptions<WarningTimerOptions>().BindConfiguration("Warnings")
            .Validate(o => o.Interval > TimeSpan.Zero, "Warnings:Interval must be positive.").ValidateOnStart();
        services.AddHostedService<WarningTimer>();
        if (builder.Configuration["Reports:Schedule"] != "off") services.AddHostedService<ReportScheduler>();
        services.AddHostedService<RetentionTimer>();
        settings.Services?.Invoke(services);

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapFeedbackApi();
        app.MapKeyApi();
        return app;
    }

    /// <summary>The address Kestrel actually bound, which matters when the settings asked for port 0.</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
