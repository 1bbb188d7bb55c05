using Feedback.Analysis;
using Feedback.Application.Ports;
using Feedback.Azure.Language;
using Feedback.Azure.Blobs;
using Feedback.Azure.Cosmos;
using Feedback.Azure.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feedback.Functions.Tests;

public sealed class FunctionsStartupTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        ["Cosmos:AccountEndpoint"] = "https://feedback-cosmos.documents.azure.com:443/",
        ["ServiceBus:FullyQualifiedNamespace"] = "feedback-sb.servicebus.windows.net",
        ["Attachments:BlobServiceUri"] = "https://feedbackst.blob.core.windows.net/",
        ["Language:Endpoint"] = "https://lang-feedback.cognitiveservices.azure.com/",
    };

    [Theory]
    [InlineData("Cosmos:AccountEndpoint", "AccountEndpoint")]
    [InlineData("ServiceBus:FullyQualifiedNamespace", "FullyQualifiedNamespace")]
    [InlineData("Attachments:BlobServiceUri", "BlobServiceUri")]
    [InlineData("Language:Endpoint", "Endpoint")]
    public void A_missing_setting_fails_the_start_naming_it(string setting, string named)
    {
        var settings = Complete();
        settings.Remove(setting);
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void An_invalid_sla_policy_fails_the_start()
    {
        var settings = Complete();
        settings["Sla:Rules:0:Urgency"] = "High";
        settings["Sla:Rules:0:Respond"] = "01:00:00";
        settings["Sla:Rules:0:Resolve"] = "2.00:00:00";
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("catch-all", error.Message);
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", "wx5823bf96d3bd56c7")] // 42 characters
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE#", "wx5823bf96d3bd56c7")] // not Base64
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", null)]               // no AppId to check against
    public void A_wechat_encryption_key_that_cannot_be_used_fails_the_start(string key, string? appId)
    {
        var settings = Complete();
        settings["Channels:WeChat:EncodingAesKey"] = key;
        settings["Channels:WeChat:AppId"] = appId;
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("EncodingAesKey", error.Message);
    }

    [Fact]
    public async Task With_every_setting_the_app_runs_on_the_Azure_adapters()
    {
        await using var services = Build(Complete());

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<CosmosStore>(services.GetRequiredService<ITicketStore>());
        Assert.IsType<ServiceBusEventPublisher>(services.GetRequiredService<IEventPublisher>());
        Assert.IsType<BlobAttachmentStore>(services.GetRequiredService<IAttachmentStore>());
        Assert.IsType<HybridAnalyzer>(services.GetRequiredService<ITextAnalyzer>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
            .AddFeedbackFunctions(configuration).BuildServiceProvider();
    }
}
