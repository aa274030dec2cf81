using Matching.Engine.Indexing;

namespace Matching.Elasticsearch.Tests;

/// <summary>An unreachable or red cluster makes the index unavailable (503 with Retry-After upstream); yellow answers and is reported.</summary>
public sealed class ElasticsearchHealthTests
{
    private static async Task<IndexHealth> WaitForAsync(ElasticsearchMatchIndex index, Func<IndexHealth, bool> condition)
    {
        for (var i = 0; i < 200 && !condition(index.Health); i++)
        {
            await Task.Delay(50);
        }
        return index.Health;
    }

    [Fact]
    public async Task AnUnreachableClusterIsUnavailableNamingElasticsearchAndQueriesAskToRetryLater()
    {
        var url = FakeElasticsearch.UnreachableUrl();
        await using var index = TestKit.Start(url);

        var health = await WaitForAsync(index, h => h.Detail?.Contains("unreachable", StringComparison.Ordinal) == true);

        Assert.Equal(IndexHealthStatus.Unavailable, health.Status);
        Assert.Equal("elasticsearch", health.Backend);
        Assert.Contains("Elasticsearch", health.Detail, StringComparison.Ordinal);
        Assert.Contains(url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), health.Detail, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<IndexUnavailableException>(() => index.CountAsync());
        Assert.True(e.RetryAfter >= TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<IndexUnavailableException>(() => index.GetOfferAsync("o1"));
    }

    [Fact]
    public async Task TheIndexOpensOnceTheClusterComesBackWithoutARestart()
    {
        await using var es = new FakeElasticsearch();
        es.On("GET", "/_cluster/health", 503, """{"error":{"type":"master_not_discovered_exception","reason":"no master"},"status":503}""");
        await using var index = TestKit.Start(es.Url);
        await WaitForAsync(index, h => h.Detail?.Contains("master_not_discovered_exception", StringComparison.Ordinal) == true);
        Assert.Equal(IndexHealthStatus.Unavailable, index.Health.Status);

        es.On("GET", "/_cluster/health", 200, FakeElasticsearch.Health("green"));

        Assert.True(await index.WaitUntilOpenAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(IndexHealthStatus.Healthy, index.Health.Status);
        Assert.Equal(new IndexCounts(0, 0), await index.CountAsync());
        // It retried with back-off: more than one health request, and far fewer than one per 50 ms.
        Assert.InRange(es.Requests.Count(r => r.Path == "/_cluster/health"), 2, 20);
    }

    [Fact]
    public async Task ARedClusterIsUnavailable()
    {
        await using var es = new FakeElasticsearch();
        es.On("GET", "/_cluster/health", 200, FakeElasticsearch.Health("red", unassignedPrimaries: 2, unassigned: 4));
        await using var index = TestKit.Start(es.Url);

        var health = await WaitForAsync(index, h => h.Detail?.Contains("red", StringComparison.Ordinal) == true);

        Assert.Equal(IndexHealthStatus.Unavailable, health.Status);
        Assert.Contains("2 primary shard(s) unassigned", health.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IndexUnavailableException>(() => index.CountAsync());
    }

    [Fact]
    public async Task AYellowClusterAnswersAndIsReported()
    {
        await using var es = new FakeElasticsearch();
        es.On("GET", "/_cluster/health", 200, FakeElasticsearch.Health("yellow", unassigned: 2));
        await using var index = TestKit.Start(es.Url);

        Assert.True(await index.WaitUntilOpenAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(IndexHealthStatus.Degraded, index.Health.Status);
        Assert.Contains("yellow", index.Health.Detail, StringComparison.Ordinal);
        Assert.Equal(new IndexCounts(0, 0), await index.CountAsync());
    }

    [Fact]
    public async Task ACallThatFindsNoClusterMarksItUnavailableAtOnce()
    {
        var es = new FakeElasticsearch();
        var index = TestKit.Start(es.Url);
        try
        {
            Assert.True(await index.WaitUntilOpenAsync(TimeSpan.FromSeconds(20)));
            await es.DisposeAsync();

            await Assert.ThrowsAsync<IndexUnavailableException>(() => index.CountAsync());

            Assert.Equal(IndexHealthStatus.Unavailable, index.Health.Status);
            await Assert.ThrowsAsync<IndexUnavailableException>(() => index.GetProfileAsync("p1"));
        }
        finally
        {
            await index.DisposeAsync();
        }
    }
}
