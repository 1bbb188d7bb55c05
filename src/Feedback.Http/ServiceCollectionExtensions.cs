using Feedback.Http.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Http;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddFeedbackEndpoints(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration("Health")
            .Validate(o => o.MaxUntriagedAge > TimeSpan.Zero, "Health:MaxUntriagedAge must be positive.")
            .ValidateOnStart();
        return services
            .AddSingleton<ChannelGate>()
            .AddSingleton<WebFormUpload>()
            // Scoped where the workflow port is used: in Azure it is the invocation's Durable client.
            .AddScoped<WeChatEndpoint>()
            .AddScoped<ReviewsEndpoint>()
            .AddScoped<EmailEndpoint>()
            .AddSingleton<AttachmentEndpoints>()
            .AddScoped<IntakeEndpoints>()
            .AddSingleton<ChannelHealthEndpoint>()
            .AddScoped<TicketEndpoints>()
            .AddScoped<SlaEndpoints>()
            .AddSingleton<EventEndpoints>()
            .AddScoped<HealthEndpoint>()
            .AddSingleton<KeywordEndpoints>()
            .AddSingleton<CalendarEndpoints>()
            .AddScoped<SatisfactionEndpoints>()
            .AddSingleton<ClosedLoopEndpoints>()
            .AddSingleton<WarningEndpoints>()
            .AddSingleton<ReportEndpoints>()
            .AddSingleton<DashboardEndpoints>()
            .AddSingleton<PrivacyEndpoints>()
            .AddSingleton<PolicyChanges>()
            .AddPublicLimits();
    }
}
