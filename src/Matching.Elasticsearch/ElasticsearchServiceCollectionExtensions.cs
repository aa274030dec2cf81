using Matching.Elasticsearch;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Makes <c>Coach:Index:Kind=Elasticsearch</c> available: an <see cref="IMatchIndexFactory"/> that starts an
    /// <see cref="ElasticsearchMatchIndex"/> with the options of <c>Coach:Index:Elasticsearch</c> (validated at start
    /// when this kind is the one chosen).
    /// </summary>
    public static IServiceCollection AddElasticsearchMatchIndex(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddOptions<ElasticsearchIndexOptions>()
            .Bind(configuration.GetSection(ElasticsearchIndexOptions.Section));
        if (string.Equals(configuration[$"{MatchIndexOptions.Section}:Kind"], ElasticsearchMatchIndexFactory.KindName, StringComparison.OrdinalIgnoreCase))
        {
            options.ValidateDataAnnotations().ValidateOnStart();
        }
        services.AddSingleton<IMatchIndexFactory, ElasticsearchMatchIndexFactory>();
        return services;
    }
}

/// <summary><c>Coach:Index:Kind = Elasticsearch</c>: the cluster of <c>Coach:Index:Elasticsearch</c>; the index starts at once and opens when the cluster answers.</summary>
public sealed class ElasticsearchMatchIndexFactory(IOptions<ElasticsearchIndexOptions> options, ILoggerFactory loggers) : IMatchIndexFactory
{
    public const string KindName = "Elasticsearch";

    public string Kind => KindName;

    public async Task<IMatchIndex> OpenAsync(ReferenceData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = ElasticsearchMatchIndex.Start(options.Value, data.Taxonomy, new SkillGraph(data.Taxonomy),
            commune => data.Geography.EmploymentAreaOf(commune)?.Code,
            area => data.Geography.EmploymentArea(area)?.Name,
            loggers.CreateLogger<ElasticsearchMatchIndex>(),
            data.PlaceAreas);
        // Give a reachable cluster the time to answer, so a normal start opens at once; an unreachable one is
        // retried in the background (calls answer 503 meanwhile).
        await index.WaitUntilOpenAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return index;
    }
}
