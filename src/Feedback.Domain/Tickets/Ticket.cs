using System.Collections.Immutable;
using Feedback.Domain.Analysis;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Sla;

namespace Feedback.Domain.Tickets;

/// <summary>
/// Waiting: an agent asked the customer or a third party and the resolution clock is paused.
/// SetAside: junk kept with its reason (垃圾信息, link-only …), counted, never worked on.
/// </summary>
public enum TicketStatus { Open, Responded, Waiting, Resolved, Closed, SetAside }

public static class WaitReasons
{
    public const string Customer = "customer";
    public const string ThirdParty = "third-party";
    public static readonly IReadOnlyList<string> All = [Customer, ThirdParty];
}

/// <summary>A file the customer sent (a form's screenshot, an e-mail's attachment), kept in the attachment store.</summary>
public sealed record AttachmentRef(string Id, string FileName, string ContentType, long Length);

/// <summary>What the customer sent later about the same ticket: an e-mail reply, an edited review. Content is masked.</summary>
public sealed record FollowUp(DateTimeOffset At, string Channel, string SourceId, string Content)
{
    public IReadOnlyList<AttachmentRef>? Attachments { get; init; }
}

/// <summary>The masked record of one item of feedback: what logs, events, analysis and reports see.</summary>
public sealed record FeedbackItem(
    string Content,
    string? CustomerName,
    string? Contact,
    string? CustomerId,
    string? ExternalId,
    DateTimeOffset? SubmittedAt)
{
    /// <summary>A type the channel already knows (the hotline's IVR menu choice); it outranks the analysis.</summary>
    public Analysis.FeedbackType? PreClassified { get; init; }

    /// <summary>What else the channel sent that an agent may need (call id, recording URL, duration …).</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    public IReadOnlyList<AttachmentRef>? Attachments { get; init; }

    /// <summary>Stars from 1 to 5 where the channel has them (app stores, review sites); they weigh on sentiment.</summary>
    public int? Rating { get; init; }

    /// <summary>The customer's tier as the channel knows it (vip, gold …); SLA rules may match on it.</summary>
    public string? Tier { get; init; }
}

/// <summary>The customer's real name and contact, kept only so an agent can reach them.</summary>
public sealed record ProtectedContact(string? Name, string? Value);

public sealed record HistoryEntry(DateTimeOffset At, string Kind, string Actor, string? Message);

/// <summary>One ticket (工单) per accepted item; its number is also its id and its workflow's instance id.</summary>
public sealed record Ticket
{
    public required string Number { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required FeedbackItem Feedback { get; init; }
    public required ProtectedContact Contact { get; init; }
    public TicketStatus Status { get; init; } = TicketStatus.Open;
    public TicketAnalysis? Analysis { get; init; }
    public SlaPlan? Plan { get; init; }
    public int EscalationLevel { get; init; }

    /// <summary>分派: the department responsible and, once named, the owner.</summary>
    public string? Department { get; init; }
    public string? Owner { get; init; }

    /// <summary>Set while the ticket waits (<see cref="WaitingFor"/>: customer or third-party) and the resolution clock is paused.</summary>
    public DateTimeOffset? PausedAt { get; init; }
    public string? WaitingFor { get; init; }

    /// <summary>The SLA log: applied, paused, resumed, warning, breached, met, per target.</summary>
    public ImmutableList<SlaRecord> Sla { get; init; } = [];

    /// <summary>Each level of a missed deadline is reached once; kept so that a workflow resumed after a crash does not escalate it again.</summary>
    public ImmutableList<Escalation> Escalations { get; init; } = [];
    public string? EscalatedTo { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The customer's verdict (满意 / 基本满意 / 不满意): the channel's own (the hotline key press) or a survey's.</summary>
    public string? Satisfaction { get; init; }

    /// <summary>The satisfaction request of the latest resolution (闭环): its link's nonce, reminder and window.</summary>
    public SatisfactionRequest? Survey { get; init; }

    /// <summary>Every message sent to the customer, with how it ended.</summary>
    public ImmutableList<OutboundMessage> Messages { get; init; } = [];

    /// <summary>A resolved complaint's root cause; a resolved suggestion's outcome.</summary>
    public RootCause? RootCause { get; init; }
    public SuggestionOutcome? SuggestionOutcome { get; init; }

    /// <summary>Why it closed (satisfied, basically-satisfied, no-answer, archived); null while open.</summary>
    public string? CloseReason { get; init; }

    /// <summary>Set when the case deserves a second look (基本满意); reviews and reports list these.</summary>
    public string? ReviewReason { get; init; }

    /// <summary>The 严重 warnings (a system failure) this ticket is part of: its customer hears of their progress.</summary>
    public ImmutableList<string> Warnings { get; init; } = [];

    /// <summary>How often the customer's 不满意 sent it back for a second handling (二次处理).</summary>
    public int Reopens { get; init; }
    public ImmutableList<HistoryEntry> History { get; init; } = [];
    public ImmutableList<FollowUp> FollowUps { get; init; } = [];

    /// <summary>When the protected name and contact were erased (on request or by retention); the masked record stays.</summary>
    public DateTimeOffset? ContactErasedAt { get; init; }

    /// <summary>When the customer's files were deleted (on request or by retention).</summary>
    public DateTimeOffset? AttachmentsErasedAt { get; init; }

    /// <summary>Why the item was set aside as junk; null for every real ticket.</summary>
    public string? SetAsideReason { get; init; }

    /// <summary>
    /// The breach rule, the one every store and view uses: the moment from which the ticket counts as
    /// breached, as far as what is recorded can tell. A deadline met late was breached from its due time;
    /// one still unmet is breached once its due time has passed; one met in time never. Null: no breach
    /// is recorded or pending (no plan, or every deadline met in time). Stores keep it beside the document,
    /// so "breached" is a comparison with now in any query. A paused resolution clock cannot breach
    /// unless it had already.
    /// </summary>
    public DateTimeOffset? BreachesAt => Plan is not { } plan ? null : Earliest(
        RespondedAt is { } responded && responded <= plan.RespondBy ? null : plan.RespondBy,
        plan.ResolveBy is not { } resolveBy ? null
        : ResolvedAt is { } resolved && resolved <= resolveBy ? null
        : PausedAt is { } paused && ResolvedAt is null && paused < resolveBy ? null
        : resolveBy);

    /// <summary>A deadline was missed: met late, or still unmet after its time.</summary>
    public bool IsBreached(DateTimeOffset now) => BreachesAt is { } at && at < now;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    public Ticket With(HistoryEntry entry) => this with { History = History.Add(entry) };
}
