using System.Security.Claims;

namespace Feedback.Http.Security;

/// <summary>
/// What a route needs. Public and Channel routes need no staff identity (channels sign their calls, customers hold
/// a signed link); every other level is granted to roles by <see cref="AccessMatrix"/>.
/// </summary>
public enum Access
{
    Public,
    Channel,
    /// <summary>Tickets, warnings and improvements as lists and views, masked.</summary>
    ReadTickets,
    /// <summary>The protected name and contact on the ticket view, and the customer's files.</summary>
    Contacts,
    /// <summary>Respond, wait, resume, resolve, reopen, record a verdict, propose an improvement.</summary>
    Act,
    /// <summary>Reassign, escalations, warnings and improvements moved through their states.</summary>
    Supervise,
    /// <summary>Reports, exports, dashboards and the event feed.</summary>
    Analyse,
    /// <summary>Policies, calendars and lists as they stand.</summary>
    ReadSettings,
    /// <summary>Policies, calendars, keyword library, routing, keys, the audit trail and erasure.</summary>
    Administer,
}

/// <summary>The app roles (Entra ID app roles; the role of a local API key).</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin, Analyst];
}

/// <summary>Which roles have each access. Supervisors do what agents do; admins do everything; analysts never see a contact.</summary>
public static class AccessMatrix
{
    private static readonly Dictionary<Access, string[]> Granted = new()
    {
        [Access.ReadTickets] = [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin, StaffRoles.Analyst],
        [Access.ReadSettings] = [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin, StaffRoles.Analyst],
        [Access.Contacts] = [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin],
        [Access.Act] = [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin],
        [Access.Supervise] = [StaffRoles.Supervisor, StaffRoles.Admin],
        [Access.Analyse] = [StaffRoles.Analyst, StaffRoles.Supervisor, StaffRoles.Admin],
        [Access.Administer] = [StaffRoles.Admin],
    };

    public static bool NeedsIdentity(Access access) => access is not (Access.Public or Access.Channel);

    public static IReadOnlyList<string> RolesFor(Access access) => Granted.TryGetValue(access, out var roles) ? roles : [];

    public static bool Allows(ClaimsPrincipal user, Access access) =>
        !NeedsIdentity(access) || RolesFor(access).Any(user.IsInRole);

    public static string PolicyName(Access access) => "feedback:" + access;
}

/// <summary>
/// A route's access and, for public routes, its rate-limit policy. The local host puts it on each endpoint;
/// the Functions app on each HTTP function, where its middleware reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllowAttribute(Access access) : Attribute
{
    public Access Access { get; } = access;

    /// <summary>The rate-limit policy of a public route (<see cref="RateLimitPolicies"/>); null: not limited.</summary>
    public string? Limit { get; init; }
}
