using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Feedback.Testing;

/// <summary>
/// The local host as a user runs it: <c>feedback serve</c> in its own process, so that the load and
/// the server do not share a runtime, and so that it can be killed with SIGKILL and started again on its data.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string[] _settings;
    private Process? _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>What the host printed on standard output, every start included.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public ServerProcess(string dataDirectory, params string[] settings)
    {
        DataDirectory = dataDirectory;
        _settings = settings.Any(a => a.StartsWith("--RateLimits:", StringComparison.Ordinal)) ? settings : [.. settings, .. OneAddress.Arguments];
        Port = FreePort();
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public HttpClient Http { get; }

    public static ServerProcess InTemp(params string[] settings) =>
        new(Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N")), settings);

    /// <summary>When the last start began, before the process existed.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Starts the host and returns once <c>/api/health</c> answers.</summary>
    public async Task StartAsync()
    {
        var dll = Path.Combine(RepoRoot(), "src", "Feedback.Cli", "bin", Configuration(), "net10.0", "feedback.dll");
        var info = new ProcessStartInfo("dotnet", ["exec", dll, "serve", "--data", DataDirectory, "--urls", $"http://127.0.0.1:{Port}", .. _settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        StartedAt = DateTimeOffset.UtcNow;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await Http.GetAsync("api/health");
                if ((int)response.StatusCode is 200 or 503) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The feedback host ({dll}) did not come up within 30 s.");
    }

    /// <summary>CPU time the server process has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_process!.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // utime and stime are fields 14 and 15 of the whole line, in clock ticks of 1/100 s.
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, exactly what <c>kill -9</c> does.</summary>
    public void Kill()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        Http.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) dir = dir.Parent!;
        return dir.FullName;
    }

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
