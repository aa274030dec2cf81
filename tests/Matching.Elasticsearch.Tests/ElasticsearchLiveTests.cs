using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Elasticsearch.Tests;

/// <summary>A test that needs a real cluster: runs when <c>ELASTICSEARCH_URL</c> is set (README: a docker run of Elasticsearch 9).</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
        {
            Skip = "ELASTICSEARCH_URL is not set (no Elasticsearch server here).";
        }
    }
}

/// <summary>
/// On a live cluster, the same corpus in the embedded index and in Elasticsearch gives the same pages, totals,
/// facets and supply/demand. Each run uses its own index prefix and deletes it.
/// </summary>
public sealed class ElasticsearchLiveTests : IAsyncLifetime
{
    private readonly string _prefix = "coach-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempFolder _temp = new();
    private ElasticsearchMatchIndex _es = null!;
    private EmbeddedMatchIndex _embedded = null!;

    public static Uri Url => new(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")!.Split(',')[0]);

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
        {
            return;
        }
        _es = TestKit.Start(Url, o =>
        {
            o.ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY");
            o.NumberOfReplicas = 0;
            o.ChunkSize = 50;
            o.RequestTimeoutSeconds = 60;
        }, _prefix);
        Assert.True(await _es.WaitUntilOpenAsync(TimeSpan.FromSeconds(60)), _es.Health.Detail);
        _embedded = EmbeddedMatchIndex.Open(Path.Combine(_temp.Path, "coach.db"), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);
    }

    public async Task DisposeAsync()
    {
        if (_es is null)
        {
            _temp.Dispose();
            return;
        }
        var client = ElasticsearchMatchIndex.CreateClient(new ElasticsearchIndexOptions { Url = Url.ToString(), ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY") });
        await client.Indices.DeleteAsync(Elastic.Clients.Elasticsearch.Indices.Parse($"{_prefix}-*"));
        await client.Indices.DeleteIndexTemplateAsync(Elastic.Clients.Elasticsearch.Names.Parse($"{_prefix}-*"));
        await _es.DisposeAsync();
        _embedded.Dispose();
        _temp.Dispose();
    }

    /// <summary>A seeded corpus over a small neighbourhood of linked skills, so pairs meet in every way (exact, narrower, related...).</summary>
    private static (List<OfferDocument> Offers, List<ProfileDocument> Profiles) Corpus(int offers, int profiles, int seed)
    {
        var random = new Random(seed);
        var (demanded, _) = TestKit.PairOfKind(SkillMatchKind.Related);
        var pool = new List<Skill>();
        var edges = TestKit.Graph.MeetersOf(demanded.Id);
        for (var i = 0; i < edges.Length; i++)
        {
            pool.Add(TestKit.Taxonomy.Skills[edges.Skills[i]]);
        }
        for (var id = 500; pool.Count < 30; id += 97)
        {
            pool.Add(TestKit.Taxonomy.Skills[id]);
        }
        Place[] places = [TestKit.Paris, TestKit.Versailles, TestKit.Lyon];
        Place? PlaceOf() => random.Next(5) == 0 ? null : places[random.Next(places.Length)] with { Latitude = places[0].Latitude + random.NextDouble() * 0.5 - 0.25 };
        var contracts = Enum.GetValues<ContractType>();
        var o = Enumerable.Range(0, offers).Select(i => new OfferDocument
        {
            Id = $"o{i:0000}",
            Title = $"Offer {i}",
            Skills = [.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => new DemandedSkill(pool[random.Next(pool.Count)].Uri,
                random.Next(3) == 0 ? SkillImportance.Optional : SkillImportance.Essential, MustHave: random.Next(8) == 0))],
            Place = PlaceOf(),
            Contract = contracts[random.Next(contracts.Length)],
            Experience = (ExperienceRequirement)random.Next(3),
            ExperienceYears = random.Next(3) == 0 ? random.Next(0, 6) : null,
            OwnerId = random.Next(4) == 0 ? "recruiter-" + random.Next(3) : null,
        }).ToList();
        var p = Enumerable.Range(0, profiles).Select(i => new ProfileDocument
        {
            Id = $"p{i:0000}",
            Skills = [.. Enumerable.Range(0, random.Next(1, 10)).Select(_ => new OfferedSkill(pool[random.Next(pool.Count)].Uri))],
            Place = PlaceOf(),
            RadiusKm = random.Next(4) switch { 0 => 10, 1 => 30, 2 => 50, _ => 500 },
            ExperienceYears = random.Next(0, 8) / 2.0,
            ContractWishes = random.Next(3) == 0 ? [] : [contracts[random.Next(contracts.Length)]],
            Searchable = random.Next(4) != 0,
        }).ToList();
        return (o, p);
    }

    private async Task LoadAsync(int offers = 300, int profiles = 200, int seed = 7)
    {
        var (o, p) = Corpus(offers, profiles, seed);
        await _embedded.UpsertOffersAsync(o);
        await _embedded.UpsertProfilesAsync(p);
        var a = await _es.UpsertOffersAsync(o);
        var b = await _es.UpsertProfilesAsync(p);
        Assert.Empty(a.Failed ?? []);
        Assert.Empty(b.Failed ?? []);
    }

    private static void AssertSamePage(MatchPage expected, MatchPage actual)
    {
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(expected.Hits.Select(h => h.Explanation.Parts), actual.Hits.Select(h => h.Explanation.Parts));
        Assert.Equal(expected.NextCursor, actual.NextCursor);
    }

    [LiveFact]
    public async Task BothIndicesGiveTheSameOffersForEveryProfileAndEveryPage()
    {
        await LoadAsync();
        var (_, profiles) = Corpus(300, 200, 7);
        foreach (var profile in profiles.Take(40))
        {
            foreach (var allowRelated in new[] { true, false })
            {
                var options = new MatchOptions(Size: 7, AllowRelated: allowRelated);
                var expected = await _embedded.MatchOffersAsync(profile, options);
                var actual = await _es.MatchOffersAsync(profile, options);
                AssertSamePage(expected, actual);
                if (expected.NextCursor is { } cursor)
                {
                    AssertSamePage(await _embedded.MatchOffersAsync(profile, options with { Cursor = cursor }), await _es.MatchOffersAsync(profile, options with { Cursor = cursor }));
                }
            }
        }
    }

    [LiveFact]
    public async Task BothIndicesGiveTheSameProfilesForEveryOffer()
    {
        await LoadAsync();
        var (offers, _) = Corpus(300, 200, 7);
        foreach (var offer in offers.Take(40))
        {
            foreach (var options in new[] { new MatchOptions(Size: 5, SearchableOnly: true), new MatchOptions(Size: 5, RadiusKm: 20) })
            {
                AssertSamePage(await _embedded.MatchProfilesAsync(offer, options), await _es.MatchProfilesAsync(offer, options));
            }
        }
    }

    [LiveFact]
    public async Task CandidateSearchGivesTheSameHitsAndFacets()
    {
        await LoadAsync();
        var (offers, _) = Corpus(300, 200, 7);
        foreach (var offer in offers.Take(20))
        {
            var query = new CandidateQuery([.. offer.Skills.Where(s => s.MustHave).Select(s => s.SkillUri)], [.. offer.Skills.Select(s => s.SkillUri)],
                Place: offer.Place, RadiusKm: offer.Place is null ? null : 40, Contracts: [ContractType.Permanent, ContractType.FixedTerm], MinExperienceYears: 1, Size: 10);
            var expected = await _embedded.SearchCandidatesAsync(query);
            var actual = await _es.SearchCandidatesAsync(query);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Facets.DistanceBands, actual.Facets.DistanceBands);
            Assert.Equal(expected.Facets.Contracts, actual.Facets.Contracts);
            Assert.Equal(expected.Facets.Experience, actual.Facets.Experience);
        }
    }

