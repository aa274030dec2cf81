using Matching.Engine.Hosting;
using Matching.Engine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class MatchingEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the matching engine: options from the <c>Coach</c> section (validated on start), the
    /// reference data (verified before start, loaded in the background), then the match index
    /// (opened once the data is loaded, seeded on first start).
    /// </summary>
    public static IServiceCollection AddMatchingEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingEngineOptions>()
            .Bind(configuration.GetSection(MatchingEngineOptions.Section))
            .PostConfigure(o => o.DataPath ??= configuration["COACH_DATA"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ReferenceDataProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferenceDataProvider>());
        // One SQLite file, one connection factory (WAL, pragmas, schema versions) for every store in it: the index's
        // documents, the seekers' questionnaires, the advisers' reviews and the privacy tables.
        services.TryAddSingleton(sp => new SqliteConnectionFactory(StorePath(sp)));
        services.AddSingleton(sp => new Matching.Engine.Coaching.SeekerStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton(sp => new Matching.Engine.Reviews.ReviewStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<MatchingRuntimeProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchingRuntimeProvider>());
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData, MatchingPersonalData>();
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData, Matching.Engine.Reviews.ReviewPersonalData>();
        return services;
    }

    private static string StorePath(IServiceProvider services) =>
        services.GetRequiredService<ReferenceDataProvider>().ContentPath(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingEngineOptions>>().Value.StorePath);
}
