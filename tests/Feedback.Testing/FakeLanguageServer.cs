using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Feedback.Testing;

/// <summary>
/// Azure AI Language cannot be reached from here, so this answers <c>POST /language/:analyze-text</c>
/// on loopback (HTTPS: bearer tokens are only sent over TLS) with the service's documented shapes:
/// results and per-document errors, the batch and size limits as 400s, 401 without credentials, and
/// scripted 429 (with Retry-After) and 503 answers. Its "model" is a toy: it only has to be predictable.
/// </summary>
public sealed class FakeLanguageServer : IAsyncDisposable
{
    private static readonly Dictionary<string, int> Limits = new()
    {
        ["SentimentAnalysis"] = 10, ["KeyPhraseExtraction"] = 10, ["LanguageDetection"] = 1000,
    };
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();

    private FakeLanguageServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    /// <summary>The one subscription key this server accepts.</summary>
    public const string Key = "test-key";

    public X509Certificate2 Certificate { get; }
    public Uri Endpoint => new(_app.Urls.First());
    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(DateTimeOffset At, string Kind, int Documents, string? ApiVersion, string? Key, string? Authorization, JsonNode Body);

    /// <summary>The next request gets this status instead of an answer (429 with Retry-After, 503 …).</summary>
    public void Fail(int status, string? retryAfter = null) => _script.Enqueue((status, retryAfter));

    /// <summary>An HttpClient handler that trusts this server's certificate and nothing else.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == Certificate.Thumbprint,
    };

    public static async Task<FakeLanguageServer> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeLanguageServer(app, certificate);
        app.MapPost("/language/:analyze-text", (Delegate)server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var body = (await JsonNode.ParseAsync(request.Body))!;
        var kind = body["kind"]?.GetValue<string>() ?? "";
        var documents = body["analysisInput"]?["documents"]?.AsArray() ?? [];
        Requests.Enqueue(new Received(DateTimeOffset.UtcNow, kind, documents.Count, request.Query["api-version"],
            request.Headers["Ocp-Apim-Subscription-Key"], request.Headers.Authorization, body));

        if (_script.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null) context.Response.Headers.RetryAfter = failure.RetryAfter;
            return Error(failure.Status, failure.Status.ToString(CultureInfo.InvariantCulture),
                failure.Status == 429 ? $"Rate limit is exceeded. Try again in {failure.RetryAfter ?? "1"} seconds." : "The service is temporarily unavailable.");
        }
        var key = request.Headers["Ocp-Apim-Subscription-Key"].ToString();
        if (key is { Length: > 0 } ? key != Key : string.IsNullOrEmpty(request.Headers.Authorization))
            return Error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        if (string.IsNullOrEmpty(request.Query["api-version"]))
            return Error(400, "InvalidRequest", "Missing required query parameter: api-version.");
        if (!Limits.TryGetValue(kind, out var limit))
            return Error(400, "InvalidRequest", $"Invalid kind '{kind}'.");
        if (documents.Count > limit)
            return Error(400, "InvalidRequest", "Invalid document in request.", "InvalidDocumentBatch", $"Batch request contains too many records. Max {limit} records are permitted.");

        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var d in documents)
        {
            var id = d!["id"]!.GetValue<string>();
            var text = d["text"]?.GetValue<string>() ?? "";
            if (string.IsNullOrWhiteSpace(text))
                errors.Add(DocumentError(id, "Document text is empty."));
            else if (new StringInfo(text).LengthInTextElements > 5120)
                errors.Add(DocumentError(id, "A document within the request was too large to be processed. Limit document size to: 5120 text elements."));
            else
                results.Add(kind switch
                {
                    "SentimentAnalysis" => Sentiment(id, text, body["parameters"]?["opinionMining"]?.GetValue<bool>() == true),
                    "KeyPhraseExtraction" => new JsonObject { ["id"] = id, ["keyPhrases"] = new JsonArray(text.Split([' ', '，', ','], StringSplitOptions.RemoveEmptyEntries).Take(3).Select(p => (JsonNode)p).ToArray()), ["warnings"] = new JsonArray() },
                    _ => new JsonObject
                    {
                        ["id"] = id, ["warnings"] = new JsonArray(),
                        ["detectedLanguage"] = text.Any(c => c >= '\u4e00' && c <= '\u9fff')
                            ? new JsonObject { ["name"] = "Chinese_Simplified", ["iso6391Name"] = "zh_chs", ["confidenceScore"] = 1.0 }
                            : new JsonObject { ["name"] = "English", ["iso6391Name"] = "en", ["confidenceScore"] = 0.99 },
                    },
                });
        }
        return Results.Json(new JsonObject
        {
            ["kind"] = kind + "Results",
            ["results"] = new JsonObject { ["documents"] = results, ["errors"] = errors, ["modelVersion"] = "2022-11-01" },
        });
    }

    private static JsonObject Sentiment(string id, string text, bool opinionMining)
    {
        var negative = text.Contains('差') || text.Contains("慢") || text.Contains("bad", StringComparison.OrdinalIgnoreCase);
        var positive = text.Contains('好') || text.Contains("good", StringComparison.OrdinalIgnoreCase);
        var (label, p, n) = negative && positive ? ("mixed", 0.45, 0.5) : negative ? ("negative", 0.02, 0.96) : positive ? ("positive", 0.95, 0.02) : ("neutral", 0.1, 0.1);
        JsonObject Scores() => new() { ["positive"] = p, ["neutral"] = Math.Round(1 - p - n, 2), ["negative"] = n };
        var sentence = new JsonObject
        {
            ["sentiment"] = label == "mixed" ? "negative" : label, ["confidenceScores"] = Scores(),
            ["offset"] = 0, ["length"] = text.Length, ["text"] = text,
        };
        if (opinionMining && negative)
        {
            sentence["targets"] = new JsonArray(new JsonObject
            {
                ["sentiment"] = "negative", ["confidenceScores"] = new JsonObject { ["positive"] = 0.01, ["negative"] = 0.99 },
                ["offset"] = 0, ["length"] = 2, ["text"] = text[..Math.Min(2, text.Length)],
                ["relations"] = new JsonArray(new JsonObject { ["relationType"] = "assessment", ["ref"] = "#/documents/0/sentences/0/assessments/0" }),
            });
            sentence["assessments"] = new JsonArray(new JsonObject
            {
                ["sentiment"] = "negative", ["confidenceScores"] = new JsonObject { ["positive"] = 0.01, ["negative"] = 0.99 },
                ["offset"] = 2, ["length"] = 1, ["text"] = "差", ["isNegated"] = false,
            });
        }
        return new JsonObject
        {
            ["id"] = id, ["sentiment"] = label, ["confidenceScores"] = Scores(),
            ["sentences"] = new JsonArray(sentence), ["warnings"] = new JsonArray(),
        };
    }

    private static JsonObject DocumentError(string id, string message) => new()
    {
        ["id"] = id,
        ["error"] = new JsonObject
        {
            ["code"] = "InvalidArgument", ["message"] = "Invalid document in request.",
            ["innererror"] = new JsonObject { ["code"] = "InvalidDocument", ["message"] = message },
        },
    };

    private static IResult Error(int status, string code, string message, string? innerCode = null, string? innerMessage = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null) error["innererror"] = new JsonObject { ["code"] = innerCode, ["message"] = innerMessage };
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    internal static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
