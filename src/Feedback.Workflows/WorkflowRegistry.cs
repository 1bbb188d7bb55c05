using Microsoft.DurableTask;

namespace Feedback.Workflows;

/// <summary>The workflow functions; both hosts register exactly these names.</summary>
public static class WorkflowRegistry
{
    public static readonly IReadOnlyList<string> Orchestrators = [nameof(TicketWorkflow)];

    public static readonly IReadOnlyList<string> Activities =
        [nameof(AnalyzeSentiment), nameof(Classify), nameof(ExtractKeywords), nameof(Triage), nameof(Escalate), nameof(CloseTicket)];

    public static DurableTaskRegistry AddTicketWorkflow(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<TicketWorkflow>()
        .AddActivity<AnalyzeSentiment>()
        .AddActivity<Classify>()
        .AddActivity<ExtractKeywords>()
        .AddActivity<Triage>()
        .AddActivity<Escalate>()
        .AddActivity<CloseTicket>();
}
