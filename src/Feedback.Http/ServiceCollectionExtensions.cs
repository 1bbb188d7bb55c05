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
            .AddSingleton<WeChatEndpoint>()
            .AddSingleton<ReviewsEndpoint>()
            .AddSingleton<EmailEndpoint>()
            .AddSingleton<AttachmentEndpoints>()
            .AddSingleton<IntakeEndpoints>()
            .AddSingleton<ChannelHealthEndpoint>()
            .AddSingleton<TicketEndpoints>()
            .AddSingleton<EventEndpoints>()
            .AddSingleton<HealthEndpoint>()
            .AddSingleton<KeywordEndpoints>();
    }
}
