using System.Globalization;
using Feedback.Application.Common;
using Feedback.Application.Monitoring;
using Feedback.Application.Ports;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Warnings;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Warnings;

/// <summary>
/// Evaluates the timed rules over the aggregates: the minute buckets of the longest short window, the same hour
/// on each baseline day, and the business days the metric rules compare. A few dozen bucket reads per run, however
/// many tickets are stored. Every finding names its figures, window, baseline and up to 20 tickets. Volume rules
/// go one level up when their figure doubles; service metrics stay at their rule's level.
/// </summary>
public sealed class WarningEvaluator(IAggregateStore aggregates, ChannelHealth channels, CustomerWatch customers, IOptions<BusinessOptions> business)
{
    private static readonly TimeSpan MaxMinuteWindow = TimeSpan.FromHours(2);

    public async Task<IReadOnlyList<Finding>> EvaluateAsync(IReadOnlyList<WarningRule> rules, DateTimeOffset now, CancellationToken ct)
    {
        var timed = rules.Where(r => r.Enabled && !WarningKinds.AtIntake(r.Kind)).ToList();
        var view = await ReadAsync(timed, now, ct);
        var findings = new List<Finding>();
        foreach (var rule in timed)
        {
            switch (rule.Kind)
            {
                case WarningKinds.WaitingMentions: Threshold(findings, rule, rule.Id, view.Window(rule, AggregateKeys.Waiting), rule.Title); break;
                case WarningKinds.SocialWave: Threshold(findings, rule, rule.Id, view.Window(rule, AggregateKeys.SocialReach), rule.Title, view.Window(rule, AggregateKeys.SocialNegative).Tickets); break;
                case WarningKinds.ProcessQuestions:
                    foreach (var key in view.KeysIn(rule, "consult-kp:"))
                        Threshold(findings, rule, $"{rule.Id}:{key[11..]}", view.Window(rule, key), $"{rule.Title}：{key[11..]}");
                    break;
                case WarningKinds.Burst:
                    foreach (var term in rule.Terms ?? [])
                        Threshold(findings, rule, $"{rule.Id}:{term}", view.Window(rule, AggregateKeys.Keyword(term)), $"{rule.Title}：{term}");
                    break;
                case WarningKinds.Surge: Surges(findings, rule, view, now); break;
                case WarningKinds.ResponseTime: ResponseTime(findings, rule, view); break;
                case WarningKinds.ResolutionRate: ResolutionRate(findings, rule, view); break;
                case WarningKinds.SatisfactionFalling: SatisfactionFalling(findings, rule, view); break;
                case WarningKinds.BreachShareRising: BreachShare(findings, rule, view); break;
                case WarningKinds.ChannelHealth: await ChannelsAsync(findings, rule, ct); break;
                case WarningKinds.ChurnRisk:
                    foreach (var quiet in await customers.TakeQuietAsync(now - rule.Window, ct))
                        findings.Add(new Finding(rule, $"{rule.Id}:{quiet.Pseudonym}", rule.Level, rule.Title,
                            new Dictionary<string, double> { ["quietDays"] = Math.Floor((now - quiet.BadAt).TotalDays), ["tickets"] = quiet.Tickets.Count }, quiet.Tickets)
                        {
                            Window = $"no word for {rule.Window.TotalDays:0} days after: {quiet.Reason}",
                        });
                    break;
            }
        }
        return findings;
    }

    private static void Threshold(List<Finding> findings, WarningRule rule, string key, (double Count, List<string> Tickets) seen, string title, List<string>? tickets = null)
    {
        if (rule.Threshold <= 0 || seen.Count < rule.Threshold) return;
        findings.Add(new Finding(rule, key, Level(rule, seen.Count >= rule.Threshold * rule.UpgradeAt), title,
            new Dictionary<string, double> { ["count"] = Math.Round(seen.Count, 1), ["threshold"] = rule.Threshold }, tickets ?? seen.Tickets)
        {
            Window = Minutes(rule.Window),
        });
    }

