using System.Diagnostics;
using Feedback.Application;
using Feedback.Application.Ports;
using Feedback.Application.Reports;
using Feedback.Domain.Analysis;
using Feedback.Domain.Events;
using Feedback.Domain.Reports;
using Feedback.Domain.Sla;
using Feedback.Domain.Tickets;
using Feedback.Local.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The monthly report over a month of N stored tickets (1,000,000 by default): analysed, planned, most answered and
/// resolved, some rated; built by the same <see cref="ReportBuilder"/> the API uses. Usage: <c>-- reports [tickets]</c>.
/// </summary>
internal static class ReportsBench
{
    public static async Task<int> RunAsync(int count)
    {
        var data = Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N"));
        var store = new SqliteStore(Path.Combine(data, "feedback.db"));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddFeedbackApplication()
            .AddFeedbackStore(_ => store)
            .BuildServiceProvider();
        try
        {
            var month = new DateOnly(2026, 11, 1);
            var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));
            var span = TimeSpan.FromDays(30);
            var random = new Random(11);
            var types = Enum.GetValues<FeedbackType>();
            var natures = Enum.GetValues<Nature>();
            string[] channels = ["webform", "hotline", "wechat", "reviews", "email", "social", "survey"];
            string[] verdicts = ["满意", "基本满意", "不满意", "no-answer"];
            var watch = Stopwatch.StartNew();
            const int batch = 2000;
            for (var done = 0; done < count; done += batch)
            {
                var creates = new List<Task<IntakeOutcome>>();
                for (var i = done; i < Math.Min(count, done + batch); i++)
                {
                    var at = start + span * (i / (double)count);
                    var responded = random.NextDouble() < 0.9 ? at.AddMinutes(random.Next(5, 180)) : (DateTimeOffset?)null;
                    var resolved = responded is { } r && random.NextDouble() < 0.92 ? r.AddHours(random.Next(1, 60)) : (DateTimeOffset?)null;
                    var ticket = new Ticket
                    {
                        Number = "", Channel = channels[random.Next(channels.Length)], ReceivedAt = at,
                        Feedback = new FeedbackItem("…", null, null, null, null, at), Contact = new ProtectedContact(null, null),
                        Status = resolved is null ? TicketStatus.Responded : TicketStatus.Closed,
                        Analysis = new TicketAnalysis(new SentimentResult((SentimentLabel)random.Next(3), 0, 0.8, "bench"),
                            new Classification(types[random.Next(types.Length)], 0.8, natures[random.Next(natures.Length)], 0.8, [], "bench"),
                            [], (Urgency)random.Next(3), [], [$"话题{random.Next(200)}"]),
                        Plan = new SlaPlan(at.AddHours(1), at.AddHours(48)),
                        Department = $"部门{random.Next(6)}", Owner = $"客服{random.Next(40)}",
                        RespondedAt = responded, ResolvedAt = resolved, ClosedAt = resolved,
                        Satisfaction = resolved is null ? null : verdicts[random.Next(verdicts.Length)],
                        Reopens = random.NextDouble() < 0.05 ? 1 : 0,
                    };
                    creates.Add(store.CreateAsync(new TicketDraft(ticket, DateOnly.FromDateTime(at.DateTime), [],
                        FeedbackEvent.For(ticket, TicketEventTypes.Created, at)), default));
                }
                await Task.WhenAll(creates);
            }
            Console.WriteLine($"stored {count:N0} tickets over November 2026 in {watch.Elapsed.TotalSeconds:0.0} s");

            var builder = services.GetRequiredService<ReportBuilder>();
            var times = new List<double>();
            Report? report = null;
            for (var run = 0; run < 3; run++)
            {
                watch.Restart();
                report = await builder.BuildAsync(ReportPeriod.Month(month), default);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            var volume = report!.Rows.Single(r => r.Metric == "volume" && r.Dimension == "all").Value;
            Console.WriteLine($"monthly report 2026-11 over {volume:N0} tickets: {report.Rows.Count} rows; built in {string.Join(", ", times.Select(t => $"{t / 1000:0.0} s"))}");
            return volume == count ? 0 : 1;
        }
        finally
        {
            await services.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
