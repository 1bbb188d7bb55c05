using System.Threading.RateLimiting;
using Feedback.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;

namespace Feedback.Http.Security;

/// <summary>One limit: so many requests per window.</summary>
public sealed class Limit
{
    public int Permits { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Abuse limits of the public routes (section <c>RateLimits</c>): per client address for each route, and per
/// contact (a form's phone or e-mail, a WeChat OpenID) across them. WeChat's calls all come from Tencent's
/// servers, so its address limit is high and its contact limit is the one that bites.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public Limit WebForm { get; set; } = new() { Permits = 60 };
    public Limit WeChat { get; set; } = new() { Permits = 3000 };
    public Limit Link { get; set; } = new() { Permits = 30 };
    public Limit Contact { get; set; } = new() { Permits = 20, Window = TimeSpan.FromHours(1) };
}

public static class RateLimitPolicies
{
    public const string WebForm = "webform";
    public const string WeChat = "wechat";
    public const string Link = "link";
}

/// <summary>
/// The limiters, shared by both hosts: the local host hands the address partitions to ASP.NET Core's rate
/// limiting middleware; the Functions app asks the same limiters in its worker middleware. Both refuse with
/// 429 problem details and Retry-After, before the item is read: a refused item was never acknowledged.
/// </summary>
public sealed class PublicLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly Dictionary<string, PartitionedRateLimiter<HttpContext>> _byAddress;
    private readonly KeyedWindows _byContact;

    public PublicLimits(IOptions<RateLimitOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _byAddress = new()
        {
            [RateLimitPolicies.WebForm] = PartitionedRateLimiter.Create(Partition(RateLimitPolicies.WebForm)),
            [RateLimitPolicies.WeChat] = PartitionedRateLimiter.Create(Partition(RateLimitPolicies.WeChat)),
            [RateLimitPolicies.Link] = PartitionedRateLimiter.Create(Partition(RateLimitPolicies.Link)),
        };
        _byContact = new KeyedWindows(_options.Contact, time);
    }

    public bool Enabled => _options.Enabled;

    /// <summary>The address partitions of a policy, as ASP.NET Core's <c>AddPolicy</c> takes them.</summary>
    public Func<HttpContext, RateLimitPartition<string>> Partition(string policy)
    {
        var limit = policy switch
        {
            RateLimitPolicies.WebForm => _options.WebForm,
            RateLimitPolicies.WeChat => _options.WeChat,
            RateLimitPolicies.Link => _options.Link,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such rate-limit policy."),
        };
        if (!Enabled) return _ => RateLimitPartition.GetNoLimiter("off");
        return http => Window(Callers.AddressOf(http) ?? "unknown", limit);
    }

    /// <summary>The Functions app's check of a route's address limit; null: go on.</summary>
    public IResult? CheckAddress(HttpContext http, string policy)
    {
        if (!Enabled) return null;
        using var lease = _byAddress[policy].AttemptAcquire(http);
        return lease.IsAcquired ? null : TooMany(lease, "this address");
    }

    /// <summary>The contact's limit, checked once the item is read and before it is stored; null: go on.</summary>
    public IResult? CheckContact(string? contact)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(contact)) return null;
        return _byContact.TryAcquire(Pseudonym.Of(contact.Trim().ToLowerInvariant()), out var retry) ? null : TooMany(retry, "this contact");
    }

    /// <summary>How many contacts have a window open: one window's worth at most, ended ones are swept out.</summary>
    public int ContactsTracked => _byContact.Count;

    public static IResult TooMany(RateLimitLease lease, string who) =>
        TooMany(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60), who);

    private static IResult TooMany(TimeSpan retry, string who)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        return new RetryAfter(Responses.Problem(StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"Too many requests from {who}; nothing of this one was kept. Try again in {seconds} s."), seconds);
    }

    public void Dispose()
    {
        foreach (var limiter in _byAddress.Values) limiter.Dispose();
    }

    private static RateLimitPartition<string> Window(string key, Limit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
        });

    private sealed class RetryAfter(IResult problem, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}

public static class RateLimitServices
{
    public static IServiceCollection AddPublicLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits")
            .Validate(o => new[] { o.WebForm, o.WeChat, o.Link, o.Contact }.All(l => l.Permits > 0 && l.Window > TimeSpan.Zero),
                "RateLimits: every Permits must be at least 1 and every Window positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PublicLimits>();
        // The policies the route table names (RequireRateLimiting), for a host that runs ASP.NET Core's middleware.
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<PublicLimits>((o, limits) =>
        {
            foreach (var policy in new[] { RateLimitPolicies.WebForm, RateLimitPolicies.WeChat, RateLimitPolicies.Link })
                o.AddPolicy(policy, limits.Partition(policy));
            o.OnRejected = (context, _) => new ValueTask(PublicLimits.TooMany(context.Lease, "this address").ExecuteAsync(context.HttpContext));
        });
        return services;
    }
}
