using Feedback.Application.Ports;
using Feedback.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Feedback.Local.Workflows;

/// <summary>How the local host runs its workflows.</summary>
public sealed class LocalWorkflowOptions
{
    /// <summary>Activities running at once; more wait their turn, in order.</summary>
    public int MaxConcurrentActivities { get; set; } = 200;
}

public static class LocalWorkflows
{
    /// <summary>
    /// The shared workflow run in this process, and the workflow port over it. State is in memory:
    /// after a restart the reconciler resumes every open ticket from the store.
    /// </summary>
    public static IServiceCollection AddLocalWorkflows(this IServiceCollection services, LocalWorkflowOptions options)
    {
        services.AddSingleton(sp => new WorkflowRunner(
            sp, WorkflowRegistry.OrchestratorTypes, WorkflowRegistry.ActivityTypes, options.MaxConcurrentActivities,
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ITicketWorkflows, InProcessTicketWorkflows>();
        return services;
    }
}
