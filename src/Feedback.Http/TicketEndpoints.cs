using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Feedback.Domain.Tickets;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>The agent API: read and list tickets; respond, wait, resume, assign, resolve, reopen.</summary>
public sealed class TicketEndpoints(ITicketStore store, ITicketQueries queries, TicketCommands commands, Application.Calendars.CalendarProvider calendars, TimeProvider time)
{
    public async Task<IResult> GetAsync(string number, CancellationToken ct)
    {
        var ticket = TicketNumber.IsValid(number) ? await store.GetAsync(number, ct) : null;
        return ticket is null
            ? NotFound(number)
            : Responses.Json(StatusCodes.Status200OK, TicketView.Of(ticket.Value, time.GetUtcNow(), withContact: true, calendars.Current));
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

        var now = time.GetUtcNow();
        var tickets = await queries.ListAsync(new TicketQuery(status, breached, Limit: limit)
        {
            Department = string.IsNullOrWhiteSpace(department) ? null : department.Trim(),
            Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim(),
        }, now, ct);
        return Responses.Json(StatusCodes.Status200OK, new { tickets = tickets.Select(t => TicketView.Of(t, now, withContact: false)) });
    }

    public Task<IResult> RespondAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync(request, number, ct, action => commands.RespondAsync(number, action, ct));

    public Task<IResult> ResolveAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<ResolveAction>(request, number, ct, action => commands.ResolveAsync(number, action, ct));

    public Task<IResult> WaitAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<WaitAction>(request, number, ct, action => commands.WaitAsync(number, action, ct));

    public Task<IResult> ResumeAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync(request, number, ct, action => commands.ResumeAsync(number, action, ct));

    public Task<IResult> AssignAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync<AssignAction>(request, number, ct, action => commands.AssignAsync(number, action, ct));

    public Task<IResult> ReopenAsync(HttpRequest request, string number, CancellationToken ct) =>
        CommandAsync(request, number, ct, action => commands.ReopenAsync(number, action, ct));

    private Task<IResult> CommandAsync(
        HttpRequest request, string number, CancellationToken ct,
        Func<AgentAction, Task<Application.Common.Outcome<Ticket>>> run) => CommandAsync<AgentAction>(request, number, ct, run);

    private async Task<IResult> CommandAsync<TBody>(
        HttpRequest request, string number, CancellationToken ct,
        Func<TBody, Task<Application.Common.Outcome<Ticket>>> run) where TBody : class
    {
        if (!TicketNumber.IsValid(number)) return NotFound(number);
        var (action, problem) = await JsonBody.ReadAsync<TBody>(request, ct);
        if (problem is not null) return problem;
        var outcome = await run(action!);
        return Responses.From(outcome, t => Responses.Json(StatusCodes.Status200OK, TicketView.Of(t, time.GetUtcNow(), withContact: false, calendars.Current)));
    }

    private static IResult NotFound(string number) =>
        Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"Ticket '{number}' does not exist.");
}
