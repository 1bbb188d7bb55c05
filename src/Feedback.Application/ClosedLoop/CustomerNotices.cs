using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Events;
using Feedback.Domain.Tickets;

namespace Feedback.Application.ClosedLoop;

/// <summary>
/// Tells the customers of many tickets one thing (an improvement done, an incident's progress), each through
/// their own channel and once per ticket and subject: recorded on the ticket with <c>customer.informed</c>.
/// </summary>
public sealed class CustomerNotices(ITicketStore tickets, TicketUpdater updater, CustomerOutreach outreach)
{
    public const string Informed = "customer.informed";

    public async Task<int> InformAsync(IEnumerable<string> numbers, string subject, Func<Ticket, CustomerMessage> message, string actor, CancellationToken ct)
    {
        var told = 0;
        foreach (var number in numbers)
        {
            if ((await tickets.GetAsync(number, ct))?.Value is not { } ticket || AlreadyInformed(ticket, subject)) continue;
            var text = message(ticket);
            var sent = await outreach.SendAsync(ticket, text, ct);
            var result = await updater.UpdateAsync(number, current =>
            {
                if (AlreadyInformed(current, subject)) return TicketChange.None;
                var recorded = CustomerOutreach.Record(current.With(new HistoryEntry(sent.At, "informed", actor, subject)), sent, text, actor);
                return TicketChange.To(recorded.Updated!, [.. recorded.Events, FeedbackEvent.For(recorded.Updated!, Informed, sent.At, subject)]);
            }, ct);
            if (result.Value.Changed) told++;
        }
        return told;
    }

    private static bool AlreadyInformed(Ticket ticket, string subject) => ticket.History.Any(h => h.Kind == "informed" && h.Message == subject);
}
