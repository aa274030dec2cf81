using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Matching.Engine.Geography;
using Matching.Engine.Storage;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>Options of the embedded index, bound from the <c>Coach</c> configuration section.</summary>
public sealed class EmbeddedIndexOptions
{
    public const string Section = "Coach";

    /// <summary>The SQLite file of record (created with its folder when missing).</summary>
    [Required]
    public string StorePath { get; set; } = "data/coach.db";
}

/// <summary>
/// The default <see cref="IMatchIndex"/>: SQLite as the system of record, and in-memory postings
/// and columns for the queries, rebuilt from the store's compact projection at <see cref="Open"/>.
/// A write is validated whole, committed to SQLite, and only then applied to the in-memory index,
/// under the write lock: a reader sees a batch entirely or not at all, and never before it is durable.
/// </summary>
/// <remarks>
/// Concurrency: many readers, one writer. A <see cref="ReaderWriterLockSlim"/> rather than
/// copy-on-write segments, because the in-memory part of a write is short (appends to postings and
/// columns, microseconds per document) compared with its SQLite commit, which runs outside the lock;
/// copy-on-write would double the postings' memory at 1M documents or force a segment merge policy.
/// Writers are serialised by a semaphore held across commit and apply, so the store and the
/// in-memory index change in the same order.
/// </remarks>
public sealed class EmbeddedMatchIndex : IMatchIndex, IDisposable
{
    /// <summary>Radius of a supply/demand query around a place, when the query does not say.</summary>
    public const double DefaultSupplyDemandRadiusKm = 30;

    private readonly DocumentStore _store;
    private readonly InMemoryIndex _index;
    private readonly DocumentCompiler _compiler;
    private readonly IndexValidation _validation;
    private readonly SkillsTaxonomy _taxonomy;
    private readonly Func<string, string?> _areaName;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    private readonly string _fingerprint;

    /// <summary>The store generation the snapshot on disk is the image of (-1 when none is known to be current).</summary>
    private long _snapshotGeneration = -1;

    private EmbeddedMatchIndex(DocumentStore store, InMemoryIndex index, SkillsTaxonomy taxonomy, Func<string, string?> areaName, string fingerprint)
    {
        _fingerprint = fingerprint;
        _store = store;
        _index = index;
        _taxonomy = taxonomy;
        _areaName = areaName;
        _compiler = new DocumentCompiler(taxonomy);
        _validation = new IndexValidation(taxonomy);
    }

    /// <summary>The skill graph the index scores with.</summary>
    public SkillGraph Graph => _index.Graph;

    /// <summary>The in-memory index (for the benchmarks' comparisons of its query paths in one process).</summary>
    internal InMemoryIndex Memory => _index;

    /// <summary>
    /// Opens (or creates) the store at <paramref name="storePath"/> and loads every document's
    /// matching projection into memory.
    /// </summary>
    /// <param name="areaOfCommune">Employment area (bassin) code of an INSEE commune code, null when unknown.</param>
    /// <param name="areaName">Name of an employment area code, for supply/demand results.</param>
    /// <param name="places">The ground of départements and régions (<see cref="PlaceAreaMap"/>): an offer given by one of them is within a
    /// radius that reaches it (docs/scoring.md). Without it such an offer passes every radius, as France does.</param>
    public static EmbeddedMatchIndex Open(string storePath, SkillsTaxonomy taxonomy, Func<string, string?> areaOfCommune, Func<string, string?> areaName,
        PlaceAreaMap? places = null) =>
        Open(storePath, taxonomy, new SkillGraph(taxonomy), areaOfCommune, areaName, places);

    /// <inheritdoc cref="Open(string, SkillsTaxonomy, Func{string, string?}, Func{string, string?}, PlaceAreaMap?)"/>
    public static EmbeddedMatchIndex Open(string storePath, SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName,
        PlaceAreaMap? places = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        CheckArguments(taxonomy, graph, areaOfCommune, areaName);
        return Load(DocumentStore.Open(storePath, taxonomy), taxonomy, graph, areaOfCommune, areaName, places);
    }

