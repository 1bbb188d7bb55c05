using Feedback.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Messaging;

public static class ServiceCollectionExtensions
{
    /// <summary>The outbound channels both hosts use: SMTP (<c>Messaging:Smtp</c>) and WeChat's API (<c>Channels:WeChat</c>).</summary>
    public static IServiceCollection AddFeedbackMessaging(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Messaging:Smtp")
            .Validate(o => o.Port is > 0 and < 65536, "Messaging:Smtp:Port must be a port number.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Messaging:Smtp:From must be an address like 客户服务 <service@example.com>.")
            .ValidateOnStart();
        services.AddOptions<WeChatApiOptions>().BindConfiguration("Channels:WeChat")
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out var u) && u.Scheme == "https", "Channels:WeChat:ApiBase must be an https URL.")
            .ValidateOnStart();
        services.AddSingleton<ICustomerMessenger, SmtpMessenger>();
        services.AddHttpClient(WeChatMessenger.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        // One instance: it holds the access token cache.
        services.AddSingleton<WeChatMessenger>();
        services.AddSingleton<ICustomerMessenger>(sp => sp.GetRequiredService<WeChatMessenger>());
        return services;
    }
}
