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
        EnsureInstalled();
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

    /// <summary>Runs <c>npm ci</c> once if the packages are missing; test assemblies run in parallel processes, hence the lock file.</summary>
    private static void EnsureInstalled()
    {
        var directory = ServersDirectory;
        var marker = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(marker)) return;
        using var lockFile = AcquireLock(Path.Combine(directory, ".install.lock"));
        if (File.Exists(marker)) return;
        var info = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm could not be started; is Node.js on PATH?");
        var errors = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"'npm ci' in {directory} failed ({npm.ExitCode}): {errors.Result}");
    }

    private static FileStream AcquireLock(string path)
    {
        var until = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException) when (DateTime.UtcNow < until) { Thread.Sleep(500); }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
