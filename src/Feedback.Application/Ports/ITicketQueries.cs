using Feedback.Domain.Tickets;

namespace Feedback.Application.Ports;

/// <summary>Tickets accepted and waiting for their workflow's triage (open, no deadlines yet), and the oldest one's receipt.</summary>
public sealed record WorkflowBacklog(int Untriaged, DateTimeOffset? OldestReceivedAt);

public sealed record TicketQuery(TicketStatus? Status = null, bool? Breached = null, bool OpenOnly = false, int Limit = 100)
{
    public string? Department { get; init; }
    public string? Owner { get; init; }
    public string? Channel { get; init; }

    /// <summary>The channel's id of the customer (a WeChat OpenID); used with a status, which keeps the scan short.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Drill-down from a report: received in [ReceivedFrom, ReceivedTo), of a type, nature or verdict.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }
    public DateTimeOffset? ReceivedTo { get; init; }
    public Domain.Analysis.FeedbackType? Type { get; init; }
    public Domain.Analysis.Nature? Nature { get; init; }
    public string? Satisfaction { get; init; }

    /// <summary>Leaves out the junk kept as set aside: reports count real feedback only.</summary>
    public bool ExcludeSetAside { get; init; }
}

/// <summary>
/// The read side: lists and aggregates over many tickets. Reports and warnings grow this port, not the
/// ticket store; an adapter may answer from an index or a projection rather than the documents.
/// </summary>
public interface ITicketQueries
{
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Ticket>> ListAsync(TicketQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How many tickets match, without reading them (a report's previous period, say).</summary>
    Task<int> CountAsync(TicketQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The facts of every ticket received in [from, to), oldest first, streamed: reports read a month of them.</summary>
    IAsyncEnumerable<Domain.Reports.TicketFact> ReadFactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>What the workflows have yet to triage; cheap, because health asks on every probe.</summary>
    Task<WorkflowBacklog> ReadBacklogAsync(CancellationToken cancellationToken);
}
