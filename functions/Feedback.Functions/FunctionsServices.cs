using Feedback.Messaging;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Feedback.Analysis;
using Feedback.Analysis.Local;
using Feedback.Application;
using Feedback.Application.Events;
using Feedback.Application.Ports;
using Feedback.Azure.Blobs;
using Feedback.Azure.Cosmos;
using Feedback.Azure.Language;
using Feedback.Azure.ServiceBus;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Feedback.Functions;

public static class FunctionsServices
{
    /// <summary>
    /// The shared application on the Azure adapters, reached with the app's managed identity
    /// (DefaultAzureCredential reads AZURE_CLIENT_ID for the user-assigned one): no keys in settings.
    /// Analysis is hybrid: local first, Azure AI Language where the local analyzer is unsure.
    /// Every setting is validated at start. Clients already registered (tests) are kept.
    /// </summary>
    public static IServiceCollection AddFeedbackFunctions(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        // Behind the Functions front end the client is in X-Forwarded-For.
        services.AddSingleton(new ClientAddressing(TrustForwardedFor: true));
        services.AddFeedbackAuthentication(configuration, withKeys: false);
        // Registered before the application, whose default analyzer is local only.
        services.AddSingleton<ITextAnalyzer, HybridAnalyzer>();
        services.AddFeedbackApplication();
        services.AddFeedbackEndpoints();
        services.AddFeedbackMessaging();
        services.AddOptions<CosmosOptions>().BindConfiguration("Cosmos").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServiceBusOptions>().BindConfiguration("ServiceBus").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AttachmentOptions>().BindConfiguration("Attachments").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LanguageOptions>().BindConfiguration("Language").ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(sp => new CosmosClient(
            Value<CosmosOptions>(sp).AccountEndpoint!.ToString(), sp.GetRequiredService<TokenCredential>(),
            new CosmosClientOptions { ApplicationName = "feedback-functions" }));
        services.TryAddSingleton(sp => new ServiceBusClient(
            Value<ServiceBusOptions>(sp).FullyQualifiedNamespace, sp.GetRequiredService<TokenCredential>(), ServiceBusOptions.ClientOptions()));
        services.TryAddSingleton(sp => new LanguageClient(Value<LanguageOptions>(sp).Endpoint!, sp.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton(sp => new BlobServiceClient(Value<AttachmentOptions>(sp).BlobServiceUri, sp.GetRequiredService<TokenCredential>()));

        services.AddFeedbackStore(sp => new CosmosStore(
            sp.GetRequiredService<CosmosClient>().GetDatabase(Value<CosmosOptions>(sp).DatabaseName)));
        services.AddSingleton<IEventPublisher, ServiceBusEventPublisher>();
        services.AddSingleton<IAttachmentStore>(sp => new BlobAttachmentStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Value<AttachmentOptions>(sp).ContainerName)));
        services.AddSingleton<OutboxRelay>();
        services.AddScoped<Workflows.InvocationWorkflows>();
        services.AddScoped<ITicketWorkflows>(sp => sp.GetRequiredService<Workflows.InvocationWorkflows>());
        return services;
    }

    private static T Value<T>(IServiceProvider sp) where T : class => sp.GetRequiredService<IOptions<T>>().Value;
}
