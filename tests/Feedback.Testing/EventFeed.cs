using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Feedback.Testing;

/// <summary>Follows <c>GET /api/events</c> the way a consumer would, keeping each event's type, ticket, time and level.</summary>
public sealed class EventFeed(HttpClient http)
{
    public sealed record Seen(string Type, string Ticket, DateTimeOffset At, int? Level, string? Detail);

    private long _after;

    public ConcurrentQueue<Seen> All { get; } = new();

    /// <summary>First time each ticket reached each event type.</summary>
    public ConcurrentDictionary<(string Ticket, string Type), DateTimeOffset> First { get; } = new();

    /// <summary>Reads every page there is now; returns how many events it read.</summary>
    public async Task<int> PollAsync()
    {
        var read = 0;
        while (true)
        {
            JsonNode page;
            try { page = JsonNode.Parse(await http.GetStringAsync($"api/events?after={_after}&limit=1000"))!; }
            catch (HttpRequestException) { return read; }
            var events = page["events"]!.AsArray();
            foreach (var e in events)
            {
                var seen = new Seen(e!["type"]!.GetValue<string>(), e["ticketNumber"]?.GetValue<string>() ?? "",
                    e["occurredAt"]!.GetValue<DateTimeOffset>(), e["level"]?.GetValue<int?>(), e["detail"]?.GetValue<string>());
                All.Enqueue(seen);
                First.TryAdd((seen.Ticket, seen.Type), seen.At);
            }
            read += events.Count;
            _after = page["next"]!.GetValue<long>();
            if (events.Count < 1000) return read;
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds or the time is up; false on time-out.</summary>
    public async Task<bool> FollowUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await PollAsync();
            if (done()) return true;
            await Task.Delay(20);
        }
        await PollAsync();
        return done();
    }

    public int Count(string ticket, string type) => All.Count(e => e.Ticket == ticket && e.Type == type);
}
