using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Feedback.Azure.Language;
using Feedback.Testing;

namespace Feedback.Azure.Tests;

public sealed class LanguageClientTests : IAsyncLifetime
{
    private FakeLanguageServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLanguageServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sentiment_is_sent_in_batches_of_ten_and_answers_come_back_in_input_order()
    {
        var documents = Enumerable.Range(0, 23).Select(i => new TextDocument($"d{i}", i % 2 == 0 ? $"第{i}次，物流太慢了，很差" : $"第{i}次，服务很好", "zh-hans")).ToList();

        var results = await KeyClient().AnalyzeSentimentAsync(documents, opinionMining: false, default);

        Assert.Equal([10, 10, 3], _server.Requests.Select(r => r.Documents));
        Assert.Equal(documents.Select(d => d.Id), results.Select(r => r.Id));
        Assert.Equal("negative", results[0].Value!.Sentiment);
        Assert.Equal("positive", results[1].Value!.Sentiment);
        Assert.True(results[0].Value!.Scores.Negative > 0.9);
        Assert.All(_server.Requests, r => Assert.Equal(("SentimentAnalysis", "2023-04-01", "test-key"), (r.Kind, r.ApiVersion, r.Key)));
    }

    [Fact]
    public async Task A_bad_document_keeps_its_own_error_and_the_rest_are_answered()
    {
        var results = await KeyClient().AnalyzeSentimentAsync(
            [new("ok", "质量很好"), new("empty", " "), new("long", new string('长', 5121)), new("ok2", "太差了")], false, default);

        Assert.Equal(["ok", "empty", "long", "ok2"], results.Select(r => r.Id));
        Assert.NotNull(results[0].Value);
        Assert.Equal(("InvalidDocument", "Document text is empty."), (results[1].Error!.Code, results[1].Error!.Message));
        Assert.Equal("InvalidDocument", results[2].Error!.Code);
        Assert.Equal("negative", results[3].Value!.Sentiment);
    }

    [Fact]
    public async Task Opinion_mining_ties_each_target_to_what_was_said_of_it()
    {
        var result = Assert.Single(await KeyClient().AnalyzeSentimentAsync([new("1", "物流太差了", "zh-hans")], opinionMining: true, default));

        var opinion = Assert.Single(result.Value!.Opinions);
        Assert.Equal(("物流", "negative", "差"), (opinion.Target, opinion.TargetSentiment, Assert.Single(opinion.Assessments)));
        Assert.True(_server.Requests.Single().Body["parameters"]!["opinionMining"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_time_Retry_After_asks_for()
    {
        _server.Fail(429, retryAfter: "1");
        var started = Stopwatch.GetTimestamp();

        var results = await KeyClient().AnalyzeSentimentAsync([new("1", "很好")], false, default);

        Assert.Equal("positive", results[0].Value!.Sentiment);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.95), "the retry came before Retry-After");
    }

    [Fact]
    public async Task An_unavailable_service_is_retried()
    {
        _server.Fail(503);
        _server.Fail(503);

        var results = await KeyClient(retryDelay: TimeSpan.FromMilliseconds(10)).ExtractKeyPhrasesAsync([new("1", "退款 慢 客服")], default);

        Assert.Equal(["退款", "慢", "客服"], results[0].Value);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_request_level_error_surfaces_with_the_service_code()
    {
        var client = new LanguageClient(_server.Endpoint, new AzureKeyCredential("wrong-key"), Options());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.DetectLanguageAsync([new("1", "hello")], default));

        Assert.Equal(401, error.Status);
        Assert.Equal("401", error.ErrorCode);
    }

    [Fact]
    public async Task Entra_ID_tokens_are_sent_as_bearer_tokens()
    {
        var client = new LanguageClient(_server.Endpoint, new StaticToken("token-123"), Options());

        var results = await client.DetectLanguageAsync([new("1", "你好，我想咨询一下"), new("2", "hello there")], default);

        Assert.Equal(["zh_chs", "en"], results.Select(r => r.Value!.Iso6391Name));
        Assert.Equal("Bearer token-123", _server.Requests.Single().Authorization);
    }

    [Theory]
    [InlineData("短", 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(5120, 6)]
    public void Text_records_are_counted_per_started_thousand_characters(object text, int records) =>
        Assert.Equal(records, LanguageClient.TextRecords(text as string ?? new string('字', (int)text)));

    private LanguageClient KeyClient(TimeSpan? retryDelay = null) =>
        new(_server.Endpoint, new AzureKeyCredential(FakeLanguageServer.Key), Options(retryDelay));

    private LanguageClientOptions Options(TimeSpan? retryDelay = null)
    {
        var options = new LanguageClientOptions { Transport = new HttpClientTransport(_server.TrustingHandler()) };
        if (retryDelay is { } delay) options.Retry.Delay = delay;
        return options;
    }

    private sealed class StaticToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
