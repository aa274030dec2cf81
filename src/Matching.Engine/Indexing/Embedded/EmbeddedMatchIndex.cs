using System.ComponentModel.DataAnnotations;
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

    private EmbeddedMatchIndex(DocumentStore store, InMemoryIndex index, SkillsTaxonomy taxonomy, Func<string, string?> areaName)
    {
        _store = store;
        _index = index;
        _taxonomy = taxonomy;
        _areaName = areaName;
        _compiler = new DocumentCompiler(taxonomy);
        _validation = new IndexValidation(taxonomy);
    }

    /// <summary>The skill graph the index scores with.</summary>
    public SkillGraph Graph => _index.Graph;

    /// <summary>
    /// Opens (or creates) the store at <paramref name="storePath"/> and loads every document's
    /// matching projection into memory.
    /// </summary>
    /// <param name="areaOfCommune">Employment area (bassin) code of an INSEE commune code, null when unknown.</param>
    /// <param name="areaName">Name of an employment area code, for supply/demand results.</param>
    public static EmbeddedMatchIndex Open(string storePath, SkillsTaxonomy taxonomy, Func<string, string?> areaOfCommune, Func<string, string?> areaName) =>
        Open(storePath, taxonomy, new SkillGraph(taxonomy), areaOfCommune, areaName);

    /// <inheritdoc cref="Open(string, SkillsTaxonomy, Func{string, string?}, Func{string, string?})"/>
    public static EmbeddedMatchIndex Open(string storePath, SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        CheckArguments(taxonomy, graph, areaOfCommune, areaName);
        return Load(DocumentStore.Open(storePath, taxonomy), taxonomy, graph, areaOfCommune, areaName);
    }

    /// <summary>
    /// Opens the index in Coach's SQLite file, through the connection factory the other stores share
    /// (the factory stays open when the index is disposed).
    /// </summary>
    /// <inheritdoc cref="Open(string, SkillsTaxonomy, Func{string, string?}, Func{string, string?})"/>
    public static EmbeddedMatchIndex Open(SqliteConnectionFactory database, SkillsTaxonomy taxonomy, Func<string, string?> areaOfCommune, Func<string, string?> areaName)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var graph = new SkillGraph(taxonomy);
        CheckArguments(taxonomy, graph, areaOfCommune, areaName);
        return Load(DocumentStore.Open(database, ownsDatabase: false, taxonomy), taxonomy, graph, areaOfCommune, areaName);
    }

    private static void CheckArguments(SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(areaOfCommune);
        ArgumentNullException.ThrowIfNull(areaName);
    }

    private static EmbeddedMatchIndex Load(DocumentStore store, SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, Func<string, string?> areaName)
    {
        try
        {
            var index = new InMemoryIndex(taxonomy, graph, areaOfCommune);
            foreach (var row in store.ReadOfferRows())
            {
                index.Add(row);
            }
            foreach (var row in store.ReadProfileRows())
            {
                index.Add(row);
            }
            return new EmbeddedMatchIndex(store, index, taxonomy, areaName);
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
            Apply(() =>
            {
                foreach (var row in rows)
                {
                    _index.Add(row);
                }
                _index.Offers.CompactIfNeeded();
            });
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
            Apply(() =>
            {
                foreach (var row in rows)
                {
                    _index.Add(row);
                }
                _index.Profiles.CompactIfNeeded();
            });
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(ids, _store.DeleteOffers, _index.Offers, cancellationToken);

    public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(ids, _store.DeleteProfiles, _index.Profiles, cancellationToken);

    private async Task<int> DeleteAsync(IReadOnlyList<string> ids, Func<IReadOnlyList<string>, int> deleteFromStore, DocumentTable table, CancellationToken cancellationToken)
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
            Apply(() =>
            {
                foreach (var id in ids)
                {
                    table.Remove(id);
                }
                table.CompactIfNeeded();
            });
            return deleted;
        }
        finally
        {
            _writeGate.Release();
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

    private void Apply(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
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

    public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_store.GetOffer(id));
    }

    public Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        return Task.FromResult(_store.OfferIdsOwnedBy(ownerId));
    }

    public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_store.GetProfile(id));
    }

    public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default)
    {
        _validation.CheckProfileProbe(profile, options);
        var row = _compiler.CompileProfileProbe(profile);
        return Task.FromResult(Read(() => _index.MatchOffers(row, options)));
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

    public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => new IndexCounts(_index.Offers.LiveCount, _index.Profiles.LiveCount)));

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _store.Dispose();
        _lock.Dispose();
        _writeGate.Dispose();
    }

    private int _disposed;
}
