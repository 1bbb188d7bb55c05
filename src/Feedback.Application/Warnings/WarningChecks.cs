using System.Security.Cryptography;
using System.Text;
using Feedback.Application.Ports;
using Feedback.Domain.Analysis;
using Feedback.Domain.Tickets;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Logging;

namespace Feedback.Application.Warnings;

/// <summary>
/// The content rules, decided as each ticket is triaged or repeated rather than by the timer: an urgent item with a
/// watched negative keyword, a customer's second complaint while one is open, the same customer asking again.
/// Best effort: a failure here is logged and never holds up the ticket.
/// </summary>
public sealed partial class WarningChecks(WarningRuleProvider rules, WarningService warnings, ITicketQueries queries, TimeProvider time, ILogger<WarningChecks> logger)
{
    public Task OnTriagedAsync(Ticket ticket, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        var findings = new List<Finding>();
        foreach (var rule in (await rules.CurrentAsync(ct)).Where(r => r.Enabled))
        {
            if (rule.Kind == WarningKinds.ContentKeyword && ticket.Analysis is { Urgency: Urgency.High } a)
                foreach (var hit in a.Keywords.Where(k => k.Weight < 0 && rule.Terms?.Contains(k.Term) == true))
                    findings.Add(new Finding(rule, $"{rule.Id}:{hit.Term}", rule.Level, $"{rule.Title}：{hit.Term}",
                        new Dictionary<string, double> { ["weight"] = hit.Weight }, [ticket.Number]) { Window = "at triage" });
            if (rule.Kind == WarningKinds.CustomerEscalating && ticket.Analysis?.Classification.Type == FeedbackType.Complaint
                && ticket.Feedback.CustomerId is { Length: > 0 } customer)
            {
                var open = await queries.ListAsync(new TicketQuery(OpenOnly: true, Limit: 20) { CustomerId = customer }, time.GetUtcNow(), ct);
                var others = open.Where(t => t.Number != ticket.Number && t.Analysis?.Classification.Type == FeedbackType.Complaint).Select(t => t.Number).ToList();
                if (others.Count > 0)
                    findings.Add(new Finding(rule, $"{rule.Id}:{Pseudonym(customer)}", rule.Level, rule.Title,
                        new Dictionary<string, double> { ["openComplaints"] = others.Count + 1 }, [ticket.Number, .. others]) { Window = "while a complaint is open" });
            }
        }
        await warnings.RaiseAsync(findings, ct);
    });

    public Task OnRepeatedAsync(Ticket ticket, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        var findings = (await rules.CurrentAsync(ct)).Where(r => r.Enabled && r.Kind == WarningKinds.RepeatCustomer)
            .Select(rule => new Finding(rule, $"{rule.Id}:{ticket.Number}", rule.Level, rule.Title,
                new Dictionary<string, double> { ["repeats"] = ticket.History.Count(h => h.Kind == "repeated") }, [ticket.Number]) { Window = "at intake" })
            .ToList();
        await warnings.RaiseAsync(findings, ct);
    });

    /// <summary>The customer's id never becomes part of a warning's key in the clear.</summary>
    private static string Pseudonym(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];

    private async Task GuardAsync(Ticket ticket, Func<Task> check)
    {
        try { await check(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogFailed(logger, ex, ticket.Number); }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content warning checks for ticket {TicketNumber} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string ticketNumber);
}

/// <summary>One pass of the timer: the aggregates catch up with the outbox, the timed rules are evaluated, warnings raised.</summary>
public sealed class WarningRun(AggregateProjector projector, WarningEvaluator evaluator, WarningRuleProvider rules, WarningService warnings, TimeProvider time)
{
    public async Task<(int Events, IReadOnlyList<Warning> Warnings)> RunAsync(CancellationToken ct)
    {
        var projected = await projector.CatchUpAsync(ct);
        var findings = await evaluator.EvaluateAsync(await rules.CurrentAsync(ct), time.GetUtcNow(), ct);
        return (projected, await warnings.RaiseAsync(findings, ct));
    }
}
