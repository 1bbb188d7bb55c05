using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Http;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddFeedbackEndpoints(this IServiceCollection services) => services
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
