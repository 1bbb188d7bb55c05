using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Feedback.Azure.Language;

public sealed class LanguageClientOptions : ClientOptions
{
    public LanguageClientOptions()
    {
        // Azure.Core's retry policy retries 408, 429, 500, 502, 503 and 504 and waits what Retry-After says.
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
    }

    public string ApiVersion { get; set; } = "2023-04-01";
}

/// <summary>
/// Azure AI Language's <c>/language/:analyze-text</c> REST API on Azure.Core's pipeline (the SDK
/// package is not on the package mirror). Splits work into requests within the service's limits
/// and keeps each document's error with that document.
/// </summary>
public sealed class LanguageClient
{
    // Documented limits of the synchronous API.
    private const int SentimentBatch = 10;
    private const int KeyPhraseBatch = 10;
    private const int LanguageBatch = 1000;
    private const int MaxRequestBytes = 1_000_000;
    public const int MaxDocumentLength = 5120;

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly string _apiVersion;

    public LanguageClient(Uri endpoint, TokenCredential credential, LanguageClientOptions? options = null)
        : this(endpoint, options ?? new(), new BearerTokenAuthenticationPolicy(credential, "https://cognitiveservices.azure.com/.default")) { }

    public LanguageClient(Uri endpoint, AzureKeyCredential key, LanguageClientOptions? options = null)
        : this(endpoint, options ?? new(), new KeyPolicy(key)) { }

    private LanguageClient(Uri endpoint, LanguageClientOptions options, HttpPipelinePolicy authentication)
    {
        _endpoint = endpoint;
        _apiVersion = options.ApiVersion;
        _pipeline = HttpPipelineBuilder.Build(options, authentication);
    }

    /// <summary>Text records billed for a document: one per started 1,000 characters.</summary>
    public static int TextRecords(string text) => Math.Max(1, (new StringInfo(text).LengthInTextElements + 999) / 1000);

    public Task<IReadOnlyList<DocumentResult<DocumentSentiment>>> AnalyzeSentimentAsync(
        IReadOnlyList<TextDocument> documents, bool opinionMining, CancellationToken ct) =>
        RunAsync(documents, SentimentBatch, "SentimentAnalysis",
            new JsonObject { ["modelVersion"] = "latest", ["opinionMining"] = opinionMining }, ParseSentiment, ct);

    public Task<IReadOnlyList<DocumentResult<IReadOnlyList<string>>>> ExtractKeyPhrasesAsync(
        IReadOnlyList<TextDocument> documents, CancellationToken ct) =>
        RunAsync<IReadOnlyList<string>>(documents, KeyPhraseBatch, "KeyPhraseExtraction",
            new JsonObject { ["modelVersion"] = "latest" },
            d => d["keyPhrases"]!.AsArray().Select(p => p!.GetValue<string>()).ToList(), ct);

    public Task<IReadOnlyList<DocumentResult<DetectedLanguage>>> DetectLanguageAsync(
        IReadOnlyList<TextDocument> documents, CancellationToken ct) =>
        RunAsync(documents, LanguageBatch, "LanguageDetection", new JsonObject { ["modelVersion"] = "latest" }, d =>
        {
            var detected = d["detectedLanguage"]!;
            return new DetectedLanguage(detected["name"]!.GetValue<string>(), detected["iso6391Name"]!.GetValue<string>(),
                detected["confidenceScore"]!.GetValue<double>());
        }, ct);

