using Microsoft.DurableTask;

namespace Feedback.Workflows;

/// <summary>The workflow functions, declared once; both hosts register exactly these, under their class names.</summary>
public static class WorkflowRegistry
{
    public static readonly IReadOnlyList<Type> OrchestratorTypes = [typeof(TicketWorkflow)];

    public static readonly IReadOnlyList<Type> ActivityTypes =
        [typeof(AnalyzeSentiment), typeof(Classify), typeof(ExtractKeywords), typeof(Triage), typeof(NextSlaStep), typeof(ApplySlaStep), typeof(ApplyLoopStep)];

    public static IReadOnlyList<string> Orchestrators { get; } = [.. OrchestratorTypes.Select(t => t.Name)];

    public static IReadOnlyList<string> Activities { get; } = [.. ActivityTypes.Select(t => t.Name)];

    public static DurableTaskRegistry AddTicketWorkflow(this DurableTaskRegistry registry)
    {
        foreach (var type in OrchestratorTypes) registry.AddOrchestrator(type);
        foreach (var type in ActivityTypes) registry.AddActivity(type);
        return registry;
    }
}
