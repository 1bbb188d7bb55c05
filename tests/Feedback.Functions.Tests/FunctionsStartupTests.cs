using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feedback.Functions.Tests;

public sealed class FunctionsStartupTests
{
    [Fact]
    public void A_missing_setting_fails_the_start_naming_it()
    {
        using var services = Build(new Dictionary<string, string?> { ["Store:Provider"] = "Sqlite" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("SqlitePath", error.Message);
    }

    [Fact]
    public void An_invalid_sla_policy_fails_the_start()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Sqlite",
            ["Store:SqlitePath"] = "x.db",
            ["Sla:Rules:0:Urgency"] = "High",
            ["Sla:Rules:0:Respond"] = "01:00:00",
            ["Sla:Rules:0:Resolve"] = "2.00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("catch-all", error.Message);
    }

    internal static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddFeedbackFunctions()
            .BuildServiceProvider();
}
