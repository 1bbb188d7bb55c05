using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        api.MapGet(Routes.Health, (HealthEndpoint e, CancellationToken ct) => e.CheckAsync(ct)).Allow(Access.Public);
        api.MapPost(Routes.WebForm, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.WebFormAsync(r, ct)).Allow(Access.Public, RateLimitPolicies.WebForm);
        api.MapPost(Routes.Hotline, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.HotlineAsync(r, ct)).Allow(Access.Channel);
        api.MapPost(Routes.Social, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.SocialAsync(r, ct)).Allow(Access.Channel);
        api.MapPost(Routes.Survey, (HttpRequest r, IntakeEndpoints e, CancellationToken ct) => e.SurveyAsync(r, ct)).Allow(Access.Channel);
        api.MapGet(Routes.WeChat, (HttpRequest r, WeChatEndpoint e) => e.VerifyAsync(r)).Allow(Access.Public, RateLimitPolicies.WeChat);
        api.MapPost(Routes.WeChat, (HttpRequest r, WeChatEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct)).Allow(Access.Public, RateLimitPolicies.WeChat);
        api.MapPost(Routes.Reviews, (HttpRequest r, ReviewsEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct)).Allow(Access.Channel);
        api.MapPost(Routes.Email, (HttpRequest r, EmailEndpoint e, CancellationToken ct) => e.ReceiveAsync(r, ct)).Allow(Access.Channel);
        api.MapGet(Routes.ChannelHealth, (ChannelHealthEndpoint e, CancellationToken ct) => e.GetAsync(ct)).Allow(Access.ReadTickets);
        api.MapGet(Routes.Attachment, (string id, HttpResponse r, AttachmentEndpoints e, CancellationToken ct) => e.GetAsync(id, r, ct)).Allow(Access.Contacts);
        api.MapGet(Routes.Tickets, (HttpRequest r, TicketEndpoints e, CancellationToken ct) => e.ListAsync(r, ct)).Allow(Access.ReadTickets);
        api.MapGet(Routes.Ticket, (string number, HttpRequest r, TicketEndpoints e, CancellationToken ct) => e.GetAsync(number, r, ct)).Allow(Access.ReadTickets);
        api.MapPost(Routes.Respond, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.RespondAsync(r, number, ct)).Allow(Access.Act);
        api.MapPost(Routes.Resolve, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ResolveAsync(r, number, ct)).Allow(Access.Act);
        api.MapPost(Routes.Wait, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.WaitAsync(r, number, ct)).Allow(Access.Act);
        api.MapPost(Routes.Resume, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ResumeAsync(r, number, ct)).Allow(Access.Act);
        api.MapPost(Routes.Assign, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.AssignAsync(r, number, ct)).Allow(Access.Supervise);
        api.MapPost(Routes.Reopen, (HttpRequest r, string number, TicketEndpoints e, CancellationToken ct) => e.ReopenAsync(r, number, ct)).Allow(Access.Act);
        api.MapGet(Routes.Events, (HttpRequest r, EventEndpoints e, CancellationToken ct) => e.ListAsync(r, ct)).Allow(Access.Analyse);
        api.MapGet(Routes.Keywords, (KeywordEndpoints e, CancellationToken ct) => e.GetAsync(ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.Keywords, (HttpRequest r, KeywordEndpoints e, CancellationToken ct) => e.PutAsync(r, ct)).Allow(Access.Administer);
        api.MapGet(Routes.Calendar, (HttpRequest r, CalendarEndpoints e, CancellationToken ct) => e.GetAsync(r, ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.Calendar, (HttpRequest r, CalendarEndpoints e, CancellationToken ct) => e.PutAsync(r, ct)).Allow(Access.Administer);
        api.MapGet(Routes.SlaPolicy, (SlaEndpoints e, CancellationToken ct) => e.GetPolicyAsync(ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.SlaPolicy, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.PutPolicyAsync(r, ct)).Allow(Access.Administer);
        api.MapGet(Routes.SlaEvents, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.ListEventsAsync(r, ct)).Allow(Access.Supervise);
        api.MapGet(Routes.Routing, (SlaEndpoints e, CancellationToken ct) => e.GetRoutingAsync(ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.Routing, (HttpRequest r, SlaEndpoints e, CancellationToken ct) => e.PutRoutingAsync(r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.Satisfaction, (string number, HttpRequest r, SatisfactionEndpoints e, CancellationToken ct) => e.SubmitJsonAsync(number, r, ct)).Allow(Access.Public, RateLimitPolicies.Link);
        api.MapGet(Routes.Causes, (ClosedLoopEndpoints e, CancellationToken ct) => e.GetCausesAsync(ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.Causes, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.PutCausesAsync(r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.Improvements, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.CreateAsync(r, ct)).Allow(Access.Act);
        api.MapGet(Routes.Improvements, (HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.ListAsync(r, ct)).Allow(Access.ReadTickets);
        api.MapGet(Routes.Improvement, (string id, ClosedLoopEndpoints e, CancellationToken ct) => e.GetAsync(id, ct)).Allow(Access.ReadTickets);
        api.MapPost(Routes.ImprovementAction, (string id, string action, HttpRequest r, ClosedLoopEndpoints e, CancellationToken ct) => e.MoveAsync(id, action, r, ct)).Allow(Access.Supervise);
        api.MapGet(Routes.TicketsCsv, (HttpRequest r, ReportEndpoints e) => e.TicketsCsv(r)).Allow(Access.Analyse);
        api.MapGet(Routes.DatesCsv, (HttpRequest r, ReportEndpoints e) => e.DatesCsv(r)).Allow(Access.Analyse);
        api.MapGet(Routes.Report, (string kind, string period, HttpRequest r, ReportEndpoints e, CancellationToken ct) => e.GetAsync(kind, period, r, ct)).Allow(Access.Analyse);
        api.MapGet(Routes.WarningRules, (WarningEndpoints e, CancellationToken ct) => e.GetRulesAsync(ct)).Allow(Access.ReadSettings);
        api.MapPut(Routes.WarningRules, (HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.PutRulesAsync(r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.WarningsEvaluate, (WarningEndpoints e, CancellationToken ct) => e.EvaluateAsync(ct)).Allow(Access.Supervise);
        api.MapGet(Routes.Warnings, (HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.ListAsync(r, ct)).Allow(Access.ReadTickets);
        api.MapGet(Routes.Warning, (string id, WarningEndpoints e, CancellationToken ct) => e.GetAsync(id, ct)).Allow(Access.ReadTickets);
        api.MapPost(Routes.WarningAction, (string id, string action, HttpRequest r, WarningEndpoints e, CancellationToken ct) => e.MoveAsync(id, action, r, ct)).Allow(Access.Supervise);
        app.MapGet("/" + Routes.Dashboard, (DashboardEndpoints e) => e.Page()).Allow(Access.Public);
        app.MapGet("/" + Routes.DashboardAsset, (string file, DashboardEndpoints e) => e.Asset(file)).Allow(Access.Public);
        // Customers open the link: outside the API prefix.
        api.MapGet(Routes.Audit, (HttpRequest r, PrivacyEndpoints e, CancellationToken ct) => e.AuditAsync(r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.EraseCustomer, (string customerId, HttpRequest r, PrivacyEndpoints e, CancellationToken ct) => e.EraseCustomerAsync(customerId, r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.EraseContact, (HttpRequest r, PrivacyEndpoints e, CancellationToken ct) => e.EraseContactAsync(r, ct)).Allow(Access.Administer);
        api.MapPost(Routes.RetentionRun, (PrivacyEndpoints e, CancellationToken ct) => e.RetentionAsync(ct)).Allow(Access.Administer);
        app.MapGet("/" + Routes.SatisfactionPage, (string token, SatisfactionEndpoints e, CancellationToken ct) => e.PageAsync(token, ct)).Allow(Access.Public, RateLimitPolicies.Link);
        app.MapPost("/" + Routes.SatisfactionPage, (string token, HttpRequest r, SatisfactionEndpoints e, CancellationToken ct) => e.SubmitFormAsync(token, r, ct)).Allow(Access.Public, RateLimitPolicies.Link);
        return app;
    }

    /// <summary>
    /// Puts the route's access on the endpoint (the Functions app's metadata test compares it) and checks it
    /// before the handler: the same <see cref="AccessGate"/> the Functions middleware uses. Public routes with a
    /// limit get ASP.NET Core's rate limiter with the shared partitions.
    /// </summary>
    public static RouteHandlerBuilder Allow(this RouteHandlerBuilder route, Access access, string? limit = null)
    {
        route.WithMetadata(new AllowAttribute(access) { Limit = limit });
        if (AccessMatrix.NeedsIdentity(access))
            route.AddEndpointFilter(async (context, next) =>
                await context.HttpContext.RequestServices.GetRequiredService<AccessGate>().CheckAsync(context.HttpContext, access) ?? await next(context));
        if (limit is not null) route.RequireRateLimiting(limit);
        return route;
    }
}
