using System.Globalization;

namespace Feedback.Domain.Warnings;

/// <summary>
/// Counts kept per minute, hour and day (the incremental aggregates warnings are evaluated over), with up to
/// 20 recent ticket numbers per count as evidence. Minute and hour buckets are in UTC; day buckets are business days.
/// </summary>
public sealed record AggregateBucket(string Id)
{
    public const int MaxTickets = 20;
    public Dictionary<string, double> Counts { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Tickets { get; init; } = new(StringComparer.Ordinal);

    public double this[string key] => Counts.GetValueOrDefault(key);

    public void Add(string key, double amount, string? ticket = null)
    {
        Counts[key] = Counts.GetValueOrDefault(key) + amount;
        if (ticket is null) return;
        if (!Tickets.TryGetValue(key, out var list)) Tickets[key] = list = [];
        if (list.Contains(ticket)) return;
        list.Add(ticket);
        if (list.Count > MaxTickets) list.RemoveAt(0);
    }

    /// <summary>This bucket with another's counts added and its tickets appended.</summary>
    public void Merge(AggregateBucket other)
    {
        foreach (var (key, value) in other.Counts) Counts[key] = Counts.GetValueOrDefault(key) + value;
        foreach (var (key, tickets) in other.Tickets)
            foreach (var t in tickets) Add(key, 0, t);
    }
}

public static class AggregateKeys
{
    public static string Minute(DateTimeOffset at) => "m:" + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    public static string Hour(DateTimeOffset at) => "h:" + at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
    public static string Day(DateOnly day) => "d:" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public const string Triaged = "triaged";
    public const string Waiting = "waiting";
    public const string SocialNegative = "social-neg";
    public const string SocialReach = "social-neg-reach";
    public const string Responded = "responded";
    public const string ResponseMinutes = "response-min";
    public const string Resolved = "resolved";
    public const string Breached = "breached";

    public static string Type(Analysis.FeedbackType t) => "type:" + t;
    public static string Nature(Analysis.Nature n) => "nature:" + n;
    public static string Complaint(Analysis.Nature n) => "complaint:" + n;
    public static string KeyPhrase(string p) => "kp:" + p;
    public static string Keyword(string k) => "kw:" + k;
    public static string Consultation(string p) => "consult-kp:" + p;
    public static string Sentiment(Analysis.SentimentLabel s) => "sent:" + s;
    public static string Channel(string c) => "channel:" + c;
    public static string Rated(string verdict) => "rated:" + verdict;
}

/// <summary>What counts as a mention of waiting (催促, 等待): the documents' "repeated mentions of waiting".</summary>
public static class ContentSignals
{
    private static readonly string[] Waiting = ["等了", "还没", "一直没", "迟迟", "催", "多久", "等待", "怎么还", "still not", "still waiting", "waiting for", "how long"];

    public static bool MentionsWaiting(string text) => Waiting.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>A social mention's weight: one, plus a point per thousand followers, plus its reposts and comments.</summary>
    public static double Reach(IReadOnlyDictionary<string, string>? details)
    {
        double Read(string name) => details?.GetValueOrDefault($"reach.{name}") is { } v && double.TryParse(v, CultureInfo.InvariantCulture, out var d) ? d : 0;
        return 1 + Read("followers") / 1000 + Read("reposts") + Read("comments");
    }
}
