using Azure;
using Azure.Core.Pipeline;
using Feedback.Analysis.Local;
using Feedback.Azure.Language;
using Feedback.Domain.Analysis;
using Feedback.Local.Storage;
using Feedback.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Feedback.Azure.Tests;

public sealed class HybridAnalyzerTests : IAsyncLifetime
{
    private readonly string _data = RunningHost.NewDataDirectory();
    private FakeLanguageServer _server = null!;
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeLanguageServer.StartAsync();
        _store = new SqliteStore(Path.Combine(_data, "feedback.db"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _store.Dispose();
        RunningHost.TryDelete(_data);
    }

    [Fact]
    public async Task A_confident_local_result_never_reaches_the_cloud()
    {
        var result = await Analyzer().AnalyzeSentimentAsync("太差了，垃圾产品，非常失望，要退款", default);

        Assert.Equal((SentimentLabel.Negative, LocalAnalyzer.Name), (result.Label, result.Analyzer));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unsure_local_result_asks_the_cloud_in_the_right_language_and_says_so()
    {
        var result = await Analyzer().AnalyzeSentimentAsync("這個東西的品質還好", default);

        Assert.Equal((SentimentLabel.Positive, HybridAnalyzer.CloudName, false), (result.Label, result.Analyzer, result.Reanalyze));
        Assert.Equal("zh-hant", _server.Requests.Single().Body["analysisInput"]!["documents"]![0]!["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task Past_the_monthly_budget_the_local_result_stands()
    {
        var analyzer = Analyzer(monthlyRecords: 2);

        var first = await analyzer.AnalyzeSentimentAsync("发货时间是几号", default);
        var second = await analyzer.AnalyzeSentimentAsync("请问门店几点开门", default);
        var third = await analyzer.AnalyzeSentimentAsync("包装是什么颜色", default);

        Assert.Equal(HybridAnalyzer.CloudName, first.Analyzer);
        Assert.Equal(HybridAnalyzer.CloudName, second.Analyzer);
        Assert.Equal((LocalAnalyzer.Name, false), (third.Analyzer, third.Reanalyze));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task When_the_service_fails_the_local_result_stands_marked_for_reanalysis()
    {
        _server.Fail(503);

        var result = await Analyzer(maxRetries: 0).AnalyzeSentimentAsync("发货时间是几号", default);

        Assert.Equal((LocalAnalyzer.Name, true), (result.Analyzer, result.Reanalyze));
    }

    [Fact]
    public async Task Classification_and_keywords_stay_local()
    {
        var analyzer = Analyzer();
        var classification = await analyzer.ClassifyAsync("建议增加夜间模式", default);
        var keywords = await analyzer.ExtractKeywordsAsync("支付失败了", default);

        Assert.Equal(FeedbackType.Suggestion, classification.Type);
        Assert.Contains(keywords.Keywords, k => k.Term == "支付失败");
        Assert.Empty(_server.Requests);
    }

    private HybridAnalyzer Analyzer(long monthlyRecords = 1000, int maxRetries = 3)
    {
        var clientOptions = new LanguageClientOptions { Transport = new HttpClientTransport(_server.TrustingHandler()) };
        clientOptions.Retry.MaxRetries = maxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var client = new LanguageClient(_server.Endpoint, new AzureKeyCredential(FakeLanguageServer.Key), clientOptions);
        return new HybridAnalyzer(new LocalAnalyzer(), client, _store, TimeProvider.System,
            Options.Create(new LanguageOptions { Endpoint = _server.Endpoint, MonthlyTextRecords = monthlyRecords }),
            NullLogger<HybridAnalyzer>.Instance);
    }
}
