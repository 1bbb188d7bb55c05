using System.Diagnostics;
using System.Text;

namespace Feedback.Cli.Tests;

/// <summary>Runs the built <c>feedback</c> program with arguments and standard input.</summary>
internal static class FeedbackCommand
{
    public static async Task<(int Code, string Output, string Errors)> RunAsync(string input, params string[] arguments)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "Feedback.sln"))) root = root.Parent!;
        var dll = Path.Combine(root.FullName, "src", "Feedback.Cli", "bin", output.Parent!.Name, output.Name, "feedback.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"feedback {string.Join(' ', arguments)} did not exit within 30 s.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
