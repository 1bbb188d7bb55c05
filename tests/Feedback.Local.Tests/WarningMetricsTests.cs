using Feedback.Application.Common;
using Feedback.Application.Monitoring;
using Feedback.Application.Warnings;
using Feedback.Domain.Warnings;
using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Feedback.Local.Tests;

/// <summary>The service-metric and channel rules over aggregates kept in the SQLite store, with days built for each.</summary>
public sealed class WarningMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai
    private static readonly DateOnly Today = new(2026, 12, 2);
    private readonly string _data = RunningHost.NewDataDirectory();
    private readonly SqliteStore _store;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ChannelHealth _health;
    private readonly WarningEvaluator _evaluator;

    public WarningMetricsTests()
    {
        _store = new SqliteStore(Path.Combine(_data, "feedback.db"));
        var business = Options.Create(new BusinessOptions());
        _health = new ChannelHealth(_store, _time, business);
        _evaluator = new WarningEvaluator(_store, _health, new CustomerWatch(_store, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<CustomerWatch>.Instance), business);
    }

    [Fact]
    public async Task Ordinary_days_raise_nothing()
    {
        for (var d = 0; d <= 8; d++) await DayAsync(d, triaged: 40, resolved: 38, responded: 30, minutes: 30 * 40, breached: 1, satisfied: 8, unsatisfied: 2);
        Assert.Empty(await _evaluator.EvaluateAsync(WarningRules.Default, Now, default));
    }

    [Fact]
    public async Task Slow_responses_low_resolution_falling_satisfaction_and_rising_breaches_are_each_raised_with_their_figures()
    {
        for (var d = 1; d <= 8; d++)
            await DayAsync(d, triaged: 40, resolved: 30, responded: 30, minutes: 30 * 40, breached: 1, satisfied: 10 - (8 - d), unsatisfied: 2);
        // Today: responses take 60 min against 40 before, 12 of 40 breached, and the week resolved 75 %.
        await DayAsync(0, triaged: 40, resolved: 30, responded: 20, minutes: 20 * 60, breached: 12, satisfied: 3, unsatisfied: 7);

        var found = (await _evaluator.EvaluateAsync(WarningRules.Default, Now, default)).ToDictionary(f => f.Rule.Id);
        Assert.Equal(["breach-share-rising", "low-resolution-rate", "satisfaction-falling", "slow-response"], found.Keys.Order());
        Assert.Equal((60, 40), (found["slow-response"].Figures["averageMinutes"], found["slow-response"].Figures["baselineMinutes"]));
        Assert.Equal(0.75, found["low-resolution-rate"].Figures["rate"]);
        Assert.Equal(0.3, found["breach-share-rising"].Figures["share"]);
        Assert.Equal(WarningLevel.Important, found["satisfaction-falling"].Level);
        Assert.Equal(3, found["satisfaction-falling"].Figures.Count - 1);
    }

    [Fact]
    public async Task A_failing_channel_is_raised_one_level_up_from_a_quiet_one()
    {
        for (var i = 0; i < 25; i++) { _health.Arrived("hotline"); _health.Rejected("hotline", "signature", []); }
        await _health.FlushAsync(default);
        var finding = Assert.Single(await _evaluator.EvaluateAsync(WarningRules.Default, Now, default));
        Assert.Equal(("channel-health:hotline", WarningLevel.Important), (finding.Key, finding.Level));
    }

    [Fact]
    public async Task Questions_about_one_process_and_a_topic_surge_are_read_from_the_minute_buckets_against_the_same_hour_before()
    {
        var minute = new AggregateBucket(AggregateKeys.Minute(Now.AddMinutes(-5)));
        for (var i = 0; i < 6; i++) minute.Add(AggregateKeys.Consultation("发票"), 1, $"FB-20261202-{i:000000}");
        for (var i = 0; i < 25; i++) minute.Add(AggregateKeys.KeyPhrase("优惠券"), 1, $"FB-20261202-{100 + i:000000}");
        minute.Add(AggregateKeys.KeyPhrase("快递"), 12);
        await _store.ApplyAggregatesAsync([minute], "test", 1, default);
        // 快递 is this busy at this hour every day; 优惠券 is not.
        for (var d = 1; d <= 7; d++)
        {
            var hour = new AggregateBucket(AggregateKeys.Hour(Now.AddDays(-d)));
            hour.Add(AggregateKeys.KeyPhrase("快递"), 10);
            hour.Add(AggregateKeys.KeyPhrase("优惠券"), 1);
            await _store.ApplyAggregatesAsync([hour], "test", 1 + d, default);
        }

        var found = (await _evaluator.EvaluateAsync(WarningRules.Default, Now, default)).ToDictionary(f => f.Key);
        Assert.Equal(["process-questions:发票", "topic-surge:优惠券"], found.Keys.Order());
        Assert.Equal(6, found["process-questions:发票"].Tickets.Count);
        Assert.Equal((25, 1), (found["topic-surge:优惠券"].Figures["count"], found["topic-surge:优惠券"].Figures["baseline"]));
        Assert.Equal(WarningLevel.Severe, found["topic-surge:优惠券"].Level);
        Assert.Equal(20, found["topic-surge:优惠券"].Tickets.Count);
    }

    private async Task DayAsync(int daysAgo, int triaged, int resolved, int responded, double minutes, int breached, int satisfied, int unsatisfied)
    {
        var day = new AggregateBucket(AggregateKeys.Day(Today.AddDays(-daysAgo)));
        day.Add(AggregateKeys.Triaged, triaged);
        day.Add(AggregateKeys.Resolved, resolved);
        day.Add(AggregateKeys.Responded, responded);
        day.Add(AggregateKeys.ResponseMinutes, minutes);
        day.Add(AggregateKeys.Breached, breached);
        day.Add(AggregateKeys.Rated(Feedback.Domain.ClosedLoop.Satisfaction.Satisfied), satisfied);
        day.Add(AggregateKeys.Rated(Feedback.Domain.ClosedLoop.Satisfaction.Unsatisfied), unsatisfied);
        await _store.ApplyAggregatesAsync([day], "test", daysAgo, default);
    }

    public void Dispose()
    {
        _store.Dispose();
        RunningHost.TryDelete(_data);
    }
}
