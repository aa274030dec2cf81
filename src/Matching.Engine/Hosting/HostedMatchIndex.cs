using System.Diagnostics;
using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Hosting;

/// <summary>
/// The <see cref="IMatchIndex"/> the container hands out. At start it opens the implementation that
/// <c>Coach:Index:Kind</c> names, once the reference data is loaded, and on first start with an empty
/// index seeds it with a generated corpus so a newcomer sees matches at once. Until the index is open
/// every call throws <see cref="IndexUnavailableException"/> (the host answers 503 with Retry-After).
/// </summary>
public sealed class HostedMatchIndex(
    IEnumerable<IMatchIndexFactory> factories,
    ReferenceDataProvider referenceData,
    IOptions<MatchIndexOptions> indexOptions,
    IOptions<MatchingEngineOptions> options,
    ILogger<HostedMatchIndex> logger) : IMatchIndex, IHostedService
{
    private const int SeedBatch = 2_000;

    /// <summary>What a caller waits before asking again while the index opens.</summary>
    public static readonly TimeSpan OpeningRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>What a caller waits when the index could not be opened (an operator must act).</summary>
    public static readonly TimeSpan FailedRetryAfter = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource<IMatchIndex> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _opening = Task.CompletedTask;
    private int _disposed;

    /// <summary>Completes when the index is open; faults when it could not be opened.</summary>
    public Task Ready => _ready.Task;

    /// <summary>True once the index is open and answers.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully && Volatile.Read(ref _disposed) == 0;

    /// <summary>The health of an index whose availability changes while Coach runs (Elasticsearch); null for the embedded one or before it opens.</summary>
    public IndexHealth? RemoteHealth => _ready.Task.IsCompletedSuccessfully && _ready.Task.Result is IIndexHealth remote ? remote.Health : null;

    /// <summary>True when opening failed: the index will not open without a restart.</summary>
    public bool HasFailed => _ready.Task.IsFaulted;

    /// <summary>Null while seeding runs or when nothing was seeded; the seeding's outcome otherwise.</summary>
    public string? SeedStatus { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _opening = Task.Run(OpenAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OpenAsync()
    {
        try
        {
            var data = await referenceData.Loaded.WaitAsync(_stopping.Token);
            var kind = indexOptions.Value.Kind;
            var factory = factories.First(f => string.Equals(f.Kind, kind, StringComparison.OrdinalIgnoreCase));
            var watch = Stopwatch.StartNew();
            var index = await factory.OpenAsync(data, _stopping.Token);
            if (Volatile.Read(ref _disposed) == 1)
            {
                // Stopped while opening: nobody will dispose it later.
                await index.DisposeAsync();
                return;
            }
            IndexCounts counts;
            try
            {
                counts = await index.CountAsync(_stopping.Token);
            }
            catch (IndexUnavailableException e)
            {
                // A remote index whose server is away: open all the same (it reports its health and retries by
                // itself, calls answer 503 meanwhile); it is never seeded, an operator fills it (coach reindex).
                logger.LogWarning("Match index ({Kind}) started but not reachable yet: {Reason}", factory.Kind, e.Message);
                _ready.TrySetResult(index);
                return;
            }
            logger.LogInformation("Match index ({Kind}) opened in {Seconds:F1} s: {Offers} offers, {Profiles} profiles",
                factory.Kind, watch.Elapsed.TotalSeconds, counts.Offers, counts.Profiles);
            _ready.TrySetResult(index);

            if (counts.Offers == 0 && counts.Profiles == 0 && (options.Value.SeedOffers > 0 || options.Value.SeedProfiles > 0))
            {
                await SeedAsync(index, data, _stopping.Token);
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Stopping: an unfinished seeding or opening is abandoned.
            _ready.TrySetCanceled();
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The match index could not be opened");
            _ready.TrySetException(e);
        }
    }

    private async Task SeedAsync(IMatchIndex index, ReferenceData data, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var watch = Stopwatch.StartNew();
        var generator = new CorpusGenerator(data.Taxonomy, CorpusSources.From(data.Geography, data.Market.OfferCounts), o.SeedRandom);
        foreach (var batch in generator.Offers(o.SeedOffers).Chunk(SeedBatch))
        {
            await index.UpsertOffersAsync(batch, cancellationToken);
        }
        foreach (var batch in generator.Profiles(o.SeedProfiles).Chunk(SeedBatch))
        {
            await index.UpsertProfilesAsync(batch, cancellationToken);
        }
        SeedStatus = $"seeded {o.SeedOffers} offers and {o.SeedProfiles} profiles (seed {o.SeedRandom}) in {watch.Elapsed.TotalSeconds:F1} s";
        logger.LogInformation("First start: {Status}", SeedStatus);
    }

    /// <summary>The open index, or why there is none.</summary>
    private IMatchIndex Open()
    {
        var task = _ready.Task;
        if (Volatile.Read(ref _disposed) == 1)
        {
            throw new IndexUnavailableException("Coach is shutting down.", OpeningRetryAfter);
        }
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }
        if (task.IsFaulted)
        {
            throw new IndexUnavailableException("The match index could not be opened; see the server log.", FailedRetryAfter, task.Exception!.GetBaseException());
        }
        throw new IndexUnavailableException(referenceData.IsReady
            ? "Coach is opening its match index; try again in a few seconds."
            : "Coach is still loading its reference data; try again in a few seconds.", OpeningRetryAfter);
    }

    public Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default) =>
        Open().UpsertOffersAsync(offers, cancellationToken);

    public Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default) =>
        Open().UpsertProfilesAsync(profiles, cancellationToken);

    public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        Open().DeleteOffersAsync(ids, cancellationToken);

    public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        Open().DeleteProfilesAsync(ids, cancellationToken);

    public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default) =>
        Open().GetOfferAsync(id, cancellationToken);

    /// <summary>The open index's generation; null while it is not open (nothing derived from it can be cached then).</summary>
    public long? WriteGeneration => _ready.Task.IsCompletedSuccessfully && Volatile.Read(ref _disposed) == 0 ? _ready.Task.Result.WriteGeneration : null;

    public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default) =>
        Open().GetProfileAsync(id, cancellationToken);

    public Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default) =>
        Open().OfferIdsOwnedByAsync(ownerId, cancellationToken);

    public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default) =>
        Open().MatchOffersAsync(profile, options, cancellationToken);

    public Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default) =>
        Open().MatchProfilesAsync(offer, options, cancellationToken);

    public Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default) =>
        Open().SearchCandidatesAsync(query, cancellationToken);

    public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default) =>
        Open().SupplyDemandAsync(query, cancellationToken);

    public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Open().CountAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _stopping.Cancel();
        }
        return Task.CompletedTask;
    }

    // The container may dispose this instance more than once (as itself, as IMatchIndex, as a hosted service).
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        // An open still running (it cannot be cancelled once the store is being read) disposes what it opened
        // itself; waiting for it keeps its snapshot write inside this disposal, not after the host is gone.
        await _opening;
        _stopping.Dispose();
        if (_ready.Task.IsCompletedSuccessfully)
        {
            await _ready.Task.Result.DisposeAsync();
        }
    }
}
