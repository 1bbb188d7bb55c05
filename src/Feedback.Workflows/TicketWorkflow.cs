using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Microsoft.DurableTask;

namespace Feedback.Workflows;

/// <summary>
/// One per ticket (instance id = ticket number): analysis fans out as parallel activities, triage fixes the
/// deadlines, then the SLA clock runs: ask the store for the next step (warn, breach, climb the ladder),
/// sleep on a durable timer until it is due or the ticket changes, apply it, ask again. The store decides;
/// this only sequences, so a pause, a re-plan or a reassignment is just "the ticket changed". Once resolved,
/// the closed loop's steps come the same way: ask the customer, remind once, close as no-answer.
/// </summary>
public sealed class TicketWorkflow : TaskOrchestrator<TicketWorkflowInput, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, TicketWorkflowInput input)
    {
        var number = input.TicketNumber;
        // Subscribed before anything else: a change raised while we work is buffered for this waiter.
        var changed = context.WaitForExternalEvent<string?>(WorkflowEvents.Changed);

        if (input.Plan is null) await AnalyzeAndTriageAsync(context, number);

        while (true)
        {
            var next = await context.CallActivityAsync<SlaNext>(nameof(NextSlaStep), number, Retry);
            if (next.Done) break;
            if (next.At is not { } at)
            {
                await changed;
                changed = context.WaitForExternalEvent<string?>(WorkflowEvents.Changed);
                continue;
            }
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(at.UtcDateTime, cts.Token);
            if (await Task.WhenAny(timer, changed) == timer)
            {
                if (next.LoopFirst)
                    await context.CallActivityAsync<bool>(nameof(ApplyLoopStep), new LoopStepInput(number, next.Loop!), Retry);
                else
                    await context.CallActivityAsync<bool>(nameof(ApplySlaStep), new ApplyStepInput(number, next.Step!), Retry);
                continue;
            }
            cts.Cancel();
            changed = context.WaitForExternalEvent<string?>(WorkflowEvents.Changed);
        }

        return "closed";
    }

    private static async Task AnalyzeAndTriageAsync(TaskOrchestrationContext context, string number)
    {
        var sentiment = context.CallActivityAsync<SentimentResult>(nameof(AnalyzeSentiment), number, Retry);
        var classification = context.CallActivityAsync<Classification>(nameof(Classify), number, Retry);
        var keywords = context.CallActivityAsync<KeywordResult>(nameof(ExtractKeywords), number, Retry);
        await Task.WhenAll(sentiment, classification, keywords);
        await context.CallActivityAsync<SlaPlan>(
            nameof(Triage), new TriageInput(number, sentiment.Result, classification.Result, keywords.Result), Retry);
    }
}
