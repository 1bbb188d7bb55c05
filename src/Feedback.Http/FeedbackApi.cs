using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Feedback.Http;

/// <summary>
/// The route table: each route to its handler. The local host maps it with one call; the Functions app
/// declares the same routes as triggers (one line each), and a test of its metadata holds the two equal.
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        api.MapGet(Routes.Health, (HealthEndpoint e, CancellationToken ct) => e.CheckAsync(ct));
        api.MapPost(Routes.WebForm, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.WebFormAsync(r, ct));
        api.MapPost(Routes.Hotline, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.HotlineAsync(r, ct));
        api.MapPost(Routes.Social, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.SocialAsync(r, ct));
        api.MapPost(Routes.Survey, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.SurveyAsync(r, ct));
        api.MapGet(Routes.WeChat, (HttpRequest r, WeChatEndpoint e) => e.VerifyAsync(r));
        api.MapPost(Routes.WeChat, (HttpRequest r, WeChatEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct));
        api.MapPost(Routes.Reviews, (HttpRequest r, ReviewsEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct));
        api.MapPost(Routes.Email, (HttpRequest r, EmailEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct));
        api.MapGet(Routes.ChannelHealth, (ChannelHealthEndpoint e, CancellationToken ct) => e.GetAsync(ct));
        api.MapGet(Routes.Attachment, (string id, HttpResponse r, AttachmentEndpoints e, CancellationToken ct) => e.GetAsync(id, r, ct));
        api.MapGet(Routes.Tickets, (HttpRequest r, TicketEndpoints e, CancellationToken ct) => e.ListAsync(r, ct));
        api.MapGet(Routes.Ticket, (string number, TicketEndpoints e, CancellationToken ct) => e.GetAsync(number, ct));
        api.MapPost(Routes.Respond, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.RespondAsync(r, number, ct));
        api.MapPost(Routes.Resolve, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ResolveAsync(r, number, ct));
        api.MapPost(Routes.Wait, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.WaitAsync(r, number, ct));
        api.MapPost(Routes.Resume, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ResumeAsync(r, number, ct));
        api.MapPost(Routes.Assign, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.AssignAsync(r, number, ct));
        api.MapPost(Routes.Reopen, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ReopenAsync(r, number, ct));
        api.MapGet(Routes.Events, (HttpRequest r, EventEndpoints e, CancellationToken ct) => e.ListAsync(r, ct));
        api.MapGet(Routes.Keywords, (KeywordEndpoints e, CancellationToken ct) => e.GetAsync(ct));
        api.MapPut(Routes.Keywords, (HttpRequest r, KeywordEndpoints e, CancellationToken ct) => e.PutAsync(r, ct));
        api.MapGet(Routes.Calendar, (HttpRequest r, CalendarEndpoints e, CancellationToken ct) => e.GetAsync(r, ct));
        api.MapPut(Routes.Calendar, (HttpRequest r, CalendarEndpoints e, CancellationToken ct) => e.PutAsync(r, ct));
        api.MapGet(Routes.SlaPolicy, (SlaEndpoints e, CancellationToken ct) => e.GetPolicyAsync(ct));
        api.MapPut(Routes.SlaPolicy, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.PutPolicyAsync(r, ct));
        api.MapGet(Routes.SlaEvents, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.ListEventsAsync(r, ct));
        api.MapGet(Routes.Routing, (SlaEndpoints e, CancellationToken ct) => e.GetRoutingAsync(ct));
        api.MapPut(Routes.Routing, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.PutRoutingAsync(r, ct));
        api.MapPost(Routes.Satisfaction, (string number, HttpRequest r, SatisfactionEndpoints e, CancellationToken ct) => e.SubmitJsonAsync(number, r, ct));
        api.MapGet(Routes.Causes, (ClosedLoopEndpoints e, CancellationToken ct) => e.GetCausesAsync(ct));
        api.MapPut(Routes.Causes, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.PutCausesAsync(r, ct));
        api.MapPost(Routes.Improvements, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.CreateAsync(r, ct));
        api.MapGet(Routes.Improvements, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.ListAsync(r, ct));
        api.MapGet(Routes.Improvement, (string id, ClosedLoopEndpoints e, CancellationToken ct) => e.GetAsync(id, ct));
        api.MapPost(Routes.ImprovementAction, (string id, string action, HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.MoveAsync(id, action, r, ct));
        api.MapGet(Routes.TicketsCsv, (HttpRequest r, ReportEndpoints e) => e.TicketsCsv(r));
        api.MapGet(Routes.DatesCsv, (HttpRequest r, ReportEndpoints e) => e.DatesCsv(r));
        api.MapGet(Routes.Report, (string kind, string period, HttpRequest r, ReportEndpoints e, CancellationToken ct) => e.GetAsync(kind, period, r, ct));
        api.MapGet(Routes.WarningRules, (WarningEndpoints e, CancellationToken ct) => e.GetRulesAsync(ct));
        api.MapPut(Routes.WarningRules, (HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.PutRulesAsync(r, ct));
        api.MapPost(Routes.WarningsEvaluate, (WarningEndpoints e, CancellationToken ct) => e.EvaluateAsync(ct));
        api.MapGet(Routes.Warnings, (HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.ListAsync(r, ct));
        api.MapGet(Routes.Warning, (string id, WarningEndpoints e, CancellationToken ct) => e.GetAsync(id, ct));
        api.MapPost(Routes.WarningAction, (string id, string action, HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.MoveAsync(id, action, r, ct));
        app.MapGet("/" + Routes.Dashboard, (DashboardEndpoints e) => e.Page());
        app.MapGet("/" + Routes.DashboardAsset, (string file, DashboardEndpoints e) => e.Asset(file));
        // Customers open the link: outside the API prefix.
        app.MapGet("/" + Routes.SatisfactionPage, (string token, SatisfactionEndpoints e, CancellationToken ct) => e.PageAsync(token, ct));
        app.MapPost("/" + Routes.SatisfactionPage, (string token, HttpRequest r, SatisfactionEndpoints e, CancellationToken ct) => e.SubmitFormAsync(token, r, ct));
        return app;
    }
}
