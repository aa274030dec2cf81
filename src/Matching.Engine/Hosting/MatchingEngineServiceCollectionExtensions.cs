using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Matching.Engine.Hosting;

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
        services.AddSingleton<MatchingRuntimeProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchingRuntimeProvider>());
        services.AddSingleton<Matching.Engine.Privacy.IPersonalData, MatchingPersonalData>();
        return services;
    }
}
