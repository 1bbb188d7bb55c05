using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Feedback.Application.Ports;
using Feedback.Azure.Cosmos;
using Feedback.Application.Tickets;
using Feedback.Domain.Analysis;
using Feedback.Domain.Sla;
using Feedback.Functions.Intake;
using Feedback.Functions.Tickets;
using Feedback.Functions.Workflows;
using Feedback.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using W = Feedback.Workflows;

namespace Feedback.Functions.Tests;

/// <summary>
/// The Functions classes themselves (triggers, orchestrator and activity wrappers) drive the
/// pipeline on the in-process Durable backend: what the Functions host would call, called here.
/// </summary>
public sealed class FunctionsPipelineTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>
{
    [Fact]
    public async Task Web_form_through_the_function_classes_is_triaged_resolved_closed_and_relayed()
    {
        var database = "t" + Guid.NewGuid().ToString("N");
        await CosmosSetup.EnsureAsync(cosmos.Client, database);
        var broker = new FakeBroker();
        var settings = new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = cosmos.Client.Endpoint.ToString(),
            ["Cosmos:DatabaseName"] = database,
            ["ServiceBus:FullyQualifiedNamespace"] = "feedback-sb.servicebus.windows.net",
            ["Attachments:BlobServiceUri"] = "https://feedbackst.blob.core.windows.net/",
            ["Language:Endpoint"] = "https://lang-feedback.cognitiveservices.azure.com/",
            // The local analyzer decides every item here; the cloud path has its own tests.
            ["Language:MonthlyTextRecords"] = "0",
            // Resolution in seconds, so that a pause past it and the moved deadline run on Durable Task's own timers.
            ["Sla:Rules:0:Respond"] = "01:00:00",
            ["Sla:Rules:0:Resolve"] = "00:00:06",
            // Contacts are due for retention a second after closure, so the timer below would take the ticket if erasure had left anything.
            ["Retention:Contacts"] = "00:00:01",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        IServiceProvider services = null!;
        TicketWorkflowFunctions Workflow() => ActivatorUtilities.CreateInstance<TicketWorkflowFunctions>(services);

        await using var durable = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestratorFunc<TicketWorkflowInput, string>(nameof(W.TicketWorkflow), (ctx, _) => TicketWorkflowFunctions.TicketWorkflow(ctx))
            .AddActivityFunc<string, SentimentResult>(nameof(W.AnalyzeSentiment), (_, n) => Workflow().AnalyzeSentiment(n, default))
            .AddActivityFunc<string, Classification>(nameof(W.Classify), (_, n) => Workflow().Classify(n, default))
            .AddActivityFunc<string, KeywordResult>(nameof(W.ExtractKeywords), (_, n) => Workflow().ExtractKeywords(n, default))
            .AddActivityFunc<TriageInput, SlaPlan>(nameof(W.Triage), (_, i) => Workflow().Triage(i, default))
            .AddActivityFunc<string, SlaNext>(nameof(W.NextSlaStep), (_, n) => Workflow().NextSlaStep(n, default))
            .AddActivityFunc<ApplyStepInput, bool>(nameof(W.ApplySlaStep), (_, i) => Workflow().ApplySlaStep(i, default))
            .AddActivityFunc<LoopStepInput, bool>(nameof(W.ApplyLoopStep), (_, i) => Workflow().ApplyLoopStep(i, default)),
            new DurableTaskTestHostOptions
            {
                // The stand-in Cosmos client and the fake Service Bus take the place of the managed-identity ones.
                ConfigureServices = s => s
                    .AddSingleton(cosmos.Client)
                    .AddSingleton<ServiceBusClient>(new FakeServiceBusClient(broker))
                    .AddSingleton<IConfiguration>(configuration)
                    .AddLogging()
                    .AddFeedbackFunctions(configuration),
            });
        services = durable.Services;
        var intake = ActivatorUtilities.CreateInstance<IntakeFunctions>(services);
        var tickets = ActivatorUtilities.CreateInstance<TicketFunctions>(services);
        var loop = ActivatorUtilities.CreateInstance<Feedback.Functions.ClosedLoop.ClosedLoopFunctions>(services);

