using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

// Intake load test: accepted web-form posts per second with p50/p99 latency, and GET /api/health
// in the same run as the denominator. Usage: dotnet run -c Release --project bench/Feedback.Bench [seconds] [concurrency]
// Analyzer speed on one core: dotnet run -c Release --project bench/Feedback.Bench -- analyzer [seconds]
// Parser fuzz run over every channel: dotnet run -c Release --project bench/Feedback.Bench -- fuzz [count] [seed]
// WeChat passive-reply latency under load: dotnet run -c Release --project bench/Feedback.Bench -- wechat [seconds] [clients] [aes]
// Triage against a steady intake: dotnet run -c Release --project bench/Feedback.Bench -- pipeline [rate] [seconds]
if (args.Length > 0 && args[0] == "pipeline")
    return await PipelineBench.RunAsync(args.Length > 1 ? double.Parse(args[1]) : 200, args.Length > 2 ? double.Parse(args[2]) : 60);
// Deadlines at scale: dotnet run -c Release --project bench/Feedback.Bench -- deadlines [open] [spread-seconds] [working]
if (args.Length > 0 && args[0] == "deadlines")
    return await DeadlinesBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10_000, args.Length > 2 ? double.Parse(args[2]) : 60, args.Contains("working"));
// kill -9 under load: dotnet run -c Release --project bench/Feedback.Bench -- crash [clients] [seconds] [respond-seconds]
if (args.Length > 0 && args[0] == "crash")
    return await CrashBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 16, args.Length > 2 ? double.Parse(args[2]) : 4, args.Length > 3 ? double.Parse(args[3]) : 3);
if (args.Length > 0 && args[0] == "wechat")
    return await WeChatBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? int.Parse(args[2]) : 32, args.Contains("aes"));
if (args.Length > 0 && args[0] == "fuzz")
    return await FuzzBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100_000, args.Length > 2 ? int.Parse(args[2]) : 1);
// Warning evaluation at scale and burst latency: dotnet run -c Release --project bench/Feedback.Bench -- warnings [tickets] [rules]
if (args.Length > 0 && args[0] == "warnings")
    return await WarningsBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? int.Parse(args[2]) : 100);
// The monthly report over a month of stored tickets: dotnet run -c Release --project bench/Feedback.Bench -- reports [tickets]
if (args.Length > 0 && args[0] == "reports")
    return await ReportsBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
if (args.Length > 0 && args[0] == "privacy")
    return await PrivacyBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000);
// The embedded store's writes per ticket, alone: dotnet run -c Release --project bench/Feedback.Bench -- store [seconds] [callers]
if (args.Length > 0 && args[0] == "store")
    return await StoreBench.RunAsync(args.Length > 1 ? double.Parse(args[1]) : 10, args.Length > 2 ? int.Parse(args[2]) : 64);
if (args.Length > 0 && args[0] == "analyzer")
    return AnalyzerBench.Run(args.Length > 1 ? int.Parse(args[1]) : 5, RepoRoot());

var seconds = args.Length > 0 ? int.Parse(args[0]) : 10;
const int Rounds = 3;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 32;

var port = FreePort();
var data = Path.Combine(Path.GetTempPath(), "feedback-bench", Guid.NewGuid().ToString("N"));
// With a key the host is not open: every staff request is authenticated, as in production.
// "open": no key and no limiters, to measure what the checks cost.
var open = args.Contains("open");
var key = open ? "" : CreateKey(data);
using var server = StartServer(port, data, open);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
try
{
    await WaitUntilUpAsync(http);
    var counter = 0;
    Func<Task<HttpStatusCode>> health = async () => (await http.GetAsync("api/health")).StatusCode;
    Func<Task<HttpStatusCode>> intake = async () =>
    {
        var i = Interlocked.Increment(ref counter);
        var json = $$"""{"content":"第{{i}}条：订单支付失败，钱扣了但订单没生成，请尽快处理","name":"张三","contact":"138{{i:00000000}}"}""";
        using var response = await http.PostAsync("api/channels/webform", new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    };

    await RunAsync(health, HttpStatusCode.OK, 2, concurrency);           // warm-up
    await RunAsync(intake, HttpStatusCode.Accepted, 2, concurrency);
    // The warm-up's tickets are triaged before anything is measured: otherwise the health run shares the
    // machine with their workflows and the ratio says more about that than about intake.
    await DrainAsync(http);
    // A staff read with no query behind it: the bearer key checked (hash, cached record) and the role's policy, or, open, neither.
    Func<Task<HttpStatusCode>> policy = async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/sla/policy");
        if (!open) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    };
    // Health and intake alternate, round after round: this machine's speed drifts by a fifth within a minute,
    // and a ratio of two runs taken far apart measures the drift. The median round is the figure.
    var rounds = new List<(Result Health, Result Intake, double Drain)>();
    for (var round = 0; round < Rounds; round++)
    {
        var h = await RunAsync(health, HttpStatusCode.OK, seconds, concurrency, server);
        var w = await RunAsync(intake, HttpStatusCode.Accepted, seconds, concurrency, server);
        // The workflows ran beside the intake run; what they had not done by its end is timed here.
        var backlog = Stopwatch.StartNew();
        await DrainAsync(http);
        rounds.Add((h, w, backlog.Elapsed.TotalSeconds));
    }
    var a = await RunAsync(policy, HttpStatusCode.OK, seconds, concurrency, server);
    var median = rounds.OrderBy(r => r.Intake.PerSecond / r.Health.PerSecond).ElementAt(rounds.Count / 2);

    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {seconds} s per run, {concurrency} concurrent clients, server in its own process, {Rounds} rounds of health then intake");
    foreach (var (h, w, drain) in rounds)
    {
        Console.WriteLine(h.Line("GET  /api/health          "));
        Console.WriteLine(w.Line("POST /api/channels/webform"));
        Console.WriteLine($"   round ratio {w.PerSecond / h.PerSecond:0.00}; every ticket triaged {drain:0.0} s after the intake run ended");
    }
    Console.WriteLine(a.Line(open ? "GET  /api/sla/policy (open)   " : "GET  /api/sla/policy (key)    "));
    Console.WriteLine(open
        ? "open: no key, rate limiting off"
        : "authentication on (an API key exists; staff routes need it), rate limiting on (limits raised: one address stands for many customers)");
    Console.WriteLine($"intake / health throughput ratio: {median.Intake.PerSecond / median.Health.PerSecond:0.00} (median round; " +
        $"{string.Join(", ", rounds.Select(r => (r.Intake.PerSecond / r.Health.PerSecond).ToString("0.00")))})");
    return rounds.Sum(r => r.Health.Failed + r.Intake.Failed) + a.Failed == 0 ? 0 : 1;
}
finally
{
    server.Kill(entireProcessTree: true);
    server.WaitForExit();
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}

