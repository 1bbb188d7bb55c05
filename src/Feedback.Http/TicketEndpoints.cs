using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Tickets;
using Feedback.Application.Privacy;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>The agent API: read and list tickets; respond, wait, resume, assign, resolve, reopen.</summary>
public sealed class TicketEndpoints(
    ITicketStore store, ITicketQueries queries, TicketCommands commands, Application.Calendars.CalendarProvider calendars,
    Microsoft.Extensions.Options.IOptions<Application.Common.BusinessOptions> business, TimeProvider time, AuditTrail audit)
{
    /// <summary>The one view with the protected contact, for roles that may see it; each such read is audited first.</summary>
    public async Task<IResult> GetAsync(string number, HttpRequest request, CancellationToken ct)
    {
        var ticket = TicketNumber.IsValid(number) ? await store.GetAsync(number, ct) : null;
        if (ticket is null) return NotFound(number);
        var withContact = AccessMatrix.Allows(request.HttpContext.User, Access.Contacts);
        if (withContact && ticket.Value.Contact is { } c && (c.Name is not null || c.Value is not null))
            await audit.RecordAsync(Callers.Of(request.HttpContext), AuditActions.ContactRead, "ticket:" + number, null, ct);
        return Responses.Json(StatusCodes.Status200OK, TicketView.Of(ticket.Value, time.GetUtcNow(), withContact, calendars.Current));
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var query = request.Query;
        TicketStatus? status = null;
        if (query["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (!Enum.TryParse<TicketStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "status", "'status' must be open, responded, waiting, resolved, closed or setAside.");
            status = parsed;
        }
        bool? breached = null;
        if (query["breached"].FirstOrDefault() is { Length: > 0 } b)
        {
            if (!bool.TryParse(b, out var parsed))
                return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "breached", "'breached' must be true or false.");
            breached = parsed;
        }
        var limit = 100;
        if (query["limit"].FirstOrDefault() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 1000))
            return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "limit", "'limit' must be between 1 and 1000.");

        var department = query["department"].FirstOrDefault();
        var owner = query["owner"].FirstOrDefault();
        if (department?.Length > 50) return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "department", "'department' must be at most 50 characters.");
        if (owner?.Length > 100) return Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", "owner", "'owner' must be at most 100 characters.");

        var (drill, refused) = DrillDown(query);
        if (refused is not null) return refused;
        var now = time.GetUtcNow();
        var tickets = await queries.ListAsync(drill! with
        {
            Status = status, Breached = breached, Limit = limit,
            Department = string.IsNullOrWhiteSpace(department) ? null : department.Trim(),
            Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim(),
        }, now, ct);
        return Responses.Json(StatusCodes.Status200OK, new { tickets = tickets.Select(t => TicketView.Of(t, now, withContact: false)) });
    }

    /// <summary>The report's filters: from/to (business days, to exclusive), channel, type, nature, satisfaction.</summary>
    private (TicketQuery? Query, IResult? Refused) DrillDown(IQueryCollection query)
    {
        static IResult Bad(string field, string message) => Responses.Field(StatusCodes.Status400BadRequest, "Invalid query.", field, message);
        var zone = business.Value.Zone;
        DateTimeOffset? Day(string name, out bool bad)
        {
            bad = false;
            if (query[name].FirstOrDefault() is not { Length: > 0 } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return Application.Reports.TicketFactsExport.Start(day, zone);
            bad = true;
            return null;
        }
        var from = Day("from", out var badFrom);
        if (badFrom) return (null, Bad("from", "'from' must be a business day, yyyy-MM-dd."));
        var to = Day("to", out var badTo);
        if (badTo) return (null, Bad("to", "'to' must be a business day, yyyy-MM-dd (exclusive)."));
        Domain.Analysis.FeedbackType? type = null;
        if (query["type"].FirstOrDefault() is { Length: > 0 } t)
        {
            type = Enum.GetValues<Domain.Analysis.FeedbackType>().Cast<Domain.Analysis.FeedbackType?>()
                .FirstOrDefault(v => string.Equals(v.ToString(), t, StringComparison.OrdinalIgnoreCase) || Domain.Analysis.ChineseLabels.Of(v!.Value) == t);
            if (type is null) return (null, Bad("type", "'type' must be consultation, complaint, suggestion, praise (or 咨询, 投诉, 建议, 表扬) …"));
        }
        Domain.Analysis.Nature? nature = null;
        if (query["nature"].FirstOrDefault() is { Length: > 0 } n)
        {
            if (!Enum.TryParse<Domain.Analysis.Nature>(n, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return (null, Bad("nature", "'nature' must be product, service, price, logistics, accountPayment or other."));
            nature = parsed;
        }
        string? satisfaction = null;
        if (query["satisfaction"].FirstOrDefault() is { Length: > 0 } v)
        {
            satisfaction = v == Domain.ClosedLoop.Satisfaction.NoAnswer ? v : Domain.ClosedLoop.Satisfaction.Parse(v);
            if (satisfaction is null) return (null, Bad("satisfaction", "'satisfaction' must be 满意, 基本满意, 不满意 or no-answer."));
        }
        var channel = query["channel"].FirstOrDefault();
        if (channel is { Length: > 0 } && !Application.Channels.ChannelNames.All.Contains(channel))
            return (null, Bad("channel", $"'channel' must be one of {string.Join(", ", Application.Channels.ChannelNames.All)}."));
        return (new TicketQuery
        {
            ReceivedFrom = from, ReceivedTo = to, Type = type, Nature = nature, Satisfaction = satisfaction,
            Channel = string.IsNullOrEmpty(channel) ? null : channel,
        }, null);
    }

    // The signed-in identity is the actor; a name in the body counts only on the open loopback host.
    public Task<IResult> RespondAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<AgentAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.RespondAsync(number, action, ct));

    public Task<IResult> ResolveAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<ResolveAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.ResolveAsync(number, action, ct));

    public Task<IResult> WaitAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<WaitAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.WaitAsync(number, action, ct));

    public Task<IResult> ResumeAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<AgentAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.ResumeAsync(number, action, ct));

    public Task<IResult> AssignAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<AssignAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.AssignAsync(number, action, ct));

    public Task<IResult> ReopenAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<AgentAction>(request, number, ct, (a, by) => a with { Agent = by }, action => commands.ReopenAsync(number, action, ct));

    private async Task<IResult> CommandAsync<TBody>(
        HttpRequest request, string number, CancellationToken ct, Func<TBody, string, TBody> byActor,
        Func<TBody, Task<Application.Common.Outcome<Ticket>>> run) where TBody : class
    {
        if (!TicketNumber.IsValid(number)) return NotFound(number);
        var (action, problem) = await JsonBody.ReadAsync<TBody>(request, ct);
        if (problem is not null) return problem;
        if (Callers.Actor(request.HttpContext) is { } actor) action = byActor(action!, actor);
        var outcome = await run(action!);
        return Responses.From(outcome, t => Responses.Json(StatusCodes.Status200OK, TicketView.Of(t, time.GetUtcNow(), withContact: false, calendars.Current)));
    }

    private static IResult NotFound(string number) =>
        Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"Ticket '{number}' does not exist.");
}
