using Feedback.Application.Common;
using Feedback.Application.Ports;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Monitoring;

/// <summary>One channel's day: what arrived and what became of it.</summary>
public sealed record ChannelDay(
    long Arrivals, long Accepted, long Duplicates, long Updated, long Events,
    IReadOnlyDictionary<string, long> SetAside, IReadOnlyDictionary<string, long> Rejected, IReadOnlyDictionary<string, long> MissingFields);

/// <summary>A channel's day and its verdict: <c>ok</c>, <c>quiet</c> or <c>failing</c>, with why when it is not ok.</summary>
public sealed record ChannelReport(string Channel, string Status, string? Why, ChannelDay Today, IReadOnlyDictionary<string, long> ArrivalsByDay);

/// <summary>
/// When a channel is called quiet or failing. Quiet: fewer than a tenth of the arrivals its last six days
/// make expected by this time of day, once that expectation is large enough (10) for a shortfall to mean
/// something rather than a slow hour. Failing: at least half of today's arrivals refused, out of at least 20.
/// </summary>
public static class ChannelVerdict
{
    public const double QuietBelow = 0.1;
    public const double MinimumExpected = 10;
    public const double FailingFrom = 0.5;
    public const long MinimumArrivals = 20;

    public static (string Status, string? Why) Of(ChannelDay today, IReadOnlyList<long> earlierDays, double dayElapsed)
    {
        var refused = today.Rejected.Values.Sum();
        if (today.Arrivals >= MinimumArrivals && refused >= FailingFrom * today.Arrivals)
            return ("failing", $"{refused} of today's {today.Arrivals} arrivals were refused ({string.Join(", ", today.Rejected.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}).");
        var average = earlierDays.Count == 0 ? 0 : earlierDays.Average();
        var expected = average * dayElapsed;
        if (expected >= MinimumExpected && today.Arrivals < QuietBelow * expected)
            return ("quiet", $"{today.Arrivals} arrivals so far today, against about {expected:0} expected by now (a day's average of {average:0} over the last {earlierDays.Count} days).");
        return ("ok", null);
    }
}

/// <summary>
/// Per-channel counts, so a channel that goes quiet or starts failing shows. Counted in memory and
/// added to the store's counters every few seconds (one write per counter, not per request); a crash
/// loses at most those seconds of counts, never an item. Counters are per business day.
/// </summary>
public sealed class ChannelHealth(ICounterStore store, TimeProvider time, IOptions<BusinessOptions> options)
{
    public const int Days = 7;
    private readonly Lock _gate = new();
    private Dictionary<string, long> _pending = new(StringComparer.Ordinal);

    public void Arrived(string channel) => Add(channel, "arrivals");
    public void Accepted(string channel) => Add(channel, "accepted");
    public void Duplicate(string channel) => Add(channel, "duplicates");
    public void Event(string channel) => Add(channel, "events");
    public void Updated(string channel) => Add(channel, "updated");
    public void SetAside(string channel, string reason) => Add(channel, "set-aside:" + reason);

    /// <summary>A refusal, by its reason's name, and the fields it found missing.</summary>
    public void Rejected(string channel, string reason, IReadOnlyList<string> missing)
    {
        Add(channel, "rejected:" + reason);
        foreach (var field in missing) Add(channel, "missing:" + field);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        Dictionary<string, long> taken;
        lock (_gate) (taken, _pending) = (_pending, new Dictionary<string, long>(StringComparer.Ordinal));
        foreach (var (name, amount) in taken)
        {
            try
            {
                await store.AddToCounterAsync(name, amount, ct);
            }
            catch
            {
                foreach (var (rest, value) in taken.SkipWhile(c => c.Key != name)) Merge(rest, value);
                throw;
            }
        }
    }

    /// <summary>Every channel, with the last <see cref="Days"/> days' stored and not yet flushed counts together.</summary>
    public async Task<IReadOnlyList<ChannelReport>> ReadAsync(CancellationToken ct)
    {
        var today = Today();
        var byDay = new Dictionary<string, Dictionary<string, long>>();
        for (var i = 0; i < Days; i++)
        {
            var day = today.AddDays(-i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var counts = new Dictionary<string, long>(await store.ReadCountersAsync($"health:{day}:", ct), StringComparer.Ordinal);
            foreach (var (name, value) in Pending().Where(p => p.Key.StartsWith($"health:{day}:", StringComparison.Ordinal)))
                counts[name] = counts.GetValueOrDefault(name) + value;
            byDay[day] = counts;
        }
        // Every channel, heard from or not: one that has fallen silent for a week must still show.
        var channels = byDay.Values.SelectMany(d => d.Keys).Select(k => k.Split(':')[2]).Concat(Channels.ChannelNames.All).Distinct().Order(StringComparer.Ordinal);
        var elapsed = Local().TimeOfDay / TimeSpan.FromDays(1);
        return channels.Select(channel => Report(channel, byDay, today, elapsed)).ToList();
    }

    private static ChannelReport Report(string channel, Dictionary<string, Dictionary<string, long>> byDay, DateOnly today, double dayElapsed)
    {
        var key = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var prefix = $"health:{key}:{channel}:";
        var metrics = byDay[key].Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Key[prefix.Length..], c => c.Value, StringComparer.Ordinal);
        IReadOnlyDictionary<string, long> Group(string kind) => metrics.Where(m => m.Key.StartsWith(kind, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[kind.Length..], m => m.Value, StringComparer.Ordinal);
        var day = new ChannelDay(metrics.GetValueOrDefault("arrivals"), metrics.GetValueOrDefault("accepted"), metrics.GetValueOrDefault("duplicates"),
            metrics.GetValueOrDefault("updated"), metrics.GetValueOrDefault("events"), Group("set-aside:"), Group("rejected:"), Group("missing:"));
        var arrivals = byDay.OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToDictionary(d => d.Key, d => d.Value.GetValueOrDefault($"health:{d.Key}:{channel}:arrivals"), StringComparer.Ordinal);
        var (status, why) = ChannelVerdict.Of(day, [.. arrivals.Where(a => a.Key != key).Select(a => a.Value)], dayElapsed);
        return new ChannelReport(channel, status, why, day, arrivals);
    }

    private void Add(string channel, string metric) =>
        Merge($"health:{Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}:{channel}:{metric}", 1);

    private void Merge(string name, long amount)
    {
        lock (_gate) _pending[name] = _pending.GetValueOrDefault(name) + amount;
    }

    private List<KeyValuePair<string, long>> Pending()
    {
        lock (_gate) return [.. _pending];
    }

    private DateOnly Today() => DateOnly.FromDateTime(Local());

    private DateTime Local() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone).DateTime;
}
