using System.CommandLine;
using Feedback.Local.Hosting;
using Microsoft.Extensions.Hosting;

var data = new Option<string>("--data") { Description = "Folder for the SQLite file and attachments.", DefaultValueFactory = _ => ".feedback-data" };
var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:7071" };

// Anything else on the command line is configuration for the host: --Sla:Rules:0:Respond=00:30:00.
var serve = new Command("serve", "Run the backend on this machine (the default command).") { data, urls };
serve.TreatUnmatchedTokensAsErrors = false;
serve.SetAction((result, ct) => ServeAsync(result, ct));

var root = new RootCommand("feedback: the customer-feedback backend's local host and tools.") { serve, Feedback.Cli.AnalyzeCommand.Create(), Feedback.Cli.ReportCommand.Create(data), Feedback.Cli.KeysCommand.Create(data) };
root.Options.Add(data);
root.Options.Add(urls);
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction((result, ct) => ServeAsync(result, ct));

return await root.Parse(args).InvokeAsync();

async Task<int> ServeAsync(ParseResult result, CancellationToken ct)
{
    var app = LocalHost.Build(new LocalHostSettings
    {
        DataDirectory = result.GetValue(data)!,
        Urls = result.GetValue(urls)!,
        Args = [.. result.UnmatchedTokens],
    });
    try
    {
        await app.StartAsync(ct);
    }
    catch (InvalidOperationException ex) when (ex.Message.StartsWith("feedback:", StringComparison.Ordinal))
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
    Console.WriteLine($"feedback: listening on {app.Address()}api, data in {Path.GetFullPath(result.GetValue(data)!)}");
    await app.WaitForShutdownAsync(ct);
    return 0;
}
