using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Microsoft.DurableTask;

namespace Feedback.Workflows;

/// <summary>
/// One per ticket (instance id = ticket number): analysis fans out as parallel activities,
/// triage fixes the deadlines, then each stage races the agent's event against a durable
/// timer and escalates when the timer wins. The plan comes from the domain; this only sequences.
/// </summary>
public sealed class TicketWorkflow : TaskOrchestrator<TicketWorkflowInput, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, TicketWorkflowInput input)
    {
        var number = input.TicketNumber;
        // Subscribed once, up front: an event raised before we wait is buffered for these.
        var responded = context.WaitForExternalEvent<string?>(WorkflowEvents.Responded);
        var resolved = context.WaitForExternalEvent<string?>(WorkflowEvents.Resolved);

        var plan = input.Plan ?? await AnalyzeAndTriageAsync(context, number);

        var isResolved = input.Resolved;
        if (!input.Responded && !input.Resolved)
        {
            var first = await RaceAsync(context, plan.RespondBy, responded, resolved);
            if (first is null)
            {
                await context.CallActivityAsync<int>(nameof(Escalate), new EscalateInput(number, Stage.Response), Retry);
                first = await Task.WhenAny(responded, resolved);
            }
            isResolved = first == resolved;
        }

        if (!isResolved && await RaceAsync(context, plan.ResolveBy, resolved) is null)
        {
            await context.CallActivityAsync<int>(nameof(Escalate), new EscalateInput(number, Stage.Resolution), Retry);
            await resolved;
        }

        await context.CallActivityAsync(nameof(CloseTicket), number, Retry);
        return "closed";
    }

    private static async Task<SlaPlan> AnalyzeAndTriageAsync(TaskOrchestrationContext context, string number)
    {
        var sentiment = context.CallActivityAsync<SentimentResult>(nameof(AnalyzeSentiment), number, Retry);
        var classification = context.CallActivityAsync<Classification>(nameof(Classify), number, Retry);
        var keywords = context.CallActivityAsync<KeywordResult>(nameof(ExtractKeywords), number, Retry);
        await Task.WhenAll(sentiment, classification, keywords);
        return await context.CallActivityAsync<SlaPlan>(
            nameof(Triage), new TriageInput(number, sentiment.Result, classification.Result, keywords.Result), Retry);
    }

    /// <summary>The first of the events to arrive, or null if the deadline came first.</summary>
    private static async Task<Task?> RaceAsync(TaskOrchestrationContext context, DateTimeOffset due, params Task[] events)
    {
        using var cts = new CancellationTokenSource();
        var timer = context.CreateTimer(due.UtcDateTime, cts.Token);
        var winner = await Task.WhenAny([.. events, timer]);
        if (winner == timer) return null;
        cts.Cancel();
        return winner;
    }
}
