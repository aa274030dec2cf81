using System.Diagnostics;
using Matching.Engine.Coaching;
using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Ingest;
using Matching.Engine.Reviews;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Hosting;

/// <summary>What the API works with once started: the reference data, the index, the stores and the document builders.</summary>
public sealed class MatchingRuntime
{
    public MatchingRuntime(ReferenceData data, IMatchIndex index, SeekerStore seekers, ReviewStore reviews)
    {
        Data = data;
        Index = index;
        Seekers = seekers;
        Reviews = reviews;
        Offers = new(data.Taxonomy, PlaceResolvers.From(data.Geography), () => data.OccupationClassifier.Value);
        Profiles = new(data.Taxonomy, PlaceResolvers.From(data.Geography));
        Coach = new SeekerCoach(this);
    }

    public ReferenceData Data { get; }

    public IMatchIndex Index { get; }

    /// <summary>The seekers' full questionnaires.</summary>
    public SeekerStore Seekers { get; }

    /// <summary>Advisers' reviews and the review queue.</summary>
    public ReviewStore Reviews { get; }

    /// <summary>The coaching pipeline (diagnosis, advice, gap, close jobs, matches).</summary>
    public SeekerCoach Coach { get; }

    public OfferDocumentBuilder Offers { get; }

    public ProfileDocumentBuilder Profiles { get; }
}

/// <summary>
/// Opens the match index once the reference data is loaded, and on first start with an empty
/// store seeds it with a generated corpus so a newcomer sees matches at once.
/// </summary>
public sealed class MatchingRuntimeProvider(
    ReferenceDataProvider referenceData,
    SeekerStore seekers,
    ReviewStore reviews,
    IOptions<MatchingEngineOptions> options,
    ILogger<MatchingRuntimeProvider> logger) : IHostedService, IDisposable
{
    private const int SeedBatch = 2_000;

    private readonly TaskCompletionSource<MatchingRuntime> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private EmbeddedMatchIndex? _index;
    private int _disposed;

    public Task<MatchingRuntime> Ready => _ready.Task;

    public MatchingRuntime? Current => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    /// <summary>Null while seeding runs or when nothing was seeded; the seeding's outcome otherwise.</summary>
    public string? SeedStatus { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(OpenAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OpenAsync()
    {
        try
        {
            var data = await referenceData.Loaded;
            var storePath = referenceData.ContentPath(options.Value.StorePath);
            var watch = Stopwatch.StartNew();
            _index = EmbeddedMatchIndex.Open(
                storePath,
                data.Taxonomy,
                commune => data.Geography.EmploymentAreaOf(commune)?.Code,
                area => data.Geography.EmploymentArea(area)?.Name);
            var counts = await _index.CountAsync();
            logger.LogInformation("Match index opened from {StorePath} in {Seconds:F1} s: {Offers} offers, {Profiles} profiles",
                storePath, watch.Elapsed.TotalSeconds, counts.Offers, counts.Profiles);
            var runtime = new MatchingRuntime(data, _index, seekers, reviews);
            _ready.TrySetResult(runtime);

            if (counts.Offers == 0 && counts.Profiles == 0 && (options.Value.SeedOffers > 0 || options.Value.SeedProfiles > 0))
            {
                await SeedAsync(runtime, _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The match index could not be opened");
            _ready.TrySetException(e);
        }
    }

    private async Task SeedAsync(MatchingRuntime runtime, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var watch = Stopwatch.StartNew();
        var generator = new CorpusGenerator(runtime.Data.Taxonomy, CorpusSources.From(runtime.Data.Geography, runtime.Data.Market.OfferCounts), o.SeedRandom);
        foreach (var batch in generator.Offers(o.SeedOffers).Chunk(SeedBatch))
        {
            await runtime.Index.UpsertOffersAsync(batch, cancellationToken);
        }
        foreach (var batch in generator.Profiles(o.SeedProfiles).Chunk(SeedBatch))
        {
            await runtime.Index.UpsertProfilesAsync(batch, cancellationToken);
        }
        SeedStatus = $"seeded {o.SeedOffers} offers and {o.SeedProfiles} profiles (seed {o.SeedRandom}) in {watch.Elapsed.TotalSeconds:F1} s";
        logger.LogInformation("First start: {Status}", SeedStatus);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _stopping.Cancel();
        }
        return Task.CompletedTask;
    }

    // The container disposes this instance twice (as itself and as the hosted service it also is).
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopping.Cancel();
        _stopping.Dispose();
        _index?.Dispose();
    }
}
