using System.Collections.Concurrent;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Seekers;

/// <summary>
/// Seekers' pages of matches as computed (<see cref="SeekerProfiles.MatchesAsync"/>), kept while nothing they were
/// computed from changed: the index has seen no write since (<see cref="IMatchIndex.WriteGeneration"/>: any offer or
/// profile written or deleted, so a change shows at the next read), the same offer ranking model is in use, and the
/// same reference data. A page is the same for every caller allowed to read it, so the access rule and the audit are
/// not part of it: they run on every read, before the page is looked up. Computed every time when the index cannot
/// tell its writes (Elasticsearch). What the first page showed is kept with it (<see cref="Impression"/>s, their
/// features computed once): each read still records it as shown to its reader.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="Capacity"/> pages, and offers for as many pages of 20 (<c>Coach:MatchPagesKept</c>, default
/// <see cref="DefaultCapacity"/>; a page of 20 offers is about 100 KB of objects, and as much again for its JSON in
/// Coach.Api, so pages of 100 count five times); when full, it starts again empty. 0 keeps none. An erased seeker's pages are dropped at once (<see cref="IPersonalData"/>).
/// </remarks>
public sealed class SeekerMatchPages(IMatchIndex index, IOptions<MatchingEngineOptions> options) : IPersonalData
{
    /// <summary>Pages kept at most unless configured.</summary>
    public const int DefaultCapacity = 1_000;

    /// <summary>Pages kept at most.</summary>
    public int Capacity { get; } = options.Value.MatchPagesKept;

    /// <summary>What a page depends on besides the index, the model and the reference data.</summary>
    private readonly record struct Key(string SeekerId, int Size, string? Cursor, double? RadiusKm, string Language);

    /// <summary>A page as computed at <paramref name="Generation"/>, with the model and reference data in use then.</summary>
    private sealed record Entry(long Generation, RankingModelCard? Model, ReferenceData Data, OfferMatchPage Page, IReadOnlyList<Impression>? Shown);

    /// <summary>Offers a kept page is counted for at least (the default page size).</summary>
    private const int OffersPerPage = 20;

    private readonly ConcurrentDictionary<Key, Entry> _pages = new();
    private readonly Lock _write = new();
    private long _offers;

    public string Name => "matchPages";

    /// <summary>Pages kept now.</summary>
    public int Count => _pages.Count;

    /// <summary>
    /// The index's write generation, to read before anything the page is computed from (the profile included): a write
    /// after it leaves the entry at the older generation, so stale at once.
    /// </summary>
    internal long? Generation => index.WriteGeneration;

    /// <summary>
    /// The page, from the cache when it was computed at <paramref name="generation"/> (read by <see cref="Generation"/>
    /// before the profile) and the index is still there, with the same model and reference data; else computed by
    /// <paramref name="compute"/> and kept at <paramref name="generation"/>.
    /// </summary>
    internal async Task<(OfferMatchPage Page, IReadOnlyList<Impression>? Shown)> GetOrComputeAsync(
        long? generation, string seekerId, int size, string? cursor, double? radiusKm, string language, RankingModelCard? model, ReferenceData data,
        Func<Task<(OfferMatchPage Page, IReadOnlyList<Impression>? Shown)>> compute)
    {
        var key = new Key(seekerId, size, cursor, radiusKm, language);
        if (generation is { } current && _pages.TryGetValue(key, out var known)
            && known.Generation == current && index.WriteGeneration == current && Equals(known.Model, model) && ReferenceEquals(known.Data, data))
        {
            return (known.Page, known.Shown);
        }
        var computed = await compute();
        if (generation is { } computedAt && Capacity > 0)
        {
            Keep(key, new Entry(computedAt, model, data, computed.Page, computed.Shown));
        }
        return computed;
    }

    private static int Weight(Entry entry) => Math.Max(OffersPerPage, entry.Page.Hits.Count);

    private void Keep(Key key, Entry entry)
    {
        lock (_write)
        {
            if (_pages.TryGetValue(key, out var old))
            {
                _offers -= Weight(old);
            }
            else if (_pages.Count >= Capacity || _offers + Weight(entry) > (long)Capacity * OffersPerPage)
            {
                _pages.Clear();
                _offers = 0;
            }
            _pages[key] = entry;
            _offers += Weight(entry);
        }
    }

    /// <summary>Nothing to export: a page is derived from the profile and the offers, which are exported themselves.</summary>
    public Task ExportAsync(DataSubject subject, System.Text.Json.Nodes.JsonObject into, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Drops the seeker's pages.</summary>
    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            lock (_write)
            {
                foreach (var key in _pages.Keys)
                {
                    if (key.SeekerId == subject.Id && _pages.TryRemove(key, out var removed))
                    {
                        _offers -= Weight(removed);
                    }
                }
            }
        }
        return Task.CompletedTask;
    }
}
