using System.Diagnostics;

namespace Feedback.Testing;

/// <summary>
/// A stand-in server from tests/servers (npm), started on a free loopback port for the tests that
/// need it. It fails with what to do when the packages are missing; it never skips.
/// </summary>
public sealed class NodeServer : IDisposable
{
    private readonly Process _process;

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static string ServersDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Feedback.sln not found above the test folder."), "tests", "servers");
        }
    }

    /// <summary>Starts <c>node {script} {args}</c> and waits for the line that <paramref name="ready"/> recognises and turns into the port.</summary>
    public static NodeServer Start(string script, IEnumerable<string> arguments, Func<string, int?> ready, TimeSpan timeout)
    {
        var modules = Path.Combine(ServersDirectory, "node_modules");
        if (!Directory.Exists(modules))
            throw new InvalidOperationException($"The test servers are not installed: run 'npm ci --prefix {ServersDirectory}' (.ci/run does).");
        var info = new ProcessStartInfo("node") { WorkingDirectory = ServersDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started; is Node.js on PATH?");
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (ready(e.Data) is { } p) port.TrySetResult(p);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException($"{script} exited: {string.Join('\n', output)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!port.Task.Wait(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not start within {timeout.TotalSeconds} s: {string.Join('\n', output)}");
        }
        return new NodeServer(process, port.Task.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
