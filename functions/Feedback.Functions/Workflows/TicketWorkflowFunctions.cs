using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using W = Feedback.Workflows;

namespace Feedback.Functions.Workflows;

/// <summary>
/// The workflow as functions. The generator that would emit these is not on the package mirror,
/// so each is written out; the names are the shared classes' names, as the local host registers them.
/// </summary>
public sealed class TicketWorkflowFunctions(TicketWorkflowSteps steps, Feedback.Application.ClosedLoop.ClosedLoopSteps loop)
{
    [Function(nameof(W.TicketWorkflow))]
    public static Task<string> TicketWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new W.TicketWorkflow().RunAsync(context, context.GetInput<TicketWorkflowInput>()!);

    [Function(nameof(W.AnalyzeSentiment))]
    public Task<SentimentResult> AnalyzeSentiment([ActivityTrigger] string number, CancellationToken ct) =>
        steps.AnalyzeSentimentAsync(number, ct);

    [Function(nameof(W.Classify))]
    public Task<Classification> Classify([ActivityTrigger] string number, CancellationToken ct) =>
        steps.ClassifyAsync(number, ct);

    [Function(nameof(W.ExtractKeywords))]
    public Task<KeywordResult> ExtractKeywords([ActivityTrigger] string number, CancellationToken ct) =>
        steps.ExtractKeywordsAsync(number, ct);

    [Function(nameof(W.Triage))]
    public Task<SlaPlan> Triage([ActivityTrigger] TriageInput input, CancellationToken ct) =>
        steps.TriageAsync(input, ct);

    [Function(nameof(W.NextSlaStep))]
    public Task<SlaNext> NextSlaStep([ActivityTrigger] string number, CancellationToken ct) =>
        steps.NextStepAsync(number, ct);

    [Function(nameof(W.ApplySlaStep))]
    public Task<bool> ApplySlaStep([ActivityTrigger] ApplyStepInput input, CancellationToken ct) =>
        steps.ApplyStepAsync(input, ct);

    [Function(nameof(W.ApplyLoopStep))]
    public Task<bool> ApplyLoopStep([ActivityTrigger] LoopStepInput input, CancellationToken ct) =>
        loop.ApplyAsync(input.TicketNumber, input.Step, ct);
}
