using Feedback.Application.Channels.Signing;
using Feedback.Application.Channels.WeChat;
using Feedback.Application.Monitoring;
using Feedback.Application.Channels.Reviews;
using Feedback.Analysis;
using Feedback.Analysis.Local;
using Feedback.Application.Channels;
using Feedback.Application.Common;
using Feedback.Analysis.KeyPhrases;
using Feedback.Analysis.Keywords;
using Feedback.Application.Intake;
using Feedback.Application.Keywords;
using Feedback.Application.Ports;
using Feedback.Application.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Feedback.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>The use cases and policies both hosts share; the hosts add a store and the workflow port.</summary>
    public static IServiceCollection AddFeedbackApplication(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration("Sla")
            .Validate(o => TryPolicy(o) is null, "The Sla section is not a valid policy: it needs a known preset or rules in order ending in a catch-all, with durations like 1h or 8 working hours, and at least one escalation level.")
            .ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration("Intake")
            .ValidateDataAnnotations()
            .Validate(o => o.DuplicateWindow > TimeSpan.Zero, "Intake:DuplicateWindow must be positive.")
            .ValidateOnStart();
        services.AddOptions<BusinessOptions>().BindConfiguration("Business")
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Business:TimeZone names no known time zone.")
            .Validate(o => o.Week().Error is null && o.Week().Week!.Values.Any(p => p.Count > 0), "Business:Hours must give working hours like 09:00-12:00,13:30-18:00 on at least one weekday.")
            .Validate(o => o.OfficialHolidays is "china" or "none", "Business:OfficialHolidays must be china or none.")
            .ValidateOnStart();
        services.AddOptions<ChannelOptions>().BindConfiguration("Channels");
        services.AddOptions<WeChatOptions>().BindConfiguration("Channels:WeChat")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ReplyTemplate) && o.ReplyTemplate.Contains("{ticketNumber}", StringComparison.Ordinal),
                "Channels:WeChat:ReplyTemplate must contain {ticketNumber}.")
            .Validate(o => string.IsNullOrEmpty(o.EncodingAesKey) || (WeChatCrypto.KeyOf(o.EncodingAesKey) is not null && !string.IsNullOrWhiteSpace(o.AppId)),
                "Channels:WeChat:EncodingAesKey must be the 43-character 消息加解密密钥, and Channels:WeChat:AppId must be set with it.")
            .ValidateOnStart();
        services.AddOptions<ClosedLoop.ClosedLoopOptions>().BindConfiguration("ClosedLoop")
            .Validate(o => o.Problem() is null, "The ClosedLoop section is invalid: RemindAfter and Window positive, PublicBaseUrl an absolute http(s) URL, Attempts 1 to 10.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Sla.SlaPolicyProvider>();
        services.AddSingleton<Routing.RoutingProvider>();
        services.AddSingleton<KeywordLibraryProvider>();
        services.AddSingleton<Calendars.CalendarProvider>();
        services.AddSingleton<IKeywordLibrarySource>(sp => sp.GetRequiredService<KeywordLibraryProvider>());
        services.AddSingleton(new BackgroundCorpus());
        services.AddSingleton<KeyPhraseExtractor>();
        services.TryAddSingleton<LocalAnalyzer>();
        services.TryAddSingleton<ITextAnalyzer>(sp => sp.GetRequiredService<LocalAnalyzer>());
        // Scoped: they use the workflow port, which in Azure is the invocation's own Durable client.
        services.AddScoped<IntakeService>();
        services.AddSingleton<ChannelHealth>();
        services.AddScoped<ReviewIntake>();
        services.AddScoped<Channels.Email.EmailIntake>();
        services.AddHostedService<ChannelHealthFlusher>();
        services.AddHostedService<AnalyzerWarmup>();
        services.AddSingleton<TicketUpdater>();
        services.AddScoped<TicketCommands>();
        services.AddScoped<Sla.SlaRecompute>();
        services.AddSingleton<TicketWorkflowSteps>();
        services.AddSingleton<ClosedLoop.SatisfactionTokens>();
        services.AddSingleton<ClosedLoop.CustomerOutreach>();
        services.AddSingleton<ClosedLoop.ClosedLoopSteps>();
        services.AddScoped<ClosedLoop.SatisfactionCommands>();
        services.AddSingleton<ClosedLoop.CauseListProvider>();
        services.AddSingleton<ClosedLoop.CustomerNotices>();
        services.AddSingleton<Reports.TicketFactsExport>();
        services.AddSingleton<Reports.ReportBuilder>();
        services.AddSingleton<Reports.DateDimension>();
        services.AddSingleton<Reports.ReportService>();
        services.AddOptions<Reports.ReportOptions>().BindConfiguration("Reports")
            .Validate(o => o.MonthlyBy is >= 1 and <= 28, "Reports:MonthlyBy must be a day from 1 to 28.").ValidateOnStart();
        services.AddSingleton<Warnings.WarningRuleProvider>();
        services.AddSingleton<Warnings.CustomerWatch>();
        services.AddSingleton<Warnings.WarningService>();
        services.AddSingleton<Warnings.WarningChecks>();
        services.AddSingleton<Warnings.AggregateProjector>();
        services.AddSingleton<Warnings.WarningEvaluator>();
        services.AddSingleton<Warnings.WarningRun>();
        services.AddSingleton<ClosedLoop.Improvements>();
        services.AddSingleton<Privacy.AuditTrail>();
        services.AddSingleton<Privacy.CustomerErasure>();
        services.AddSingleton<Privacy.RetentionRun>();
        services.AddOptions<Privacy.RetentionOptions>().BindConfiguration("Retention")
            .Validate(o => o.Contacts > TimeSpan.Zero && o.Attachments > TimeSpan.Zero && o.Interval > TimeSpan.Zero && o.Batch > 0,
                "Retention:Contacts, Attachments and Interval must be positive, and Batch at least 1.").ValidateOnStart();
        services.AddScoped<WorkflowReconciler>();
        return services;
    }

    /// <summary>One store adapter behind every store port.</summary>
    public static IServiceCollection AddFeedbackStore<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> create)
        where TStore : class, IFeedbackStore
    {
        services.AddSingleton(create);
        services.AddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ITicketQueries>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICounterStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ISettingsStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IReportStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IPrivacyStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<TStore>());
        return services;
    }

    private static Exception? TryPolicy(SlaOptions options)
    {
        try { options.ToPolicy(); return null; }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return ex; }
    }
}