    /// <summary>
    /// Opens the index in Coach's SQLite file, through the connection factory the other stores share
    /// (the factory stays open when the index is disposed).
    /// </summary>
    /// <inheritdoc cref="Open(string, SkillsTaxonomy, Func{string, string?}, Func{string, string?}, PlaceAreaMap?)"/>
    public static EmbeddedMatchIndex Open(SqliteConnectionFactory database, SkillsTaxonomy taxonomy, Func<string, string?> areaOfCommune, Func<string, string?> areaName,
        PlaceAreaMap? places = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var graph = new SkillGraph(taxonomy);
        CheckArguments(taxonomy, graph, areaOfCommune, areaName);
        return Load(DocumentStore.Open(database, ownsDatabase: false, taxonomy), taxonomy, graph, areaOfCommune, areaName, places);
    }

    private static void CheckArguments(SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(areaOfCommune);
        ArgumentNullException.ThrowIfNull(areaName);
    }

    private static EmbeddedMatchIndex Load(DocumentStore store, SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName,
        PlaceAreaMap? places)
    {
        try
        {
            var index = new InMemoryIndex(taxonomy, graph, areaOfCommune, places);
            var fingerprint = IndexSnapshot.Fingerprint(taxonomy, graph);
            var snapshotGeneration = store.Generation;
            if (IndexSnapshot.TryRead(IndexSnapshot.PathFor(store.Path), index, store.StoreId, store.Generation, fingerprint, out var stale, out var outdated,
                out var placeAreasMissing))
            {
                if (placeAreasMissing)
                {
                    // A snapshot before version 6, or of an index opened without the map, kept no place wider than a commune: those of the
                    // offers without coordinates, from the store.
                    index.FillPlaceAreas(store.ReadOfferPlaceAreas());
                }
                if (stale)
                {
                    // A snapshot of an older doc order: renumbered in memory, written again at shutdown.
                    snapshotGeneration = -1;
                    index.RebuildAll();
                }
                else if (outdated)
                {
                    // A snapshot of an older layout, read as it was: written again at shutdown in the current one.
                    snapshotGeneration = -1;
                }
            }
            else
            {
                snapshotGeneration = -1;
                foreach (var row in store.ReadOfferRows())
                {
                    index.Add(row);
                }
                foreach (var row in store.ReadProfileRows())
                {
                    index.Add(row);
                }
                index.RebuildAll();
            }
            return new EmbeddedMatchIndex(store, index, taxonomy, areaName, fingerprint) { _snapshotGeneration = snapshotGeneration };
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    // ---------------------------------------------------------------- writes

    public async Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default)
    {
        _validation.CheckOffers(offers);
        var rows = _compiler.CompileOffers(offers);
        if (rows.Length == 0)
        {
            return new BulkResult(0, 0);
        }
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = CountCreated(rows.Select(r => r.Id), _index.Offers);
            _store.UpsertOffers(offers, rows);
            DropSnapshot();
            Apply(() =>
            {
                foreach (var row in rows)
                {
                    _index.Add(row);
                    _offers.Evict(row.Id);
                }
            });
            RebuildIfNeeded();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default)
    {
        _validation.CheckProfiles(profiles);
        var rows = _compiler.CompileProfiles(profiles);
        if (rows.Length == 0)
        {
            return new BulkResult(0, 0);
        }
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = CountCreated(rows.Select(r => r.Id), _index.Profiles);
            _store.UpsertProfiles(profiles, rows);
            DropSnapshot();
            Apply(() =>
            {
                foreach (var row in rows)
                {
                    _index.Add(row);
                    _profiles.Evict(row.Id);
                }
            });
            RebuildIfNeeded();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(ids, _store.DeleteOffers, () => _index.Offers, cancellationToken, _offers.Evict);

    public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(ids, _store.DeleteProfiles, () => _index.Profiles, cancellationToken, _profiles.Evict);

    private async Task<int> DeleteAsync(IReadOnlyList<string> ids, Func<IReadOnlyList<string>, int> deleteFromStore, Func<DocumentTable> table, CancellationToken cancellationToken,
        Action<string> evict)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = deleteFromStore(ids);
            DropSnapshot();
            Apply(() =>
            {
                var current = table();
                foreach (var id in ids)
                {
                    current.Remove(id);
                    evict(id);
                }
            });
            RebuildIfNeeded();
            return deleted;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Renumbers a table in clustering order without its tombstones when enough docs were appended or
    /// deleted since the last time (see <see cref="DocumentTable.NeedsRebuild"/>). Called by a writer
    /// holding the write gate: the table is built from the current one, which no one mutates meanwhile
    /// (readers only read it), and swapped in under the write lock.
    /// </summary>
    private void RebuildIfNeeded()
    {
        var offers = _index.Offers.NeedsRebuild ? _index.RebuildOffers() : null;
        var profiles = _index.Profiles.NeedsRebuild ? _index.RebuildProfiles() : null;
        if (offers is not null || profiles is not null)
        {
            Apply(() => _index.Replace(offers, profiles));
        }
    }

    // Writes are serialised, so reading the tables' id maps here races with no mutation.
    private static BulkResult CountCreated(IEnumerable<string> ids, DocumentTable table)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var created = new HashSet<string>(StringComparer.Ordinal);
        var updated = 0;
        foreach (var id in ids)
        {
            if (seen.Add(id) && !table.Contains(id))
            {
                created.Add(id);
            }
            else
            {
                updated++;
            }
        }
        return new BulkResult(created.Count, updated, created);
    }

    /// <summary>
    /// Removes the snapshot file at the first write after it was written or read: it no longer matches the store
    /// (the next open would ignore it anyway), and it must not keep an erased person's projection on disk until the
    /// next clean shutdown writes a new one.
    /// </summary>
    private void DropSnapshot()
    {
        if (!_snapshotOnDisk)
        {
            return;
        }
        try
        {
            File.Delete(IndexSnapshot.PathFor(_store.Path));
            _snapshotOnDisk = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Tried again at the next write; the next open ignores a snapshot of another generation.
        }
    }

    private bool _snapshotOnDisk = true;

    private long _applied;

    /// <summary>Changes after each write is applied to the in-memory index (under the write lock): see <see cref="IMatchIndex.WriteGeneration"/>.</summary>
    public long? WriteGeneration => Interlocked.Read(ref _applied);

    private void Apply(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
            Interlocked.Increment(ref _applied);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    // ---------------------------------------------------------------- reads

    /// <summary>
    /// Documents read back recently, by id: every page of matches reads its offers back for their titles and places,
    /// and every request of a seeker their profile; the same offers top many seekers' pages, and a read from SQLite
    /// plus its JSON costs more than the match itself. A write of a document evicts it under the index's write lock,
    /// and a read fills the cache under the read lock, so the cache never keeps a version older than the one the
    /// index matches (nor a deleted or erased one).
    /// </summary>
    private readonly DocumentCache<OfferDocument> _offers = new(DocumentCacheCapacity);

    private readonly DocumentCache<ProfileDocument> _profiles = new(DocumentCacheCapacity);

    /// <summary>Documents of each kind kept in memory once read (a few KB each); when full, a cache starts again empty.</summary>
    public const int DocumentCacheCapacity = 10_000;

    public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_offers.TryGet(id, out var cached) ? cached : Read(() => _offers.Keep(id, _store.GetOffer(id))));
    }

