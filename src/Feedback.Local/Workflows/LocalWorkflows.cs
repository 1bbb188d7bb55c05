using Feedback.Application.Ports;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Workflows;

/// <summary>How the local host runs its workflows.</summary>
public sealed class LocalWorkflowOptions
{
    /// <summary>Orchestration and activity work items in flight at once, each.</summary>
    public int MaxConcurrentWorkItems { get; set; } = 200;
}

public static class LocalWorkflows
{
    /// <summary>
    /// The shared workflow on the in-process Durable Task backend, worked in this process, and the workflow
    /// port over it. State is in memory: after a restart the reconciler resumes every open ticket.
    /// </summary>
    public static IServiceCollection AddLocalWorkflows(this IServiceCollection services, LocalWorkflowOptions options)
    {
        services.AddSingleton(sp => new ConcurrentOrchestrationService(
            new InMemoryOrchestrationService(sp.GetService<ILoggerFactory>()), options.MaxConcurrentWorkItems));
        services.AddSingleton<InProcessTicketWorkflows>();
        services.AddSingleton<ITicketWorkflows>(sp => sp.GetRequiredService<InProcessTicketWorkflows>());
        services.AddSingleton<IHostedService, InProcessWorker>();
        return services;
    }
}
