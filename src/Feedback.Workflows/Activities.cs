using Feedback.Application.ClosedLoop;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Microsoft.DurableTask;

namespace Feedback.Workflows;

// Each activity is a thin shell over one step of TicketWorkflowSteps, which both hosts share.

public sealed class AnalyzeSentiment(TicketWorkflowSteps steps) : TaskActivity<string, SentimentResult>
{
    public override Task<SentimentResult> RunAsync(TaskActivityContext context, string input) =>
        steps.AnalyzeSentimentAsync(input, CancellationToken.None);
}

public sealed class Classify(TicketWorkflowSteps steps) : TaskActivity<string, Classification>
{
    public override Task<Classification> RunAsync(TaskActivityContext context, string input) =>
        steps.ClassifyAsync(input, CancellationToken.None);
}

public sealed class ExtractKeywords(TicketWorkflowSteps steps) : TaskActivity<string, KeywordResult>
{
    public override Task<KeywordResult> RunAsync(TaskActivityContext context, string input) =>
        steps.ExtractKeywordsAsync(input, CancellationToken.None);
}

public sealed class Triage(TicketWorkflowSteps steps) : TaskActivity<TriageInput, SlaPlan>
{
    public override Task<SlaPlan> RunAsync(TaskActivityContext context, TriageInput input) =>
        steps.TriageAsync(input, CancellationToken.None);
}

public sealed class NextSlaStep(TicketWorkflowSteps steps) : TaskActivity<string, SlaNext>
{
    public override Task<SlaNext> RunAsync(TaskActivityContext context, string input) =>
        steps.NextStepAsync(input, CancellationToken.None);
}

public sealed class ApplySlaStep(TicketWorkflowSteps steps) : TaskActivity<ApplyStepInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, ApplyStepInput input) =>
        steps.ApplyStepAsync(input, CancellationToken.None);
}

public sealed class ApplyLoopStep(ClosedLoopSteps steps) : TaskActivity<LoopStepInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, LoopStepInput input) =>
        steps.ApplyAsync(input.TicketNumber, input.Step, CancellationToken.None);
}
