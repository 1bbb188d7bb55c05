using Feedback.Application.Ports;
using Feedback.Domain.Events;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Application.Tests;

/// <summary>The application layer as both hosts compose it, on the real SQLite store and a fake clock.</summary>
public sealed class Application : IDisposable
{
    private readonly string _directory = RunningHost.NewDataDirectory();
    private readonly ServiceProvider _services;

    public Application()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddFeedbackApplication();
        services.AddFeedbackStore(_ => new SqliteStore(Path.Combine(_directory, "feedback.db")));
        // Read when a service that uses the port is made, so a test sets it first.
        services.AddTransient(_ => Workflows ?? throw new InvalidOperationException("Set Workflows before resolving a service that uses them."));
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    public ITicketWorkflows? Workflows { get; set; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public IFeedbackStore Store => Get<IFeedbackStore>();

    /// <summary>Stores a ticket received now, optionally with a plan (as triage would leave it).</summary>
    public async Task<string> TicketAsync(string content, SlaPlan? plan = null, DateTimeOffset? receivedAt = null)
    {
        var at = receivedAt ?? Time.GetUtcNow();
        var ticket = new Ticket
        {
            Number = "", Channel = "webform", ReceivedAt = at,
            Feedback = new FeedbackItem(content, null, null, null, null, null), Contact = new ProtectedContact(null, null),
        };
        var outcome = await Store.CreateAsync(new TicketDraft(ticket, DateOnly.FromDateTime(at.UtcDateTime), [],
            new FeedbackEvent(Guid.NewGuid().ToString("N"), TicketEventTypes.Created, "", at, "webform")), default);
        if (plan is not null)
        {
            var stored = (await Store.GetAsync(outcome.Number, default))!;
            Assert.True(await Store.TryReplaceAsync(stored.Value with { Plan = plan }, stored.ETag, [], default));
        }
        return outcome.Number;
    }

    public async Task<Ticket> ReadAsync(string number) => (await Store.GetAsync(number, default))!.Value;

    public void Dispose()
    {
        _services.Dispose();
        RunningHost.TryDelete(_directory);
    }
}
