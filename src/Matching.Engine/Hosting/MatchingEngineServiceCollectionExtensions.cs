using Matching.Engine.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        // The seekers' questionnaires and the advisers' reviews live in the store's SQLite file, beside the index.
        services.AddSingleton(sp => new Matching.Engine.Coaching.SeekerStore(StorePath(sp)));
        services.AddSingleton(sp => new Matching.Engine.Reviews.ReviewStore(StorePath(sp)));
        // What was shown to whom (personal data), and the learned re-ranking of the offers when a model won.
        services.AddSingleton(sp => new Matching.Engine.Ranking.ImpressionLog(StorePath(sp)));
        services.AddSingleton(sp => new Matching.Engine.Ranking.OfferRanking(
            sp.GetRequiredService<Matching.Engine.Ranking.ImpressionLog>(),
            sp.GetRequiredService<ReferenceDataProvider>().ContentPath(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingEngineOptions>>().Value.ModelPath),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new Matching.Engine.Ranking.AdviceRanking(
            sp.GetRequiredService<ReferenceDataProvider>().ContentPath(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingEngineOptions>>().Value.ModelPath)));
        services.AddSingleton<MatchingRuntimeProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchingRuntimeProvider>());
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData, MatchingPersonalData>();
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData, Matching.Engine.Reviews.ReviewPersonalData>();
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData>(sp => sp.GetRequiredService<Matching.Engine.Ranking.ImpressionLog>());
        return services;
    }

    private static string StorePath(IServiceProvider services)
    {
        var path = services.GetRequiredService<ReferenceDataProvider>().ContentPath(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingEngineOptions>>().Value.StorePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return path;
    }
}
