namespace Feedback.Testing;

/// <summary>
/// Load from one loopback address stands for many customers, so tests and benches raise the abuse limits out of
/// its way: the limiters still run on every request (their cost is measured), they only never refuse. Tests that
/// are about the limits set their own.
/// </summary>
public static class OneAddress
{
    public static readonly IReadOnlyDictionary<string, string> Limits = new Dictionary<string, string>
    {
        ["RateLimits:WebForm:Permits"] = "100000000",
        ["RateLimits:WeChat:Permits"] = "100000000",
        ["RateLimits:Link:Permits"] = "100000000",
        ["RateLimits:Contact:Permits"] = "100000000",
    };

    public static string[] Arguments => [.. Limits.Select(l => $"--{l.Key}={l.Value}")];
}
