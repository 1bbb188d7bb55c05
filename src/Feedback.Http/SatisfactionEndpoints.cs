using Feedback.Application.ClosedLoop;
using Feedback.Application.Tickets;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Tickets;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// The customer's side of the closed loop: the link's page (<c>GET/POST /s/{token}</c>) and the same verdict by API
/// for survey tools (<c>POST /api/tickets/{number}/satisfaction</c>). A refused link records nothing.
/// </summary>
public sealed class SatisfactionEndpoints(SatisfactionCommands satisfaction, TimeProvider time)
{
    public sealed record SatisfactionBody(string? Token, string? Verdict, string? Comment);

    public async Task<IResult> PageAsync(string token, CancellationToken ct)
    {
        var (claim, refusal, _) = await satisfaction.CheckAsync(token, null, ct);
        return refusal == LinkRefusal.None ? SatisfactionPage.Question(token, claim!.TicketNumber) : RefusedPage(refusal);
    }

    public async Task<IResult> SubmitFormAsync(string token, HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType || request.ContentLength > 8192)
            return SatisfactionPage.Refused(StatusCodes.Status400BadRequest, "请从评价页面提交。", "Please answer from the rating page.");
        var form = await request.ReadFormAsync(ct);
        var verdict = Satisfaction.Parse(form["verdict"].FirstOrDefault());
        if (verdict is null) return SatisfactionPage.Refused(StatusCodes.Status400BadRequest, "请选择 满意、基本满意 或 不满意。", "Please choose one of the three answers.");
        var comment = Comment(form["comment"].FirstOrDefault());
        var (recorded, refusal) = await satisfaction.RecordByLinkAsync(token, null, verdict, comment, ct);
        if (refusal != LinkRefusal.None) return RefusedPage(refusal);
        return SatisfactionPage.Thanks(verdict, recorded!.Value.Ticket.Status is not TicketStatus.Closed);
    }

    public async Task<IResult> SubmitJsonAsync(string number, HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SatisfactionBody>(request, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Token))
            return Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "token", "'token' is required: the token of the customer's satisfaction link.", missing: true);
        if (Satisfaction.Parse(body.Verdict) is not { } verdict)
            return Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "verdict", "'verdict' must be 满意, 基本满意 or 不满意 (or 1, 2, 3).", missing: body.Verdict is null);
        if ((body.Comment?.Length ?? 0) > 1000)
            return Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "comment", "'comment' must be at most 1000 characters.");
        var (recorded, refusal) = await satisfaction.RecordByLinkAsync(body.Token.Trim(), number, verdict, Comment(body.Comment), ct);
        return refusal switch
        {
            LinkRefusal.None => Responses.From(recorded!, r => Responses.Json(StatusCodes.Status200OK,
                TicketView.Of(r.Ticket, time.GetUtcNow(), withContact: false), Routes.TicketLocation(number))),
            LinkRefusal.NotThisTicket => Responses.Field(StatusCodes.Status403Forbidden, "The token is not this ticket's.", "token", $"This token belongs to another ticket, not '{number}'."),
            LinkRefusal.Expired => Responses.Field(StatusCodes.Status410Gone, "The link has expired.", "token", "The satisfaction link has expired; the ticket closed without an answer or will soon."),
            LinkRefusal.Used => Responses.Field(StatusCodes.Status410Gone, "The link was used.", "token", "This satisfaction request has been answered already."),
            _ => Responses.Field(StatusCodes.Status404NotFound, "Not found.", "token", "The token is not one this service issued."),
        };
    }

    private static string? Comment(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 1000)];

    private static IResult RefusedPage(LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.Expired => SatisfactionPage.Refused(StatusCodes.Status410Gone, "该评价链接已过期。", "This rating link has expired."),
        LinkRefusal.Used => SatisfactionPage.Refused(StatusCodes.Status410Gone, "您已评价过，感谢您的反馈。", "This request has been answered already. Thank you."),
        _ => SatisfactionPage.Refused(StatusCodes.Status404NotFound, "该评价链接无效。", "This rating link is not valid."),
    };
}
