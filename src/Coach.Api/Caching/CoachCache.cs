using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Matching.Engine.Caching;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Microsoft.Extensions.Caching.Hybrid;

namespace Coach.Api.Caching;

/// <summary>
/// What Coach caches, where and for how long (HybridCache: memory first, Redis second when configured).
/// Every key starts with <c>coach:v1:</c>; bump the version when a cached type changes shape.
/// <list type="table">
/// <item><term>taxonomy look-ups</term><description><c>coach:v1:taxonomy:{data}:{kind}:{lang}:{limit}:{sha(q)}</c>: 24 h in Redis, 1 h in memory.
/// Never invalidated: the reference data does not change while Coach runs, and <c>{data}</c> (a hash of its SHA256SUMS) changes with it.</description></item>
/// <item><term>market supply/demand</term><description><c>coach:v1:market:supply-demand:{sha(query)}</c>: 5 min in Redis, 1 min in memory.
/// Not invalidated on write (every ingest would flush it): counts are at most 5 minutes old.</description></item>
/// <item><term>a seeker's assessment</term><description><c>coach:v2:assessment:{sha(seeker)}:{lang}</c>: 10 min in Redis, 2 min in memory,
/// stored with the hash of the questionnaire it was computed from: an entry whose hash is not the stored
/// questionnaire's is recomputed, so a changed profile is never answered from an old assessment, even on an
/// instance that missed the invalidation. Saving, deleting or erasing the profile removes the entry on every
/// instance (<see cref="CacheInvalidation"/>). Matching offers inside it are at most 10 minutes old. Written by
/// <see cref="CachedAssessmentSerializer"/>, so the texts' arguments come back with their types (v2).</description></item>
/// </list>
/// </summary>
public sealed class CoachCache(HybridCache cache, CacheInvalidation invalidation) : ICoachCache
{
    public static readonly HybridCacheEntryOptions TaxonomyEntry = new() { Expiration = TimeSpan.FromHours(24), LocalCacheExpiration = TimeSpan.FromHours(1) };
    public static readonly HybridCacheEntryOptions MarketEntry = new() { Expiration = TimeSpan.FromMinutes(5), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
    public static readonly HybridCacheEntryOptions AssessmentEntry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(2) };

    /// <summary>Languages an assessment is cached in (one entry each).</summary>
    public static readonly string[] Languages = ["fr", "en"];

    private static readonly JsonSerializerOptions s_hashJson = new(SeekerStore.JsonOptions);
    private readonly ConcurrentDictionary<string, long> _computed = new(StringComparer.Ordinal);

    /// <summary>How many times each area (taxonomy, market, assessment) computed a value instead of reading the cache.</summary>
    public long Computed(string area) => _computed.GetValueOrDefault(area);

    private void Count(string area) => _computed.AddOrUpdate(area, 1, (_, n) => n + 1);

    private static readonly ConcurrentDictionary<string, string> s_dataVersions = new(StringComparer.Ordinal);

    /// <summary>The reference data's version: a hash of its SHA256SUMS (every file's checksum).</summary>
    public static string DataVersion(global::Matching.Engine.Hosting.ReferenceData data) =>
        s_dataVersions.GetOrAdd(data.DataPath, path =>
        {
            var sums = Path.Combine(path, "SHA256SUMS");
            return File.Exists(sums) ? Hash(File.ReadAllText(sums))[..12] : "nosums";
        });

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    public ValueTask<T> TaxonomyAsync<T>(string dataVersion, string kind, string lang, int limit, string q, Func<T> compute, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            $"coach:v1:taxonomy:{dataVersion}:{kind}:{lang}:{limit.ToString(CultureInfo.InvariantCulture)}:{Hash(q)}",
            (compute, this),
            static (state, _) =>
            {
                state.Item2.Count("taxonomy");
                return ValueTask.FromResult(state.compute());
            },
            TaxonomyEntry,
            cancellationToken: cancellationToken);

    public async Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, Func<CancellationToken, Task<SupplyDemandResult>> compute, CancellationToken cancellationToken)
    {
        var place = query.Place is { } p ? $"{p.CommuneCode}|{p.Latitude.ToString("R", CultureInfo.InvariantCulture)}|{p.Longitude.ToString("R", CultureInfo.InvariantCulture)}" : "";
        var key = $"coach:v1:market:supply-demand:{Hash($"{query.SkillUri}|{query.OccupationUri}|{place}|{query.RadiusKm?.ToString("R", CultureInfo.InvariantCulture)}")}";
        return await cache.GetOrCreateAsync(key, (compute, this), static async (state, ct) =>
        {
            state.Item2.Count("market");
            return await state.compute(ct);
        }, MarketEntry, cancellationToken: cancellationToken);
    }

    public static string AssessmentKey(string seekerId, string language) => $"coach:v2:assessment:{Hash(seekerId)}:{language}";

    /// <summary>The seeker's assessment for this questionnaire: from the cache when it was computed from the same one.</summary>
    public async Task<CoachAssessment> AssessmentAsync(string seekerId, string language, SeekerProfile profile, Func<CancellationToken, Task<CoachAssessment>> compute, CancellationToken cancellationToken)
    {
        var key = AssessmentKey(seekerId, language);
        var version = Hash(JsonSerializer.Serialize(profile, s_hashJson));
        var entry = await cache.GetOrCreateAsync(key, (compute, version, this), static async (state, ct) =>
        {
            state.Item3.Count("assessment");
            return new CachedAssessment(state.version, await state.compute(ct));
        }, AssessmentEntry, cancellationToken: cancellationToken);
        if (entry.Version == version)
        {
            return entry.Assessment;
        }
        Count("assessment");
        var fresh = new CachedAssessment(version, await compute(cancellationToken));
        await cache.SetAsync(key, fresh, AssessmentEntry, cancellationToken: cancellationToken);
        return fresh.Assessment;
    }

    /// <summary>Drops a seeker's cached assessments on every instance (after a write, a delete or an erasure).</summary>
    public Task InvalidateSeekerAsync(string seekerId, CancellationToken cancellationToken = default) =>
        invalidation.InvalidateAsync([.. Languages.Select(l => AssessmentKey(seekerId, l))], cancellationToken);
}

/// <summary>An assessment with the hash of the questionnaire it was computed from.</summary>
public sealed record CachedAssessment(string Version, CoachAssessment Assessment);