static async Task<Result> RunAsync(Func<Task<HttpStatusCode>> call, HttpStatusCode expected, int seconds, int concurrency, Process? server = null)
{
    var cpu = Cpu(server);
    var machine = MachineTicks();
    var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var latencies = new List<double>[concurrency];
    var failed = 0;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = [];
        while (Stopwatch.GetTimestamp() < until)
        {
            var t = Stopwatch.GetTimestamp();
            var status = await call();
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (status != expected) Interlocked.Increment(ref failed);
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    var (server1, client1) = Cpu(server);
    var machine1 = MachineTicks();
    // CPU per request: the server's, and this client's (both share the machine); and the share of the machine neither used.
    return new Result(all.Length - failed, failed, (all.Length - failed) / elapsed, Percentile(all, 0.50), Percentile(all, 0.99),
        (server1 - cpu.Server).TotalMicroseconds / all.Length, (client1 - cpu.Client).TotalMicroseconds / all.Length,
        machine1.Total > machine.Total ? (double)(machine1.Idle - machine.Idle) / (machine1.Total - machine.Total) : double.NaN);
}

// The machine's idle and total CPU time (/proc/stat; idle counts the time waiting for the disk too); zeros where there is no /proc.
static (long Idle, long Total) MachineTicks()
{
    if (!File.Exists("/proc/stat")) return (0, 0);
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(long.Parse).ToArray();
    return (fields[3] + fields[4], fields.Sum());
}

static (TimeSpan Server, TimeSpan Client) Cpu(Process? server)
{
    server?.Refresh();
    return (server?.TotalProcessorTime ?? TimeSpan.Zero, Process.GetCurrentProcess().TotalProcessorTime);
}

static async Task DrainAsync(HttpClient http)
{
    for (var i = 0; i < 600; i++)
    {
        var health = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("api/health"))!;
        if (health["parts"]!["workflows"]!["backlog"]!["untriaged"]!.GetValue<int>() == 0) return;
        await Task.Delay(100);
    }
    throw new TimeoutException("The warm-up's tickets were not all triaged within 60 s.");
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static string CreateKey(string data)
{
    var dll = Path.Combine(RepoRoot(), "src", "Feedback.Cli", "bin", Configuration(), "net10.0", "feedback.dll");
    var info = new ProcessStartInfo("dotnet", ["exec", dll, "keys", "create", "--role", "agent", "--name", "bench", "--data", data])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var process = Process.Start(info)!;
    var key = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    if (process.ExitCode != 0 || !key.StartsWith("fbk_", StringComparison.Ordinal))
        throw new InvalidOperationException($"feedback keys create failed: {process.StandardError.ReadToEnd()}");
    return key;
}

static Process StartServer(int port, string data, bool open)
{
    var dll = Path.Combine(RepoRoot(), "src", "Feedback.Cli", "bin", Configuration(), "net10.0", "feedback.dll");
    // The limiters run on every request; their limits are raised because one address stands for many customers here.
    var info = new ProcessStartInfo("dotnet", ["exec", dll, "serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", .. open ? ["--RateLimits:Enabled=false"] : Feedback.Testing.OneAddress.Arguments])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitUntilUpAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try { if ((await http.GetAsync("api/health")).IsSuccessStatusCode) return; }
        catch (HttpRequestException) { }
        await Task.Delay(100);
    }
    throw new TimeoutException("The feedback host did not come up within 30 s.");
}

static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (!File.Exists(Path.Combine(dir.FullName, "Feedback.sln"))) dir = dir.Parent!;
    return dir.FullName;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record Result(int Ok, int Failed, double PerSecond, double P50, double P99, double ServerCpuUs = 0, double ClientCpuUs = 0, double Idle = double.NaN)
{
    public string Line(string name) =>
        $"{name}  {PerSecond,8:0} req/s   p50 {P50,7:0.00} ms   p99 {P99,7:0.00} ms   ({Ok} ok, {Failed} failed)" +
        (ServerCpuUs > 0 ? $"   CPU per request: server {ServerCpuUs:0} µs, client {ClientCpuUs:0} µs" : "") +
        (double.IsNaN(Idle) ? "" : $"; machine idle {Idle:P0}");
}
