namespace Feedback.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Configuration_on_the_command_line_reaches_the_host_and_a_bad_policy_stops_the_start()
    {
        var data = Path.Combine(Path.GetTempPath(), "feedback-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, errors) = await FeedbackCommand.RunAsync("", "serve", "--data", data, "--urls", "http://127.0.0.1:0",
                "--Sla:Rules:0:Respond=00:00:00", "--Sla:Rules:0:Resolve=01:00:00");

            Assert.NotEqual(0, code);
            Assert.Contains("Sla", output + errors);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
