namespace Feedback.Http;

/// <summary>Every HTTP route, without the <c>api</c> prefix (Functions adds it from host.json; the local host maps it).</summary>
public static class Routes
{
    public const string Prefix = "api";
    public const string Health = "health";
    public const string WebForm = "channels/webform";
    public const string Hotline = "channels/hotline";
    public const string Social = "channels/social";
    public const string Survey = "channels/survey";
    public const string ChannelHealth = "channels/health";
    public const string WeChat = "channels/wechat";
    public const string Reviews = "channels/reviews";
    public const string Email = "channels/email";
    public const string Attachment = "attachments/{id}";
    public const string Tickets = "tickets";
    public const string Ticket = "tickets/{number}";
    public const string Respond = "tickets/{number}/respond";
    public const string Resolve = "tickets/{number}/resolve";
    public const string Wait = "tickets/{number}/wait";
    public const string Resume = "tickets/{number}/resume";
    public const string Assign = "tickets/{number}/assign";
    public const string Reopen = "tickets/{number}/reopen";
    public const string Events = "events";
    public const string Keywords = "keywords";
    public const string Calendar = "sla/calendar";
    public const string SlaPolicy = "sla/policy";
    public const string SlaEvents = "sla/events";
    public const string Routing = "routing";
    public const string Satisfaction = "tickets/{number}/satisfaction";
    public const string Causes = "closed-loop/causes";
    public const string Improvements = "improvements";
    public const string Improvement = "improvements/{id}";
    public const string ImprovementAction = "improvements/{id}/{action}";

    public const string TicketsCsv = "reports/tickets.csv";
    public const string DatesCsv = "reports/dates.csv";
    public const string Report = "reports/{kind}/{period}";
    public const string Warnings = "warnings";
    public const string WarningRules = "warnings/rules";
    public const string WarningsEvaluate = "warnings/evaluate";
    public const string Warning = "warnings/{id}";
    public const string WarningAction = "warnings/{id}/{action}";

    public const string Audit = "audit";
    public const string EraseCustomer = "customers/{customerId}/erase";
    public const string EraseContact = "customers/erase";
    public const string RetentionRun = "retention/run";

    /// <summary>The local host's API keys (Azure uses Entra ID identities instead).</summary>
    public const string Keys = "keys";
    public const string KeyRevoke = "keys/{id}/revoke";

    /// <summary>The dashboard, outside the API prefix: a page and its scripts.</summary>
    public const string Dashboard = "dashboard";
    public const string DashboardAsset = "dashboard/{file}";

    /// <summary>The satisfaction link's page, outside the API prefix: customers open it.</summary>
    public const string SatisfactionPage = "s/{token}";

    public static string TicketLocation(string number) => $"/{Prefix}/tickets/{number}";
}
