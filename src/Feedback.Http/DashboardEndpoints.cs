using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>The dashboard page and its two scripts, from the assembly: nothing is fetched from elsewhere.</summary>
public sealed class DashboardEndpoints
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["chart.umd.min.js"] = "text/javascript; charset=utf-8",
    };

    public IResult Page() => Serve("dashboard.html", "text/html; charset=utf-8");

    public IResult Asset(string file) =>
        Files.TryGetValue(file, out var type) ? Serve(file, type) : Responses.Problem(StatusCodes.Status404NotFound, "Not found.", $"'{file}' is not part of the dashboard.");

    private static IResult Serve(string file, string contentType)
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"dashboard/{file}")
            ?? throw new InvalidOperationException($"The dashboard's {file} is not embedded.");
        return Results.Stream(stream, contentType);
    }
}
