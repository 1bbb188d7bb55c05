using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Feedback.Domain;

namespace Feedback.Azure.Cosmos;

/// <summary>
/// Stream operations with System.Text.Json: status codes are answers, not exceptions, and the
/// documents use the same JSON as the rest of the system.
/// </summary>
internal static class CosmosDocumentClient
{
    public static async Task<(T? Document, string? ETag)> ReadAsync<T>(this Container container, string id, string partitionKey, CancellationToken ct)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return (default, null);
        response.EnsureSuccessStatusCode();
        return (await JsonSerializer.DeserializeAsync<T>(response.Content, FeedbackJson.Options, ct), response.Headers.ETag);
    }

    /// <summary>Created, or Conflict when the id is taken: an idempotent create.</summary>
    public static async Task<(HttpStatusCode Status, string? ETag)> CreateAsync<T>(this Container container, T document, string partitionKey, CancellationToken ct)
    {
        using var response = await container.CreateItemStreamAsync(Serialize(document), new PartitionKey(partitionKey), cancellationToken: ct);
        return Expect(response, HttpStatusCode.Created, HttpStatusCode.Conflict);
    }

    /// <summary>OK, or PreconditionFailed when someone wrote first, or NotFound.</summary>
    public static async Task<HttpStatusCode> ReplaceAsync<T>(this Container container, T document, string id, string partitionKey, string etag, CancellationToken ct)
    {
        using var response = await container.ReplaceItemStreamAsync(Serialize(document), id, new PartitionKey(partitionKey),
            new ItemRequestOptions { IfMatchEtag = etag }, ct);
        return Expect(response, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.NotFound).Status;
    }

    public static async Task UpsertAsync<T>(this Container container, T document, string partitionKey, CancellationToken ct)
    {
        using var response = await container.UpsertItemStreamAsync(Serialize(document), new PartitionKey(partitionKey), cancellationToken: ct);
        response.EnsureSuccessStatusCode();
    }

    public static async Task DeleteAsync(this Container container, string id, string partitionKey, CancellationToken ct)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct);
        if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
    }

    public static async Task<List<T>> QueryAsync<T>(this Container container, QueryDefinition query, int limit, CancellationToken ct)
    {
        var results = new List<T>();
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { MaxItemCount = Math.Min(limit, 1000) });
        while (iterator.HasMoreResults && results.Count < limit)
        {
            using var response = await iterator.ReadNextAsync(ct);
            response.EnsureSuccessStatusCode();
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            foreach (var item in page.RootElement.GetProperty("Documents").EnumerateArray())
                results.Add(item.Deserialize<T>(FeedbackJson.Options)!);
        }
        return results.Count > limit ? results[..limit] : results;
    }

    private static (HttpStatusCode Status, string? ETag) Expect(ResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            // A failure throws with the service's own message; an unexpected success is still unexpected.
            response.EnsureSuccessStatusCode();
            throw new CosmosException($"Unexpected {(int)response.StatusCode} from Cosmos DB.", response.StatusCode, 0, response.Headers.ActivityId, 0);
        }
        return (response.StatusCode, response.Headers.ETag);
    }

    private static MemoryStream Serialize<T>(T document) => new(JsonSerializer.SerializeToUtf8Bytes(document, FeedbackJson.Options));
}
