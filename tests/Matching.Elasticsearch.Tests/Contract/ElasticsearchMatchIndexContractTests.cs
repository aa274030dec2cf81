using Matching.Engine.Indexing;
using Matching.Engine.Tests;
using Matching.Engine.Tests.Indexing;

namespace Matching.Elasticsearch.Tests.Contract;

/// <summary>
/// The contract every index passes (tests/Matching.Engine.Tests/Indexing/MatchIndexContractTests.cs), run against a live
/// cluster. Compiled and run only when <c>ELASTICSEARCH_URL</c> is set (see the project file): without a server there
/// is nothing to run it against. Each test gets its own index prefix, deleted afterwards.
/// </summary>
public sealed class ElasticsearchMatchIndexContractTests : MatchIndexContractTests
{
    private readonly string _prefix = "coach-contract-" + Guid.NewGuid().ToString("N")[..10];

    private static Uri Url => new(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")!.Split(',')[0]);

    private ElasticsearchIndexOptions Options() => new()
    {
        Url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL"),
        ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
        IndexPrefix = _prefix,
        NumberOfReplicas = 0,
        ChunkSize = 100,
        RequestTimeoutSeconds = 60,
    };

    private async Task<IMatchIndex> StartAsync()
    {
        var index = ElasticsearchMatchIndex.Start(Options(), TaxonomyFixture.Taxonomy, new SkillGraph(TaxonomyFixture.Taxonomy),
            commune => commune.Length >= 2 ? "D" + commune[..2] : null, code => "Area " + code, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.True(await index.WaitUntilOpenAsync(TimeSpan.FromSeconds(60)), index.Health.Detail);
        return index;
    }

    protected override Task<IMatchIndex> CreateIndexAsync() => StartAsync();

    protected override Task<IMatchIndex> OpenAgainAsync() => StartAsync();

    protected override async Task DeleteAsync()
    {
        var client = ElasticsearchMatchIndex.CreateClient(Options());
        await client.Indices.DeleteAsync(Elastic.Clients.Elasticsearch.Indices.Parse($"{_prefix}-*"));
        await client.Indices.DeleteIndexTemplateAsync(Elastic.Clients.Elasticsearch.Names.Parse($"{_prefix}-*"));
    }
}
