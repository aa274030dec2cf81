using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Elasticsearch.Tests;

/// <summary>The copy of the embedded store into another index: complete, resumable, and per-item refusals handled.</summary>
public sealed class ReindexTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly EmbeddedMatchIndex _source;

    public ReindexTests()
    {
        _source = Open("source.db");
    }

    public void Dispose()
    {
        _source.Dispose();
        _temp.Dispose();
    }

    private EmbeddedMatchIndex Open(string name) =>
        EmbeddedMatchIndex.Open(Path.Combine(_temp.Path, name), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);

    private async Task FillAsync(int offers, int profiles)
    {
        await _source.UpsertOffersAsync([.. Enumerable.Range(0, offers).Select(i => TestKit.Offer($"o{i:000}", [TestKit.Skill(100 + i)], place: TestKit.Paris))]);
        await _source.UpsertProfilesAsync([.. Enumerable.Range(0, profiles).Select(i => TestKit.Profile($"p{i:000}", [TestKit.Skill(100 + i)]))]);
    }

    [Fact]
    public async Task AStoppedCopyResumesWhereItStoppedAndWritesEachDocumentOnce()
    {
        await FillAsync(25, 10);
        using var inner = Open("target.db");
        var target = new RecordingIndex(inner);
        var checkpoint = Path.Combine(_temp.Path, "cache", "reindex.json");
        using var stop = new CancellationTokenSource();
        var batches = 0;
        var first = new Reindex(_source, target, checkpoint, batchSize: 4);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(new Progress(_ =>
        {
            if (++batches == 3)
            {
                stop.Cancel();
            }
        }), stop.Token));
        Assert.True(File.Exists(checkpoint));
        Assert.Equal(12, first.Load().OffersCopied);

        var done = await new Reindex(_source, target, checkpoint, batchSize: 4).RunAsync();

        Assert.Equal((25L, 10L, 0L), (done.OffersCopied, done.ProfilesCopied, done.Refused));
        Assert.Equal(new IndexCounts(25, 10), await inner.CountAsync());
        Assert.All(target.Writes.GroupBy(id => id), g => Assert.Single(g));
        Assert.False(File.Exists(checkpoint));
        Assert.Equal(await _source.GetOfferAsync("o007"), await inner.GetOfferAsync("o007"), new OfferEquality());
    }

    [Fact]
    public async Task TransientRefusalsAreSentAgainAndOthersAreCountedAndListed()
    {
        await FillAsync(6, 0);
        using var inner = Open("target.db");
        var target = new RecordingIndex(inner)
        {
            Refuse = (id, attempt) => id switch
            {
                "o001" when attempt == 0 => new BulkItemError(id, 429, "es_rejected_execution_exception", "queue full"),
                "o004" => new BulkItemError(id, 400, "document_parsing_exception", "bad geo_point"),
                _ => null,
            },
        };
        var reindex = new Reindex(_source, target, Path.Combine(_temp.Path, "reindex.json"), batchSize: 10) { Delay = (_, _) => Task.CompletedTask };

        var done = await reindex.RunAsync();

        Assert.Equal((5L, 1L), (done.OffersCopied, done.Refused));
        Assert.NotNull(await inner.GetOfferAsync("o001"));
        Assert.Null(await inner.GetOfferAsync("o004"));
        Assert.Contains(reindex.RefusedItems, r => r.StartsWith("o004: document_parsing_exception", StringComparison.Ordinal));
    }

    private sealed class Progress(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }

    private sealed class OfferEquality : IEqualityComparer<OfferDocument?>
    {
        public bool Equals(OfferDocument? x, OfferDocument? y) => x is not null && y is not null && x.Id == y.Id && x.Skills.SequenceEqual(y.Skills) && x.Place == y.Place;

        public int GetHashCode(OfferDocument? obj) => 0;
    }

    /// <summary>An index that records the ids written and can refuse items as a cluster would.</summary>
    private sealed class RecordingIndex(EmbeddedMatchIndex inner) : IMatchIndex
    {
        private readonly Dictionary<string, int> _attempts = [];

        public List<string> Writes { get; } = [];

        public Func<string, int, BulkItemError?> Refuse { get; init; } = (_, _) => null;

        public async Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default)
        {
            var refused = new List<BulkItemError>();
            var kept = new List<OfferDocument>();
            foreach (var offer in offers)
            {
                var attempt = _attempts[offer.Id] = _attempts.GetValueOrDefault(offer.Id, -1) + 1;
                if (Refuse(offer.Id, attempt) is { } error)
                {
                    refused.Add(error);
                }
                else
                {
                    kept.Add(offer);
                    Writes.Add(offer.Id);
                }
            }
            var result = await inner.UpsertOffersAsync(kept, cancellationToken);
            return result with { Failed = refused };
        }

        public Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default)
        {
            Writes.AddRange(profiles.Select(p => p.Id));
            return inner.UpsertProfilesAsync(profiles, cancellationToken);
        }

        public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => inner.DeleteOffersAsync(ids, cancellationToken);
        public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => inner.DeleteProfilesAsync(ids, cancellationToken);
        public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default) => inner.GetOfferAsync(id, cancellationToken);
        public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default) => inner.GetProfileAsync(id, cancellationToken);
        public Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default) => inner.OfferIdsOwnedByAsync(ownerId, cancellationToken);
        public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default) => inner.MatchOffersAsync(profile, options, cancellationToken);
        public Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default) => inner.MatchProfilesAsync(offer, options, cancellationToken);
        public Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default) => inner.SearchCandidatesAsync(query, cancellationToken);
        public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default) => inner.SupplyDemandAsync(query, cancellationToken);
        public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