    /// <summary>The rolling window against the same clock hour on each baseline day.</summary>
    private static void Surges(List<Finding> findings, WarningRule rule, View view, DateTimeOffset now)
    {
        var prefix = rule.Dimension == "keyphrase" ? "kp:" : "complaint:";
        foreach (var key in view.KeysIn(rule, prefix))
        {
            var (count, tickets) = view.Window(rule, key);
            if (count < rule.MinCount) continue;
            var baseline = Enumerable.Range(1, rule.BaselineDays).Average(d => view.Bucket(AggregateKeys.Hour(now.AddDays(-d)))?[key] ?? 0);
            if (count < rule.BaselineFactor * baseline) continue;
            var doubled = count >= rule.MinCount * rule.UpgradeAt && count >= rule.BaselineFactor * rule.UpgradeAt * baseline;
            var name = key[prefix.Length..];
            findings.Add(new Finding(rule, $"{rule.Id}:{name}", Level(rule, doubled), $"{rule.Title}：{name}",
                new Dictionary<string, double> { ["count"] = count, ["baseline"] = Math.Round(baseline, 2), ["factor"] = rule.BaselineFactor, ["minCount"] = rule.MinCount }, tickets)
            {
                Window = Minutes(rule.Window),
                Baseline = $"the same hour on each of the last {rule.BaselineDays} days",
            });
        }
    }

    private static void ResponseTime(List<Finding> findings, WarningRule rule, View view)
    {
        var today = view.Today;
        if (today is null || today[AggregateKeys.Responded] < rule.MinCount) return;
        var average = today[AggregateKeys.ResponseMinutes] / today[AggregateKeys.Responded];
        var before = view.BaselineDays(rule).ToList();
        var responded = before.Sum(b => b[AggregateKeys.Responded]);
        if (responded < rule.MinCount) return;
        var baseline = before.Sum(b => b[AggregateKeys.ResponseMinutes]) / responded;
        if (average <= baseline * rule.BaselineFactor) return;
        findings.Add(new Finding(rule, rule.Id, rule.Level, rule.Title,
            new Dictionary<string, double> { ["averageMinutes"] = Math.Round(average, 1), ["baselineMinutes"] = Math.Round(baseline, 1), ["factor"] = rule.BaselineFactor, ["responded"] = today[AggregateKeys.Responded] }, [])
        {
            Window = "today", Baseline = $"the last {rule.BaselineDays} days",
        });
    }

    private static void ResolutionRate(List<Finding> findings, WarningRule rule, View view)
    {
        var days = view.LastDays((int)Math.Max(1, rule.Window.TotalDays)).ToList();
        var triaged = days.Sum(b => b[AggregateKeys.Triaged]);
        if (triaged < rule.MinCount) return;
        var rate = days.Sum(b => b[AggregateKeys.Resolved]) / triaged;
        if (rate >= rule.Threshold) return;
        findings.Add(new Finding(rule, rule.Id, rule.Level, rule.Title,
            new Dictionary<string, double> { ["rate"] = Math.Round(rate, 3), ["target"] = rule.Threshold, ["triaged"] = triaged }, [])
        {
            Window = $"the last {days.Count} days",
        });
    }

    /// <summary>The share of 满意 among the day's verdicts (no-answer counts as not satisfied), falling day after day.</summary>
    private static void SatisfactionFalling(List<Finding> findings, WarningRule rule, View view)
    {
        var run = (int)Math.Max(2, rule.Threshold);
        var days = view.CompletedDays(run + 1).ToList();
        var shares = new List<double>();
        foreach (var day in days)
        {
            var rated = Satisfaction.Verdicts.Append(Satisfaction.NoAnswer).Sum(v => day?[AggregateKeys.Rated(v)] ?? 0);
            if (day is null || rated < rule.MinCount) return;
            shares.Add(day[AggregateKeys.Rated(Satisfaction.Satisfied)] / rated);
        }
        if (!shares.Zip(shares.Skip(1)).All(p => p.Second < p.First)) return;
        findings.Add(new Finding(rule, rule.Id, rule.Level, rule.Title,
            shares.Select((s, i) => (s, i)).ToDictionary(x => $"day-{shares.Count - 1 - x.i}", x => Math.Round(x.s, 3)), [])
        {
            Window = $"the last {days.Count} completed days",
        });
    }

    private static void BreachShare(List<Finding> findings, WarningRule rule, View view)
    {
        // The breaches must be many, not only the share high: a quiet day's one late ticket is no trend.
        var today = view.Today;
        if (today is null || today[AggregateKeys.Breached] < rule.MinCount || today[AggregateKeys.Triaged] == 0) return;
        var share = Math.Min(1, today[AggregateKeys.Breached] / today[AggregateKeys.Triaged]);
        var before = view.BaselineDays(rule).ToList();
        var triaged = before.Sum(b => b[AggregateKeys.Triaged]);
        var baseline = triaged == 0 ? 0 : before.Sum(b => b[AggregateKeys.Breached]) / triaged;
        if (share <= 0 || share <= baseline * rule.BaselineFactor) return;
        findings.Add(new Finding(rule, rule.Id, rule.Level, rule.Title,
            new Dictionary<string, double> { ["share"] = Math.Round(share, 3), ["baselineShare"] = Math.Round(baseline, 3), ["factor"] = rule.BaselineFactor }, today.Tickets.GetValueOrDefault(AggregateKeys.Breached) ?? [])
        {
            Window = "today", Baseline = $"the last {rule.BaselineDays} days",
        });
    }