    public Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        return Task.FromResult(_store.OfferIdsOwnedBy(ownerId));
    }

    public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_profiles.TryGet(id, out var cached) ? cached : Read(() => _profiles.Keep(id, _store.GetProfile(id))));
    }

    public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default)
    {
        _validation.CheckProfileProbe(profile, options);
        var row = _compiler.CompileProfileProbe(profile);
        var excluded = options.ExcludedOccupationUris is { Count: > 0 } uris
            ? uris.Select(_taxonomy.OccupationByUri).OfType<Occupation>().Select(o => o.Id).ToHashSet()
            : null;
        return Task.FromResult(Read(() => _index.MatchOffers(row, options, excluded)));
    }

    public Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default)
    {
        _validation.CheckOfferProbe(offer, options);
        var row = _compiler.CompileOfferProbe(offer);
        return Task.FromResult(Read(() => _index.MatchProfiles(row, options)));
    }

    /// <summary>
    /// Must-have skills are essential demanded skills with the hard filter, nice-to-have ones optional
    /// demanded skills: the candidate is scored as a profile against that offer, and only consenting
    /// (searchable) profiles are found. The radius is the query's when set, else each profile's own;
    /// contracts and minimum experience are hard filters (a seeker without contract wishes fits any).
    /// </summary>
    public Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default)
    {
        _validation.CheckCandidateQuery(query);
        var skills = new Dictionary<int, int>();
        foreach (var uri in query.NiceToHave ?? [])
        {
            skills[_compiler.SkillId(uri)] = Packed.Optional;
        }
        foreach (var uri in query.MustHave ?? [])
        {
            skills[_compiler.SkillId(uri)] = Packed.MustHave;
        }
        var (lat, lon) = query.Place is { } place ? (place.Latitude, place.Longitude) : (double.NaN, double.NaN);
        var packed = skills.Select(kv => kv.Key | kv.Value).Order().ToArray();
        var probe = new OfferRow("query", packed, lat, lon, null, ContractType.Unspecified, ExperienceRequirement.BeginnerAccepted, double.NaN, -1);
        return Task.FromResult(Read(() => _index.SearchCandidates(query, probe)));
    }

    public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default)
    {
        _validation.CheckSupplyDemand(query);
        var skill = string.IsNullOrWhiteSpace(query.SkillUri) ? -1 : _compiler.SkillId(query.SkillUri);
        var occupation = skill >= 0 ? -1 : _taxonomy.OccupationByUri(query.OccupationUri!)!.Id;
        var radius = query.RadiusKm ?? DefaultSupplyDemandRadiusKm;

        var (counts, codes) = Read(() =>
        {
            var c = _index.SupplyDemand(skill, occupation, query.Place, radius);
            return (c, c.Keys.ToDictionary(a => a, a => a < 0 ? null : _index.AreaCode(a)));
        });
        var areas = counts
            .Select(kv => codes[kv.Key] is { } code
                ? new SupplyDemandArea(code, _areaName(code), kv.Value.Offers, kv.Value.Profiles)
                : new SupplyDemandArea("unknown", null, kv.Value.Offers, kv.Value.Profiles))
            .OrderByDescending(a => a.Offers + a.Profiles)
            .ThenBy(a => a.AreaCode, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new SupplyDemandResult(areas.Sum(a => a.Offers), areas.Sum(a => a.Profiles), areas));
    }

    /// <summary>Up to <paramref name="limit"/> offers with an id after <paramref name="afterId"/> (ordinal), in id order: a resumable scan (reindex).</summary>
    public IReadOnlyList<OfferDocument> ReadOffersAfter(string? afterId, int limit) => _store.ReadOffersAfter(afterId, limit);

    /// <summary>Up to <paramref name="limit"/> profiles with an id after <paramref name="afterId"/> (ordinal), in id order.</summary>
    public IReadOnlyList<ProfileDocument> ReadProfilesAfter(string? afterId, int limit) => _store.ReadProfilesAfter(afterId, limit);

    public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => new IndexCounts(_index.Offers.LiveCount, _index.Profiles.LiveCount)));

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes the snapshot of the in-memory index (see <see cref="IndexSnapshot"/>) so that the next
    /// open reads it instead of rebuilding from the store, then closes the store. A snapshot that cannot
    /// be written is skipped: the next open rebuilds.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _writeGate.Wait();
        try
        {
            WriteSnapshot();
        }
        finally
        {
            _store.Dispose();
            _writeGate.Release();
            _lock.Dispose();
            _writeGate.Dispose();
        }
    }

    private void WriteSnapshot()
    {
        var path = IndexSnapshot.PathFor(_store.Path);
        if (_store.Generation == _snapshotGeneration)
        {
            return;
        }
        try
        {
            if (_index.Offers.SortedCount != _index.Offers.HighWater || _index.Offers.DeadCount > 0
                || _index.Profiles.SortedCount != _index.Profiles.HighWater || _index.Profiles.DeadCount > 0)
            {
                var offers = _index.RebuildOffers();
                var profiles = _index.RebuildProfiles();
                Apply(() => _index.Replace(offers, profiles));
            }
            IndexSnapshot.Write(path, _index, _store.StoreId, _store.Generation, _fingerprint);
            _snapshotOnDisk = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(path + ".tmp");
            }
            catch (IOException)
            {
                // Left for the next write to overwrite.
            }
        }
    }

    private int _disposed;
}
