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
    /// Makes the match index an <see cref="ElasticsearchMatchIndex"/>: options from <c>Coach:Index:Elasticsearch</c>
    /// (validated on start), the index started once the reference data is loaded.
    /// </summary>
    public static IServiceCollection AddElasticsearchMatchIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ElasticsearchIndexOptions>()
            .Bind(configuration.GetSection(ElasticsearchIndexOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<MatchIndexOpener>(sp => data =>
        {
            var options = sp.GetRequiredService<IOptions<ElasticsearchIndexOptions>>().Value;
            return ElasticsearchMatchIndex.Start(options, data.Taxonomy, new SkillGraph(data.Taxonomy),
                commune => data.Geography.EmploymentAreaOf(commune)?.Code,
                area => data.Geography.EmploymentArea(area)?.Name,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ElasticsearchMatchIndex>());
        });
        return services;
    }
}
