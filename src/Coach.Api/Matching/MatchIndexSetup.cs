namespace Coach.Api.Matching;

/// <summary>Configuration <c>Coach:Index:Kind</c>: which implementation of the match index Coach runs on.</summary>
public static class MatchIndexSetup
{
    public const string KindKey = "Coach:Index:Kind";

    /// <summary><c>Embedded</c> (default: SQLite and in-process postings) or <c>Elasticsearch</c> (<c>Coach:Index:Elasticsearch:*</c>).</summary>
    public static IServiceCollection AddCoachMatchIndex(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = configuration[KindKey] ?? "Embedded";
        if (kind.Equals("Elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            services.AddElasticsearchMatchIndex(configuration);
        }
        else if (!kind.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{KindKey} is '{kind}': use Embedded or Elasticsearch.");
        }
        return services;
    }
}