    private async Task ChannelsAsync(List<Finding> findings, WarningRule rule, CancellationToken ct)
    {
        foreach (var report in await channels.ReadAsync(ct))
        {
            if (report.Status is not ("quiet" or "failing")) continue;
            findings.Add(new Finding(rule, $"{rule.Id}:{report.Channel}", Level(rule, report.Status == "failing"), $"{rule.Title}：{report.Channel} {report.Status}",
                new Dictionary<string, double> { ["arrivals"] = report.Today.Arrivals, ["accepted"] = report.Today.Accepted }, [])
            {
                Window = "today", Baseline = report.Why,
            });
        }
    }

    private static WarningLevel Level(WarningRule rule, bool upgraded) =>
        upgraded && rule.Level < WarningLevel.Severe ? rule.Level + 1 : rule.Level;

    private static string Minutes(TimeSpan window) => string.Create(CultureInfo.InvariantCulture, $"the last {window.TotalMinutes:0} minutes");

    private async Task<View> ReadAsync(IReadOnlyList<WarningRule> rules, DateTimeOffset now, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var minutes = rules.Where(r => r.Window <= MaxMinuteWindow).Select(r => r.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        for (var m = 0; m < (int)Math.Ceiling(minutes.TotalMinutes); m++) ids.Add(AggregateKeys.Minute(now.AddMinutes(-m)));
        var baselineDays = rules.Select(r => r.BaselineDays).DefaultIfEmpty(7).Max();
        for (var d = 1; d <= baselineDays; d++) ids.Add(AggregateKeys.Hour(now.AddDays(-d)));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, business.Value.Zone).DateTime);
        var days = Math.Max(baselineDays, rules.Where(r => r.Window > MaxMinuteWindow && r.Kind != WarningKinds.ChurnRisk).Select(r => (int)r.Window.TotalDays).DefaultIfEmpty(0).Max()) + 5;
        for (var d = 0; d <= days; d++) ids.Add(AggregateKeys.Day(today.AddDays(-d)));
        var buckets = (await aggregates.ReadBucketsAsync(ids, ct)).ToDictionary(b => b.Id, StringComparer.Ordinal);
        return new View(buckets, now, today);
    }

    private sealed class View(Dictionary<string, AggregateBucket> buckets, DateTimeOffset now, DateOnly today)
    {
        public AggregateBucket? Bucket(string id) => buckets.GetValueOrDefault(id);
        public AggregateBucket? Today => Bucket(AggregateKeys.Day(today));

        private IEnumerable<AggregateBucket> Minutes(WarningRule rule) =>
            Enumerable.Range(0, (int)Math.Ceiling(rule.Window.TotalMinutes)).Select(m => Bucket(AggregateKeys.Minute(now.AddMinutes(-m)))).OfType<AggregateBucket>();

        public (double Count, List<string> Tickets) Window(WarningRule rule, string key)
        {
            var inWindow = Minutes(rule).ToList();
            return (inWindow.Sum(b => b[key]), [.. inWindow.SelectMany(b => b.Tickets.GetValueOrDefault(key) ?? []).Distinct().Take(Warning.MaxTickets)]);
        }

        public IEnumerable<string> KeysIn(WarningRule rule, string prefix) =>
            Minutes(rule).SelectMany(b => b.Counts.Keys).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Distinct();

        public IEnumerable<AggregateBucket> BaselineDays(WarningRule rule) =>
            Enumerable.Range(1, rule.BaselineDays).Select(d => Bucket(AggregateKeys.Day(today.AddDays(-d)))).OfType<AggregateBucket>();

        public IEnumerable<AggregateBucket> LastDays(int count) =>
            Enumerable.Range(0, count).Select(d => Bucket(AggregateKeys.Day(today.AddDays(-d)))).OfType<AggregateBucket>();

        /// <summary>The completed days, oldest first; null where nothing was counted.</summary>
        public IEnumerable<AggregateBucket?> CompletedDays(int count) =>
            Enumerable.Range(1, count).Reverse().Select(d => Bucket(AggregateKeys.Day(today.AddDays(-d))));
    }
}
