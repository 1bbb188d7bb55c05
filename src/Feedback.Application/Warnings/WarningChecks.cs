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
public sealed partial class WarningChecks(
    WarningRuleProvider rules, WarningService warnings, WarningRun run, CustomerWatch customers, ITicketQueries queries, TimeProvider time, ILogger<WarningChecks> logger)
{
    public Task OnTriagedAsync(Ticket ticket, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        await customers.OnHeardFromAsync(ticket, ct);
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
                    findings.Add(new Finding(rule, $"{rule.Id}:{Common.Pseudonym.Of(customer)}", rule.Level, rule.Title,
                        new Dictionary<string, double> { ["openComplaints"] = others.Count + 1 }, [ticket.Number, .. others]) { Window = "while a complaint is open" });
            }
        }
        // Raised off the triage's path, many triages' findings of one condition as one write.
        foreach (var f in findings) _found.Enqueue(f);
        // A ticket with a watched failure term may tip a burst: count it now rather than at the next minute.
        var terms = ticket.Analysis?.Keywords.Select(k => k.Term).ToHashSet() ?? [];
        var burst = (await rules.CurrentAsync(ct)).Any(r => r.Enabled && r.Kind == WarningKinds.Burst && r.Terms?.Any(terms.Contains) == true);
        if (findings.Count > 0 || burst) ScheduleBurstPass();
    });

    private readonly System.Collections.Concurrent.ConcurrentQueue<Finding> _found = new();

    /// <summary>The queued content findings, one per condition: the highest level, their tickets, how many there were.</summary>
    private List<Finding> DrainFound()
    {
        var drained = new List<Finding>();
        while (_found.TryDequeue(out var f)) drained.Add(f);
        return [.. drained.GroupBy(f => f.Key).Select(g => g.MaxBy(f => f.Level)! with
        {
            Tickets = [.. g.SelectMany(f => f.Tickets).Distinct().TakeLast(Warning.MaxTickets)],
            Occurrences = g.Sum(f => f.Occurrences),
        })];
    }

    private static readonly TimeSpan BurstPassEvery = TimeSpan.FromMilliseconds(500);
    private int _burstPending;
    private long _lastBurstPass;

    /// <summary>
    /// At most one pass every half second, off the triage's path: the queued content findings are raised and the
    /// bursts checked. At load many triages share one pass, and the ticket that tips a burst is counted within a second.
    /// </summary>
    private void ScheduleBurstPass()
    {
        if (Interlocked.Exchange(ref _burstPending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            var wait = BurstPassEvery - time.GetElapsedTime(Interlocked.Read(ref _lastBurstPass));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time);
            Interlocked.Exchange(ref _burstPending, 0);
            Interlocked.Exchange(ref _lastBurstPass, time.GetTimestamp());
            try
            {
                await warnings.RaiseAsync(DrainFound(), CancellationToken.None);
                await run.RunAsync(CancellationToken.None, WarningKinds.Burst);
            }
            catch (Exception ex) { LogBurstFailed(logger, ex); }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A burst pass failed; the timer's next pass counts it")]
    private static partial void LogBurstFailed(ILogger logger, Exception ex);

    public Task OnRepeatedAsync(Ticket ticket, CancellationToken ct) => GuardAsync(ticket, async () =>
    {
        var findings = (await rules.CurrentAsync(ct)).Where(r => r.Enabled && r.Kind == WarningKinds.RepeatCustomer)
            .Select(rule => new Finding(rule, $"{rule.Id}:{ticket.Number}", rule.Level, rule.Title,
                new Dictionary<string, double> { ["repeats"] = ticket.History.Count(h => h.Kind == "repeated") }, [ticket.Number]) { Window = "at intake" })
            .ToList();
        await warnings.RaiseAsync(findings, ct);
    });


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
    /// <summary>Every timed rule, or only those of <paramref name="kind"/> (a burst checked as its ticket arrives).</summary>
    public async Task<(int Events, IReadOnlyList<Warning> Warnings)> RunAsync(CancellationToken ct, string? kind = null)
    {
        var projected = await projector.CatchUpAsync(ct);
        var selected = (await rules.CurrentAsync(ct)).Where(r => kind is null || r.Kind == kind).ToList();
        var findings = await evaluator.EvaluateAsync(selected, time.GetUtcNow(), ct);
        return (projected, await warnings.RaiseAsync(findings, ct));
    }
}
