using Feedback.Domain.Analysis;
using Feedback.Domain.Tickets;

namespace Feedback.Domain.ClosedLoop;

public enum LoopStepKind { Ask, Remind, Expire, Thank, Archive }

/// <summary>What the closed loop does to a resolved ticket at <see cref="At"/> unless the customer answers first.</summary>
public sealed record LoopStep(LoopStepKind Kind, DateTimeOffset At);

/// <summary>
/// The closed loop's next step, from the ticket alone: a resolution is confirmed with the customer (ask, one
/// reminder, closed as no-answer when the window ends); praise is thanked and archived. The customer's verdict
/// itself is a command, not a step: it closes or reopens the ticket at once.
/// </summary>
public static class ClosedLoopSchedule
{
    public static LoopStep? Next(Ticket ticket)
    {
        if (ticket.Status != TicketStatus.Resolved || ticket.ResolvedAt is not { } resolved) return null;
        if (ticket.Analysis?.Classification.Type == FeedbackType.Praise)
            return ticket.Messages.Any(m => m.Template == Templates.PraiseThanks && m.At >= resolved)
                ? new LoopStep(LoopStepKind.Archive, resolved)
                : new LoopStep(LoopStepKind.Thank, resolved);
        if (ticket.Survey is not { } survey || survey.ResolvedAt != resolved) return new LoopStep(LoopStepKind.Ask, resolved);
        if (!survey.IsOpen) return null;
        // The request is recorded before it is sent (its link must work the moment it arrives); until the message is
        // on the ticket too, asking is still the step, so a crash between the two sends it after the restart.
        if (!ticket.Messages.Any(m => m.Template == Templates.SatisfactionRequest && m.At >= survey.AskedAt))
            return new LoopStep(LoopStepKind.Ask, resolved);
        return survey.RemindedAt is null && survey.RemindAt < survey.ExpiresAt
            ? new LoopStep(LoopStepKind.Remind, survey.RemindAt)
            : new LoopStep(LoopStepKind.Expire, survey.ExpiresAt);
    }

    /// <summary>The same step, still due: what an activity checks before it acts on a step it slept on.</summary>
    public static bool IsStillDue(Ticket ticket, LoopStep step, DateTimeOffset now) =>
        Next(ticket) is { } next && next.Kind == step.Kind && next.At <= now;
}