    private async Task<IReadOnlyList<DocumentResult<T>>> RunAsync<T>(
        IReadOnlyList<TextDocument> documents, int batchSize, string kind, JsonObject parameters,
        Func<JsonNode, T> parse, CancellationToken ct) where T : class
    {
        var results = new Dictionary<string, DocumentResult<T>>(StringComparer.Ordinal);
        foreach (var batch in Batches(documents, batchSize))
        {
            var body = new JsonObject
            {
                ["kind"] = kind,
                ["parameters"] = parameters.DeepClone(),
                ["analysisInput"] = new JsonObject
                {
                    ["documents"] = new JsonArray(batch.Select(d => (JsonNode)Document(d, kind)).ToArray()),
                },
            };
            var answer = await SendAsync(body, ct);
            var payload = answer["results"]!;
            foreach (var d in payload["documents"]!.AsArray())
                results[d!["id"]!.GetValue<string>()] = new DocumentResult<T>(d["id"]!.GetValue<string>(), parse(d), null);
            foreach (var e in payload["errors"]?.AsArray() ?? [])
            {
                var error = e!["error"]!;
                var inner = error["innererror"] ?? error;
                results[e["id"]!.GetValue<string>()] = new DocumentResult<T>(e["id"]!.GetValue<string>(), null,
                    new DocumentError(inner["code"]!.GetValue<string>(), inner["message"]!.GetValue<string>()));
            }
        }
        // In input order; a document the service left out is an error of its own, not a silent gap.
        return documents.Select(d => results.TryGetValue(d.Id, out var r)
            ? r : new DocumentResult<T>(d.Id, null, new DocumentError("MissingResult", "The service returned nothing for this document."))).ToList();
    }

    private async Task<JsonNode> SendAsync(JsonObject body, CancellationToken ct)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/language/:analyze-text", escape: false);
        request.Uri.AppendQuery("api-version", _apiVersion);
        request.Headers.Add("Content-Type", "application/json");
        request.Headers.Add("Accept", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body));
        await _pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.IsError) throw new RequestFailedException(response);
        return JsonNode.Parse(response.Content.ToMemory().Span)!;
    }

    private static JsonObject Document(TextDocument d, string kind)
    {
        var node = new JsonObject { ["id"] = d.Id, ["text"] = d.Text };
        if (kind != "LanguageDetection" && d.Language is not null) node["language"] = d.Language;
        return node;
    }

    /// <summary>Batches within the per-request document count and size limits.</summary>
    private static IEnumerable<List<TextDocument>> Batches(IReadOnlyList<TextDocument> documents, int size)
    {
        var batch = new List<TextDocument>();
        long bytes = 0;
        foreach (var d in documents)
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(d.Text) + 64;
            if (batch.Count == size || (batch.Count > 0 && bytes + length > MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(d);
            bytes += length;
        }
        if (batch.Count > 0) yield return batch;
    }

    // Azure.Core's own key policy is internal; this is the same header, read per request so a rotated key applies.
    private sealed class KeyPolicy(AzureKeyCredential key) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("Ocp-Apim-Subscription-Key", key.Key);
    }

    private static DocumentSentiment ParseSentiment(JsonNode d)
    {
        var scores = d["confidenceScores"]!;
        var opinions = new List<Opinion>();
        foreach (var sentence in d["sentences"]?.AsArray() ?? [])
        {
            var assessments = sentence!["assessments"]?.AsArray() ?? [];
            foreach (var target in sentence["targets"]?.AsArray() ?? [])
            {
                // Relations point at assessments as "#/documents/0/sentences/1/assessments/0".
                var said = (target!["relations"]?.AsArray() ?? [])
                    .Select(r => r!["ref"]!.GetValue<string>())
                    .Select(r => int.Parse(r[(r.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture))
                    .Where(i => i < assessments.Count)
                    .Select(i => assessments[i]!["text"]!.GetValue<string>())
                    .ToList();
                opinions.Add(new Opinion(target["text"]!.GetValue<string>(), target["sentiment"]!.GetValue<string>(), said));
            }
        }
        return new DocumentSentiment(d["sentiment"]!.GetValue<string>(),
            new SentimentScores(scores["positive"]!.GetValue<double>(), scores["neutral"]?.GetValue<double>() ?? 0, scores["negative"]!.GetValue<double>()),
            opinions);
    }
}
