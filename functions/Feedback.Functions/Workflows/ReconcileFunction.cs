using Feedback.Application.Tickets;
using Feedback.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Workflows;

/// <summary>Every five minutes: every open ticket has a running workflow.</summary>
public sealed class ReconcileFunction(WorkflowReconciler reconciler)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("Reconcile")]
    public Task<int> Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient workflows, CancellationToken ct) =>
        reconciler.ReconcileAsync(new DurableTicketWorkflows(workflows), ct);
}
