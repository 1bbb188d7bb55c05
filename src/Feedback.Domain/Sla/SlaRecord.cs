namespace Feedback.Domain.Sla;

public static class SlaRecordTypes
{
    public const string Applied = "sla.applied";
    public const string Paused = "sla.paused";
    public const string Resumed = "sla.resumed";
    public const string Warning = "sla.warning";
    public const string Breached = "sla.breached";
    public const string Met = "sla.met";
}

/// <summary>
/// One entry of a ticket's SLA log: what happened to which target, under which rule, its due time then,
/// and when it happened. The same facts go out as events of the same type.
/// </summary>
public sealed record SlaRecord(string Type, Stage Target, string Rule, DateTimeOffset? DueAt, DateTimeOffset At)
{
    public string? Detail { get; init; }
}
