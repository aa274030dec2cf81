using Matching.Engine.Privacy;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;

namespace Coach.Api.Caching;

public static class CachingSetup
{
    public const string ConnectionStringName = "redis";

    /// <summary>
    /// HybridCache (memory), with Redis as its second level when <c>ConnectionStrings:redis</c> is set; the
    /// invalidation channel; <see cref="CoachCache"/>. Without Redis each instance caches and limits alone.
    /// </summary>
    public static IServiceCollection AddCoachCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(5), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
            options.MaximumPayloadBytes = 4 * 1024 * 1024;
        }).AddSerializer<CachedAssessment, CachedAssessmentSerializer>();
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
        {
            services.AddSingleton(sp => new RedisConnection(connectionString, sp.GetRequiredService<ILogger<RedisConnection>>(), TimeProvider.System));
            services.AddSingleton<IDistributedCache>(sp => new ResilientDistributedCache(sp.GetRequiredService<RedisConnection>()));
        }
        services.AddSingleton<CacheInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidation>());
        services.AddSingleton<CoachCache>();
        services.AddSingleton<Matching.Engine.Caching.ICoachCache>(sp => sp.GetRequiredService<CoachCache>());
        services.AddSingleton<IPersonalData, CachedAssessmentsPersonalData>();
        services.AddHostedService<CachingStartupLog>();
        return services;
    }
}

/// <summary>Says once, at start, where the cache lives.</summary>
internal sealed class CachingStartupLog(ILogger<CachingStartupLog> logger, RedisConnection? redis = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            logger.LogInformation("ConnectionStrings:redis is not set: the cache is this instance's memory only and rate limits are counted per instance");
        }
        else
        {
            logger.LogInformation("Cache second level and shared rate limits on Redis at {Endpoint}", redis.Endpoint);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A seeker's cached assessment holds their profile: erasure drops it on every instance. Nothing to export (it is derived).</summary>
internal sealed class CachedAssessmentsPersonalData(CoachCache cache) : IPersonalData
{
    public string Name => "cache";

    public Task ExportAsync(DataSubject subject, System.Text.Json.Nodes.JsonObject into, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default) =>
        subject.Kind == DataSubjectKind.Seeker ? cache.InvalidateSeekerAsync(subject.Id, cancellationToken) : Task.CompletedTask;
}