    [LiveFact]
    public async Task SupplyDemandCountsAndWritesReadsDeletesAgree()
    {
        await LoadAsync();
        var (offers, profiles) = Corpus(300, 200, 7);
        var skill = offers[0].Skills[0].SkillUri;
        foreach (var query in new[] { new SupplyDemandQuery(skill, null), new SupplyDemandQuery(skill, null, TestKit.Paris, 40) })
        {
            var expected = await _embedded.SupplyDemandAsync(query);
            var actual = await _es.SupplyDemandAsync(query);
            Assert.Equal(expected.Areas, actual.Areas);
        }
        Assert.Equal(await _embedded.CountAsync(), await _es.CountAsync());
        Assert.Equal(await _embedded.OfferIdsOwnedByAsync("recruiter-1"), await _es.OfferIdsOwnedByAsync("recruiter-1"));
        Assert.Equal(offers[3], await _es.GetOfferAsync(offers[3].Id), new OfferComparer());
        Assert.Equal(2, await _es.DeleteProfilesAsync([profiles[0].Id, profiles[1].Id, "nobody"]));
        Assert.Null(await _es.GetProfileAsync(profiles[0].Id));
        var again = await _es.UpsertOffersAsync([offers[0]]);
        Assert.Equal((0, 1), (again.Created, again.Updated));
    }

    private sealed class OfferComparer : IEqualityComparer<OfferDocument?>
    {
        public bool Equals(OfferDocument? x, OfferDocument? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Skills.SequenceEqual(y.Skills) && x.Place == y.Place && x.Contract == y.Contract && x.OwnerId == y.OwnerId;

        public int GetHashCode(OfferDocument? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
