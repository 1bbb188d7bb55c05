using Feedback.Application.Tickets;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Feedback.Functions.Workflows;

/// <summary>Every five minutes: every open ticket has a running workflow.</summary>
public sealed class ReconcileFunction(InvocationWorkflows bound, WorkflowReconciler reconciler)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("Reconcile")]
    public Task<int> Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient workflows, CancellationToken ct) =>
        bound.With(workflows, () => reconciler.ReconcileAsync(ct));
}