        try
        {
            var (status, accepted) = await InvokeAsync(r => intake.WebForm(r, durable.Client), """{"content":"快递三天了还没发货，怎么回事？","name":"张三丰","contact":"13812345678"}""");
            Assert.Equal(StatusCodes.Status202Accepted, status);
            var number = accepted["ticketNumber"]!.GetValue<string>();

            var triaged = await Eventually.GetAsync(() => InvokeAsync(r => tickets.Get(r, number)), t => t.Body["analysis"] is not null, TimeSpan.FromSeconds(15), "triage");
            Assert.Equal("logistics", triaged.Body["analysis"]!["classification"]!["nature"]!.GetValue<string>());

            var (waiting, _) = await InvokeAsync(r => tickets.Wait(r, number, durable.Client), """{"agent":"王","reason":"third-party","message":"等待仓库回复"}""");
            Assert.Equal(StatusCodes.Status200OK, waiting);
            await Task.Delay(TimeSpan.FromSeconds(7));
            var paused = await InvokeAsync(r => tickets.Get(r, number));
            Assert.Equal(0, paused.Body["escalationLevel"]!.GetValue<int>());
            var (resumedStatus, resumed) = await InvokeAsync(r => tickets.Resume(r, number, durable.Client), """{"agent":"王"}""");
            Assert.Equal(StatusCodes.Status200OK, resumedStatus);
            var moved = resumed["deadlines"]!["resolveBy"]!.GetValue<DateTimeOffset>();
            var escalated = await Eventually.GetAsync(() => InvokeAsync(r => tickets.Get(r, number)), t => t.Body["escalationLevel"]!.GetValue<int>() == 1, TimeSpan.FromSeconds(15), "escalation at the moved deadline");
            Assert.InRange(escalated.Body["escalations"]![0]!["at"]!.GetValue<DateTimeOffset>(), moved, moved.AddSeconds(3));

            var (resolved, _) = await InvokeAsync(r => tickets.Resolve(r, number, durable.Client), """{"agent":"王","message":"已催促仓库发货","rootCause":{"stage":"物流配送","directCause":"库存不足","rootCause":"供应商问题","correctiveAction":"更换供应商"}}""");
            Assert.Equal(StatusCodes.Status200OK, resolved);
            // The closed loop: a web form with a phone number gets a contact task carrying the satisfaction link.
            var task = await Eventually.GetAsync(async () => (await InvokeAsync(r => tickets.Events(r))).Body["events"]!.AsArray()
                .FirstOrDefault(e => e!["type"]!.GetValue<string>() == "customer.contact-requested"), e => e is not null, TimeSpan.FromSeconds(15), "contact task");
            var token = task!["detail"]!.GetValue<string>().Split("/s/")[1];
            var (rated, _) = await InvokeAsync(r => loop.Submit(r, number, durable.Client), $$"""{"token":"{{token}}","verdict":"满意"}""");
            Assert.Equal(StatusCodes.Status200OK, rated);
            await Eventually.GetAsync(() => InvokeAsync(r => tickets.Get(r, number)), t => t.Body["status"]!.GetValue<string>() == "closed", TimeSpan.FromSeconds(15), "closing");

            var (_, events) = await InvokeAsync(r => tickets.Events(r));
            var feed = events["events"]!.AsArray();
            Assert.Equal(["ticket.created", "ticket.triaged", "sla.applied", "sla.applied", "ticket.responded", "sla.met", "sla.paused", "sla.resumed",
                    "sla.warning", "ticket.escalated", "sla.breached", "ticket.resolved", "sla.met", "customer.contact-requested", "ticket.rated", "ticket.closed"],
                feed.Select(e => e!["type"]!.GetValue<string>()));

            var relayed = await ActivatorUtilities.CreateInstance<RelayEventsFunction>(services).Run(null!, default);
            Assert.Equal(16, relayed);
            Assert.Equal(feed.Select(e => e!["id"]!.GetValue<string>()), broker.Delivered.Select(d => d.Message.MessageId));
            Assert.All(broker.Delivered, d => Assert.Equal(("feedback-events", number), (d.Topic, d.Message.CorrelationId)));

            // Erasure on Cosmos through the function: the stored ticket forgets the customer, its erasure goes out too,
            // and no message ever relayed to Service Bus carried the raw contact or name.
            var privacy = ActivatorUtilities.CreateInstance<Feedback.Functions.Privacy.PrivacyFunctions>(services);
            var (erased, receipt) = await InvokeAsync(r => privacy.EraseContact(r), """{"contact":"13812345678","reason":"客户要求"}""");
            Assert.Equal(StatusCodes.Status200OK, erased);
            Assert.Equal([number], receipt["tickets"]!.AsArray().Select(t => t!.GetValue<string>()));
            var stored = (await services.GetRequiredService<ITicketStore>().GetAsync(number, default))!.Value;
            Assert.Equal((null, null), (stored.Contact.Name, stored.Contact.Value));
            Assert.Equal(("张**", "****5678"), (stored.Feedback.CustomerName, stored.Feedback.Contact));
            var (_, trail) = await InvokeAsync(r => privacy.Audit(r));
            var erasure = trail["entries"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "customer.erase")!;
            Assert.Equal("customer:" + receipt["subject"]!.GetValue<string>(), erasure["target"]!.GetValue<string>());
            Assert.DoesNotContain("13812345678", trail.ToJsonString());
            // Past its retention time, but erased already: the timer (on the Cosmos store) finds nothing to do.
            Assert.Equal(0, await privacy.Retain(null!, default));
            Assert.Equal(1, await ActivatorUtilities.CreateInstance<RelayEventsFunction>(services).Run(null!, default));
            Assert.Equal("ticket.erased", broker.Delivered[^1].Message.Subject);
            Assert.All(broker.Delivered, d =>
            {
                var body = d.Message.Body.ToString();
                Assert.DoesNotContain("13812345678", body);
                Assert.DoesNotContain("张三丰", System.Text.RegularExpressions.Regex.Unescape(body));
            });
        }
        finally
        {
            await cosmos.Client.GetDatabase(database).DeleteStreamAsync();
        }
    }

    private static async Task<(int Status, JsonNode Body)> InvokeAsync(Func<HttpRequest, Task<IResult>> function, string? json = null)
    {
        var context = new DefaultHttpContext();
        if (json is not null)
        {
            context.Request.Method = "POST";
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }
        var body = new MemoryStream();
        context.Response.Body = body;
        await (await function(context.Request)).ExecuteAsync(context);
        return (context.Response.StatusCode, JsonNode.Parse(Encoding.UTF8.GetString(body.ToArray()))!);
    }
}
