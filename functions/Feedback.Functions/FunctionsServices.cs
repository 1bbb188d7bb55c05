using System.ComponentModel.DataAnnotations;
using Feedback.Application;
using Feedback.Application.Ports;
using Feedback.Http;
using Feedback.Local.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feedback.Functions;

/// <summary>The <c>Store</c> section. Until the Cosmos adapter lands, SQLite is the one provider.</summary>
public sealed class StoreOptions
{
    [Required, AllowedValues("Sqlite")] public string? Provider { get; set; }
    [Required] public string? SqlitePath { get; set; }
}

public static class FunctionsServices
{
    public static IServiceCollection AddFeedbackFunctions(this IServiceCollection services)
    {
        services.AddFeedbackApplication();
        services.AddFeedbackEndpoints();
        services.AddOptions<StoreOptions>().BindConfiguration("Store").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITicketStore>(sp => new SqliteTicketStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath!));
        return services;
    }
}
