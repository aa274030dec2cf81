using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Elasticsearch.Tests;

/// <summary>
/// What the official client sends for each operation, checked against Elastic's OpenAPI documents, and how Coach
/// reads the answers, built in the specification's shapes; against a local listener standing in for the cluster.
/// </summary>
public sealed class ElasticsearchRequestTests : IAsyncLifetime
{
    private readonly FakeElasticsearch _es = new();
    private ElasticsearchMatchIndex? _index;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_index is not null)
        {
            await _index.DisposeAsync();
        }
        await _es.DisposeAsync();
    }

    private async Task<ElasticsearchMatchIndex> OpenAsync(Action<ElasticsearchIndexOptions>? configure = null)
    {
        _index = TestKit.Start(_es.Url, configure);
        Assert.True(await _index.WaitUntilOpenAsync(TimeSpan.FromSeconds(30)), _index.Health.Detail);
        return _index;
    }

    /// <summary>Every request recorded so far is valid for the specification (serverless, or 8.17 where serverless lacks the endpoint).</summary>
    private void AssertAllRequestsValid()
    {
        var errors = new List<string>();
        foreach (var request in _es.Requests)
        {
            var spec = OpenApiSpec.For(request.Method, request.Path);
            JsonNode? body = null;
            if (request.Path.EndsWith("/_bulk", StringComparison.Ordinal))
            {
                errors.AddRange(BulkErrors(request));
            }
            else
            {
                body = request.Json;
            }
            errors.AddRange(spec.ValidateRequest(request.Method, request.Path, request.Query, body).Select(e => $"{request} [{spec.Name}]: {e}"));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>A bulk body: action lines against the operation container, document lines within the strict mapping.</summary>
    private static IEnumerable<string> BulkErrors(RecordedRequest request)
    {
        var lines = request.Lines;
        var mapping = request.Path.Contains("profiles", StringComparison.Ordinal) ? IndexLayout.ProfileMappings() : IndexLayout.OfferMappings();
        var mapped = mapping.Properties!.Select(p => p.Key.Name).ToHashSet();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var e in OpenApiSpec.Serverless.ValidateSchema("_global.bulk.OperationContainer", lines[i]))
            {
                yield return $"{request} line {i + 1}: {e}";
            }
            if (lines[i]["index"] is not null)
            {
                i++;
                foreach (var key in lines[i]!.AsObject().Select(kv => kv.Key).Where(k => !mapped.Contains(k)))
                {
                    yield return $"{request} line {i + 1}: field '{key}' is not in the mapping (dynamic: strict would refuse it)";
                }
            }
        }
    }

    private static void AssertValidResponse(string method, string path, int status, JsonNode body)
    {
        var errors = OpenApiSpec.For(method, path).ValidateResponse(method, path, status, body);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task StartCreatesTemplatesIndicesAndAliasesWithBodiesTheSpecificationAccepts()
    {
        await OpenAsync();

        var requests = _es.Requests.Select(r => r.ToString()).ToList();
        Assert.Contains("PUT /_index_template/coach-offers", requests);
        Assert.Contains("PUT /_index_template/coach-profiles", requests);
        Assert.Contains("PUT /coach-offers-v3", requests);
        Assert.Contains("PUT /coach-profiles-v3", requests);
        var create = _es.Requests.Single(r => r.Method == "PUT" && r.Path == "/coach-offers-v3").Json!;
        Assert.Equal("geo_point", create["mappings"]!["properties"]!["location"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", create["mappings"]!["properties"]!["skill_ids"]!["type"]!.GetValue<string>());
        Assert.Equal("strict", create["mappings"]!["dynamic"]!.GetValue<string>());
        Assert.False(create["mappings"]!["properties"]!["doc"]!["enabled"]!.GetValue<bool>());
        var profiles = _es.Requests.Single(r => r.Method == "PUT" && r.Path == "/coach-profiles-v3").Json!;
        Assert.Equal("boolean", profiles["mappings"]!["properties"]!["consent"]!["type"]!.GetValue<string>());
        var alias = _es.Requests.First(r => r.Path == "/_aliases").Json!;
        Assert.Equal("coach-offers", alias["actions"]![0]!["add"]!["alias"]!.GetValue<string>());
        Assert.True(alias["actions"]![0]!["add"]!["is_write_index"]!.GetValue<bool>());
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task StartingAgainOnAnExistingLayoutChangesNothing()
    {
        _es.On("HEAD", "/coach-(offers|profiles)-v3", 200, "");
        _es.On("GET", "/_alias/coach-(offers|profiles)", r =>
        {
            var alias = r.Path.Split('/')[^1];
            return (200, new JsonObject { [alias + "-v3"] = new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } } } }.ToJsonString());
        });
        await OpenAsync();

        Assert.DoesNotContain(_es.Requests, r => r.Method == "PUT" && !r.Path.StartsWith("/_index_template", StringComparison.Ordinal));
        Assert.DoesNotContain(_es.Requests, r => r.Path == "/_aliases" || r.Path == "/_reindex");
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task AMappingChangeCopiesTheOldIndexThenSwitchesTheAliasInOneCall()
    {
        _es.On("GET", "/_alias/coach-offers", 200, """{"coach-offers-v1":{"aliases":{"coach-offers":{"is_write_index":true}}}}""");
        var reindexed = JsonNode.Parse("""{"took":120,"timed_out":false,"total":3,"updated":0,"created":3,"deleted":0,"batches":1,"version_conflicts":0,"noops":0,"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,"failures":[]}""")!;
        AssertValidResponse("POST", "/_reindex", 200, reindexed);
        _es.On("POST", "/_reindex", 200, reindexed.ToJsonString());
        await OpenAsync();

        var reindex = _es.Requests.Single(r => r.Path == "/_reindex").Json!;
        Assert.Equal("coach-offers-v1", reindex["source"]!["index"]!.ToString().Trim('[', ']', '"', ' ', '\n'));
        Assert.Equal("coach-offers-v3", reindex["dest"]!["index"]!.GetValue<string>());
        var switched = _es.Requests.First(r => r.Path == "/_aliases").Json!["actions"]!.AsArray();
        Assert.Equal(2, switched.Count);
        Assert.NotNull(switched[0]!["remove"]);
        Assert.Equal("coach-offers-v3", switched[1]!["add"]!["index"]!.GetValue<string>());
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task BulkUpsertSendsIndexActionsAndMapsEachItemsAnswer()
    {
        var index = await OpenAsync();
        var skill = TestKit.Skill(10);
        var answer = Answers.Bulk(
            Answers.BulkItem("index", "coach-offers-v3", "o1", 201, "created"),
            Answers.BulkItem("index", "coach-offers-v3", "o2", 200, "updated"),
            Answers.BulkItem("index", "coach-offers-v3", "o3", 400, null, "document_parsing_exception", "[1:120] failed to parse field [location] of type [geo_point]"),
            Answers.BulkItem("index", "coach-offers-v3", "o4", 429, null, "es_rejected_execution_exception", "rejected execution of coordinating operation"));
        AssertValidResponse("POST", "/coach-offers/_bulk", 200, answer);
        _es.On("POST", "/coach-offers/_bulk", 200, answer.ToJsonString());
        _es.ClearRequests();

        var result = await index.UpsertOffersAsync(
        [
            TestKit.Offer("o1", [skill], place: TestKit.Paris, owner: "recruiter-1"),
            TestKit.Offer("o2", [skill]),
            TestKit.Offer("o3", [skill]),
            TestKit.Offer("o4", [skill]),
        ]);

        Assert.Equal(1, result.Created);
        Assert.True(result.WasCreated("o1"));
        Assert.Equal(1, result.Updated);
        Assert.Equal(2, result.Failed!.Count);
        var parsing = result.FailureOf("o3")!;
        Assert.Equal((400, "document_parsing_exception"), (parsing.Status, parsing.Type));
        Assert.False(parsing.IsTransient);
        Assert.True(result.FailureOf("o4")!.IsTransient);

        var bulk = _es.Requests.Single(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        Assert.Equal("wait_for", bulk.Query["refresh"]);
        var lines = bulk.Lines;
        Assert.Equal(8, lines.Count);
        Assert.Equal("o1", lines[0]["index"]!["_id"]!.GetValue<string>());
        Assert.Equal(skill.Uri, lines[1]["skill_ids"]![0]!.GetValue<string>());
        Assert.Equal("recruiter-1", lines[1]["owner"]!.GetValue<string>());
        Assert.Equal(48.8566, lines[1]["location"]!["lat"]!.GetValue<double>());
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task DeleteSendsBulkDeletesAndCountsThoseThatExisted()
    {
        var index = await OpenAsync();
        var answer = Answers.Bulk(
            Answers.BulkItem("delete", "coach-profiles-v3", "p1", 200, "deleted"),
            Answers.BulkItem("delete", "coach-profiles-v3", "p2", 404, "not_found"));
        AssertValidResponse("POST", "/coach-profiles/_bulk", 200, answer);
        _es.On("POST", "/coach-profiles/_bulk", 200, answer.ToJsonString());
        _es.ClearRequests();

        Assert.Equal(1, await index.DeleteProfilesAsync(["p1", "p2"]));

        var lines = _es.Requests.Single().Lines;
        Assert.Equal(["p1", "p2"], lines.Select(l => l["delete"]!["_id"]!.GetValue<string>()));
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task ADeleteTheClusterRefusesFailsTheCall()
    {
        var index = await OpenAsync();
        _es.On("POST", "/coach-profiles/_bulk", 200, Answers.Bulk(
            Answers.BulkItem("delete", "coach-profiles-v3", "p1", 503, null, "unavailable_shards_exception", "primary shard is not active")).ToJsonString());

        var e = await Assert.ThrowsAsync<IndexUnavailableException>(() => index.DeleteProfilesAsync(["p1"]));
        Assert.Contains("p1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Offers all meeting the profile (none has a place): the set of candidates any index would consider.</summary>
    private static (ProfileDocument Profile, List<OfferDocument> Offers) MatchingCorpus()
    {
        var (demanded, via) = TestKit.PairOfKind(SkillMatchKind.Narrower);
        var own = TestKit.Skill(100);
        var other = TestKit.Skill(2000);
        var profile = TestKit.Profile("seeker", [own, via], experienceYears: 0.5, wishes: [ContractType.Permanent]);
        var offers = new List<OfferDocument>();
        for (var i = 0; i < 25; i++)
        {
            var essential = (i % 3) switch
            {
                0 => new[] { own },
                1 => [own, other],
                _ => [demanded],
            };
            offers.Add(TestKit.Offer($"o{i:00}", essential, optional: i % 2 == 0 ? [other] : null,
                contract: i % 4 == 0 ? ContractType.FixedTerm : ContractType.Permanent,
                experience: i % 5 == 0 ? ExperienceRequirement.Required : ExperienceRequirement.BeginnerAccepted));
        }
        return (profile, offers);
    }

    /// <summary>Serves the candidates as a cluster would: sorted by (score desc, shard doc asc), chunked by search_after.</summary>
    private void ServeCandidates(string alias, List<(double Score, object Doc, string Id)> candidates)
    {
        var sorted = candidates.Select((c, i) => (c.Score, c.Doc, c.Id, ShardDoc: (long)i)).OrderByDescending(c => c.Score).ThenBy(c => c.ShardDoc).ToList();
        _es.On("POST", "/_search", r =>
        {
            var body = r.Json!;
            var size = body["size"]!.GetValue<int>();
            var after = body["search_after"]?.AsArray();
            var start = 0;
            if (after is not null)
            {
                var (score, shard) = (after[0]!.GetValue<double>(), after[1]!.GetValue<long>());
                start = sorted.FindIndex(c => c.Score < score || (c.Score == score && c.ShardDoc > shard));
                start = start < 0 ? sorted.Count : start;
            }
            var hits = sorted.Skip(start).Take(size).Select(c => Answers.Hit(alias + "-v3", c.Id, c.Score, c.Doc, c.ShardDoc));
            // track_total_hits: true counts every hit; a number counts up to it (past it: the number, relation "gte"), as a cluster does.
            var track = body["track_total_hits"];
            var upTo = track is null ? (long?)null : track.GetValueKind() == System.Text.Json.JsonValueKind.Number ? track.GetValue<long>()
                : track.GetValue<bool>() ? long.MaxValue : null;
            var answer = upTo is { } cap
                ? Answers.Search(hits, Math.Min(sorted.Count, cap), relation: sorted.Count > cap ? "gte" : "eq")
                : Answers.Search(hits);
            return (200, answer.ToJsonString());
        });
    }

    [Fact]
    public async Task MatchingWalksCandidatesOverAPointInTimeAndRanksThemAsTheEmbeddedIndex()
    {
        var (profile, offers) = MatchingCorpus();
        using var temp = new TempFolder();
        using var embedded = EmbeddedMatchIndex.Open(Path.Combine(temp.Path, "coach.db"), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);
        await embedded.UpsertOffersAsync(offers);
        var index = await OpenAsync(o => o.ChunkSize = 10);
        // A bound of 1 for everyone: the walk must read every candidate (3 chunks) to be sure of the page.
        ServeCandidates("coach-offers", [.. offers.Select(o => (1.0, (object)o, o.Id))]);
        _es.ClearRequests();

        var expected = await embedded.MatchOffersAsync(profile, new MatchOptions(Size: 5));
        var page = await index.MatchOffersAsync(profile, new MatchOptions(Size: 5));

        Assert.Equal(expected.Total, page.Total);
        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), page.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(expected.Hits.Select(h => h.Explanation.Parts), page.Hits.Select(h => h.Explanation.Parts));
        Assert.Equal(expected.Hits[0].Explanation.MatchedThroughRelated, page.Hits[0].Explanation.MatchedThroughRelated);
        var searches = _es.Requests.Where(r => r.Path == "/_search").ToList();
        Assert.Equal(3, searches.Count);
        Assert.Null(searches[0].Json!["search_after"]);
        Assert.NotNull(searches[1].Json!["search_after"]);
        Assert.Equal("cGl0LWlk", searches[1].Json!["pit"]!["id"]!.GetValue<string>());
        Assert.Single(_es.Requests, r => r.Method == "POST" && r.Path == "/coach-offers/_pit");
        Assert.Single(_es.Requests, r => r.Method == "DELETE" && r.Path == "/_pit");
        AssertAllRequestsValid();

        // The next page, by the cursor, is the embedded index's next page.
        var next = await index.MatchOffersAsync(profile, new MatchOptions(Size: 5, Cursor: page.NextCursor));
        var expectedNext = await embedded.MatchOffersAsync(profile, new MatchOptions(Size: 5, Cursor: expected.NextCursor));
        Assert.Equal(expectedNext.Hits.Select(h => (h.Id, h.Score)), next.Hits.Select(h => (h.Id, h.Score)));
    }

    [Fact]
    public async Task TheTotalIsCountedUpToTheCapAsTheEmbeddedIndexCountsIt()
    {
        var (profile, offers) = MatchingCorpus();
        using var temp = new TempFolder();
        using var embedded = EmbeddedMatchIndex.Open(Path.Combine(temp.Path, "coach.db"), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);
        await embedded.UpsertOffersAsync(offers);
        var index = await OpenAsync(o => o.ChunkSize = 10);
        ServeCandidates("coach-offers", [.. offers.Select(o => (1.0, (object)o, o.Id))]);
        var all = (await embedded.MatchOffersAsync(profile, new MatchOptions(Size: 5, TotalUpTo: null))).Total;
        Assert.True(all > 7, $"{all} matches: the corpus must pass the cap");

        foreach (var upTo in new int?[] { 7, null, MatchOptions.DefaultTotalUpTo })
        {
            _es.ClearRequests();
            var options = new MatchOptions(Size: 5, TotalUpTo: upTo);
            var expected = await embedded.MatchOffersAsync(profile, options);
            var page = await index.MatchOffersAsync(profile, options);

            Assert.Equal((expected.Total, expected.TotalIsLowerBound), (page.Total, page.TotalIsLowerBound));
            Assert.Equal(upTo == 7, page.TotalIsLowerBound);
            Assert.Equal(upTo == 7 ? 7 : all, page.Total);
            Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), page.Hits.Select(h => (h.Id, h.Score)));
            var searches = _es.Requests.Where(r => r.Path == "/_search").ToList();
            var track = searches[0].Json!["track_total_hits"]!;
            Assert.Equal(upTo is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "true", track.ToJsonString());
            // Later chunks do not count again.
            Assert.All(searches.Skip(1), s => Assert.Equal("false", s.Json!["track_total_hits"]!.ToJsonString()));
            AssertAllRequestsValid();
        }

        // With a score floor Elasticsearch counts the candidates whose bound passes it, more than match: never "more than the cap".
        _es.ClearRequests();
        var floored = await index.MatchOffersAsync(profile, new MatchOptions(Size: 5, TotalUpTo: 7, MinScore: 0.01));
        Assert.False(floored.TotalIsLowerBound);
        Assert.Equal("true", _es.Requests.First(r => r.Path == "/_search").Json!["track_total_hits"]!.ToJsonString());
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task ExcludedOccupationsAndTheScoreFloorAreFiltersInTheQueryAndThePageIsTheEmbeddedIndexs()
    {
        var (profile, corpus) = MatchingCorpus();
        var excludedUri = TestKit.Taxonomy.Occupations[0].Uri;
        var offers = corpus.Select((o, i) => i % 3 == 0 ? o with { OccupationUri = excludedUri } : o).ToList();
        using var temp = new TempFolder();
        using var embedded = EmbeddedMatchIndex.Open(Path.Combine(temp.Path, "coach.db"), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);
        await embedded.UpsertOffersAsync(offers);
        var all = await embedded.MatchOffersAsync(profile, new MatchOptions(Size: 100));
        var floor = all.Hits[all.Hits.Count / 2].Score;
        var options = new MatchOptions(Size: 5, ExcludedOccupationUris: [excludedUri], MinScore: floor);
        var expected = await embedded.MatchOffersAsync(profile, options);
        Assert.NotEmpty(expected.Hits);
        var index = await OpenAsync(o => o.ChunkSize = 10);
        // The stand-in cluster applies neither filter: the page must still be the embedded one.
        ServeCandidates("coach-offers", [.. offers.Select(o => (1.0, (object)o, o.Id))]);
        _es.ClearRequests();

        var page = await index.MatchOffersAsync(profile, options);

        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), page.Hits.Select(h => (h.Id, h.Score)));
        Assert.All(page.Hits, h => Assert.True(h.Score >= floor));
        Assert.DoesNotContain(page.Hits, h => offers.Single(o => o.Id == h.Id).OccupationUri == excludedUri);
        var search = _es.Requests.First(r => r.Path == "/_search").Json!;
        Assert.True(search["min_score"]!.GetValue<double>() <= floor);
        Assert.True(search["min_score"]!.GetValue<double>() > floor * 0.99);
        // One clause is written as an object, several as an array: either way the occupation is a must_not term.
        var query = search["query"]!.ToJsonString();
        var terms = "{\"terms\":{\"occupation\":[\"" + excludedUri + "\"]}}";
        Assert.True(query.Contains("\"must_not\":" + terms, StringComparison.Ordinal) || query.Contains("\"must_not\":[" + terms + "]", StringComparison.Ordinal), query);
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task AWalkStopsAsSoonAsTheBoundProvesThePageComplete()
    {
        var (profile, offers) = MatchingCorpus();
        using var temp = new TempFolder();
        using var embedded = EmbeddedMatchIndex.Open(Path.Combine(temp.Path, "coach.db"), TestKit.Taxonomy, TestKit.Graph, TestKit.AreaOfCommune, TestKit.AreaName);
        await embedded.UpsertOffersAsync(offers);
        var all = await embedded.MatchOffersAsync(profile, new MatchOptions(Size: 100));
        var index = await OpenAsync(o => o.ChunkSize = 10);
        // Tight bounds (each candidate's own total): after the first chunk no later candidate can enter a page of 5.
        var scores = all.Hits.ToDictionary(h => h.Id, h => h.Score);
        ServeCandidates("coach-offers", [.. offers.Select(o => (scores[o.Id], (object)o, o.Id))]);
        _es.ClearRequests();

        var page = await index.MatchOffersAsync(profile, new MatchOptions(Size: 5));

        Assert.Equal(all.Hits.Take(5).Select(h => (h.Id, h.Score)), page.Hits.Select(h => (h.Id, h.Score)));
        Assert.NotNull(page.NextCursor);
        Assert.Single(_es.Requests, r => r.Path == "/_search");
    }

    [Fact]
    public async Task MatchingAroundAPlaceSendsTheRadiusFilterTheDistanceDecayAndEachProfilesOwnRadius()
    {
        var index = await OpenAsync();
        var skill = TestKit.Skill(100);
        _es.On("POST", "/_search", 200, Answers.Search([], total: 0).ToJsonString());
        _es.ClearRequests();

        await index.MatchOffersAsync(TestKit.Profile("p", [skill], place: TestKit.Paris, radiusKm: 25, experienceYears: 0, wishes: [ContractType.Permanent]), new MatchOptions());
        await index.MatchProfilesAsync(TestKit.Offer("o", [skill], place: TestKit.Lyon, contract: ContractType.FixedTerm, experience: ExperienceRequirement.Required), new MatchOptions(SearchableOnly: true));

        var searches = _es.Requests.Where(r => r.Path == "/_search").Select(r => r.Json!["query"]!.ToJsonString()).ToList();
        Assert.Equal(2, searches.Count);
        // Offers for a profile: the linear decay to 0.7 at 25 km, the geo_distance filter, the contract and experience penalties.
        Assert.Contains("\"linear\"", searches[0], StringComparison.Ordinal);
        Assert.Contains("\"25km\"", searches[0], StringComparison.Ordinal);
        Assert.Contains("\"decay\":0.7", searches[0], StringComparison.Ordinal);
        Assert.Contains("\"boosting\"", searches[0], StringComparison.Ordinal);
        Assert.Contains("\"terms_set\"", searches[0], StringComparison.Ordinal);
        // Profiles for an offer: each profile's own radius, consent.
        Assert.Contains("arcDistance", searches[1], StringComparison.Ordinal);
        Assert.Contains("\"consent\"", searches[1], StringComparison.Ordinal);
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task AnOfferGivenByADepartementIsWithinTheRadiusOfTheSeekersWhoseCircleReachesIt()
    {
        var index = await OpenAsync();
        var skill = TestKit.Skill(100);
        _es.On("POST", "/coach-(offers|profiles)/_bulk", 200, Answers.Bulk(Answers.BulkItem("index", "coach-offers-v3", "x", 201, "created")).ToJsonString());
        _es.On("POST", "/_search", 200, Answers.Search([], total: 0).ToJsonString());
        _es.ClearRequests();
        var hauteSavoie = TestKit.Offer("186HS", [skill]) with { PlaceArea = new PlaceArea(PlaceScope.Departement, "74 - Haute-Savoie", "74") };
        var france = TestKit.Offer("186FR", [skill]) with { PlaceArea = new PlaceArea(PlaceScope.Country, "France") };

        await index.UpsertOffersAsync([hauteSavoie, france]);
        await index.UpsertProfilesAsync([TestKit.Profile("annecy", [skill], place: TestKit.Annecy, radiusKm: 10)]);
        await index.MatchOffersAsync(TestKit.Profile("p", [skill], place: TestKit.Annecy, radiusKm: 10), new MatchOptions());
        await index.MatchOffersAsync(TestKit.Profile("p", [skill], place: TestKit.Lyon, radiusKm: 10), new MatchOptions());
        await index.MatchProfilesAsync(hauteSavoie, new MatchOptions());
        await index.MatchProfilesAsync(hauteSavoie, new MatchOptions(RadiusKm: 40));

        // Stored: the offer's area key, the profile's reached areas (what its own circle reaches).
        var bulks = _es.Requests.Where(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)).ToList();
        Assert.Equal("D74", bulks[0].Lines[1]["place_area"]!.GetValue<string>());
        Assert.Null(bulks[0].Lines[3]["place_area"]);
        var reached = bulks[1].Lines[1]["reached_areas"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(TestKit.PlaceAreas.ReachedBy(TestKit.Annecy.Latitude, TestKit.Annecy.Longitude, 10), reached);
        Assert.Contains("D74", reached);
        Assert.Contains("R84", reached);
        // A seeker's query: located offers within the radius, offers of the areas the circle reaches, offers of no area (France).
        var searches = _es.Requests.Where(r => r.Path == "/_search").Select(r => r.Json!["query"]!).ToList();
        Assert.Equal(4, searches.Count);
        var fromAnnecy = PlaceAreaTerms(searches[0]);
        var fromLyon = PlaceAreaTerms(searches[1]);
        Assert.Equal(TestKit.PlaceAreas.ReachedBy(TestKit.Annecy.Latitude, TestKit.Annecy.Longitude, 10), fromAnnecy);
        Assert.Contains("D74", fromAnnecy);
        Assert.DoesNotContain("D74", fromLyon);
        Assert.Contains("D69", fromLyon);
        Assert.Contains("\"place_area\"", searches[1].ToJsonString(), StringComparison.Ordinal);
        // The offer's candidates: their own circle reaches the area, or they have no place; with the query's radius, the area's commune discs.
        Assert.Contains("{\"term\":{\"reached_areas\":{\"value\":\"D74\"}}}", searches[2].ToJsonString(), StringComparison.Ordinal);
        var script = searches[3].ToJsonString();
        Assert.Contains("arcDistance", script, StringComparison.Ordinal);
        Assert.Contains("\"radius_km\":40", script, StringComparison.Ordinal);
        AssertAllRequestsValid();

        static List<string> PlaceAreaTerms(JsonNode query)
        {
            var found = new List<string>();
            Walk(query);
            return found;

            void Walk(JsonNode? node)
            {
                if (node is JsonObject o)
                {
                    if (o["terms"] is JsonObject t && t["place_area"] is JsonArray terms)
                    {
                        found.AddRange(terms.Select(t => t!.GetValue<string>()));
                    }
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }
                }
                else if (node is JsonArray a)
                {
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task ACallWhoseAnswerCannotBeReadIsADefectNotAnOutage()
    {
        var index = await OpenAsync();
        _es.On("GET", "/coach-offers/_doc/o1", 200, """{"_index":"coach-offers-v3","_id":"o1","found":true,"_source":{"doc":{"id":"o1","skills":"not a list"}}}""");

        await Assert.ThrowsAnyAsync<Exception>(() => index.GetOfferAsync("o1"));

        Assert.NotEqual(IndexHealthStatus.Unavailable, index.Health.Status);
    }

    [Fact]
    public async Task CandidateSearchAsksFacetsAsAggregationsAndReadsThemAsTheEmbeddedIndexGivesThem()
    {
        var index = await OpenAsync();
        var skill = TestKit.Skill(100);
        var aggregations = JsonNode.Parse("""
            {
              "sterms#contracts": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                "buckets": [{"key": "Any", "doc_count": 3}, {"key": "Permanent", "doc_count": 2}, {"key": "FixedTerm", "doc_count": 1}]},
              "range#experience": {"buckets": [
                {"key": "0-1", "to": 1.0, "doc_count": 1}, {"key": "1-3", "from": 1.0, "to": 3.0, "doc_count": 0},
                {"key": "3-5", "from": 3.0, "to": 5.0, "doc_count": 2}, {"key": "5+", "from": 5.0, "doc_count": 2}]},
              "missing#no_place": {"doc_count": 1},
              "geo_distance#distance": {"buckets": [
                {"key": "0-10", "from": 0.0, "to": 10.0, "doc_count": 2}, {"key": "10-25", "from": 10.0, "to": 25.0, "doc_count": 1},
                {"key": "25-50", "from": 25.0, "to": 50.0, "doc_count": 0}, {"key": "50+", "from": 50.0, "doc_count": 1}]}
            }
            """)!.AsObject();
        var answer = Answers.Search([], total: 5, aggregations: aggregations);
        AssertValidResponse("POST", "/_search", 200, answer);
        _es.On("POST", "/_search", 200, answer.ToJsonString());
        _es.ClearRequests();

        var result = await index.SearchCandidatesAsync(new CandidateQuery([skill.Uri], [], Place: TestKit.Paris, RadiusKm: 60,
            Contracts: [ContractType.Permanent], MinExperienceYears: 1));

        Assert.Equal(5, result.Total);
        Assert.Equal([("0-10", 2L), ("10-25", 1L), ("25-50", 0L), ("50+", 1L), ("unknown", 1L)], result.Facets.DistanceBands.Select(b => (b.Key, b.Count)));
        Assert.Equal([("Permanent", 2L), ("FixedTerm", 1L), ("Any", 3L)], result.Facets.Contracts.Select(b => (b.Key, b.Count)));
        Assert.Equal([("0-1", 1L), ("1-3", 0L), ("3-5", 2L), ("5+", 2L)], result.Facets.Experience.Select(b => (b.Key, b.Count)));

        var search = _es.Requests.Single(r => r.Path == "/_search");
        Assert.Equal("true", search.Query["typed_keys"]);
        var body = search.Json!;
        Assert.NotNull(body["aggregations"]!["distance"]!["geo_distance"]);
        Assert.Contains("consent", body["query"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"geo_distance\"", body["query"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"experience_years\"", body["query"]!.ToJsonString(), StringComparison.Ordinal);
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task SupplyAndDemandComeFromATermsAggregationPerEmploymentArea()
    {
        var index = await OpenAsync();
        var skill = TestKit.Skill(100);
        JsonObject Areas(params (string Key, int Count)[] buckets) => Answers.Search([], total: buckets.Sum(b => b.Count), aggregations: new JsonObject
        {
            ["sterms#areas"] = new JsonObject
            {
                ["doc_count_error_upper_bound"] = 0,
                ["sum_other_doc_count"] = 0,
                ["buckets"] = new JsonArray([.. buckets.Select(b => new JsonObject { ["key"] = b.Key, ["doc_count"] = b.Count })]),
            },
        });
        var offers = Areas(("D75", 4), ("unknown", 1));
        var profiles = Areas(("D75", 2), ("D69", 3));
        AssertValidResponse("POST", "/coach-offers/_search", 200, offers);
        _es.On("POST", "/coach-offers/_search", 200, offers.ToJsonString());
        _es.On("POST", "/coach-profiles/_search", 200, profiles.ToJsonString());
        _es.ClearRequests();

        var result = await index.SupplyDemandAsync(new SupplyDemandQuery(skill.Uri, null, TestKit.Paris, 500));

        Assert.Equal((5, 5), (result.Offers, result.Profiles));
        Assert.Equal([("D75", "Area D75", 4L, 2L), ("D69", "Area D69", 0L, 3L), ("unknown", null, 1L, 0L)],
            result.Areas.Select(a => (a.AreaCode, a.AreaName, a.Offers, a.Profiles)));
        var body = _es.Requests.First(r => r.Path == "/coach-offers/_search").Json!;
        Assert.Equal(0, body["size"]!.GetValue<int>());
        Assert.Equal("unknown", body["aggregations"]!["areas"]!["terms"]!["missing"]!.GetValue<string>());
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task GetReadsTheStoredDocumentAndAMissingOneIsNull()
    {
        var index = await OpenAsync();
        var offer = TestKit.Offer("o1", [TestKit.Skill(100)], place: TestKit.Lyon, contract: ContractType.Seasonal, owner: "r1");
        var stored = new JsonObject
        {
            ["_index"] = "coach-offers-v3",
            ["_id"] = "o1",
            ["_version"] = 1,
            ["_seq_no"] = 0,
            ["_primary_term"] = 1,
            ["found"] = true,
            ["_source"] = new JsonObject { ["doc"] = System.Text.Json.JsonSerializer.SerializeToNode(offer, Answers.Json) },
        };
        AssertValidResponse("GET", "/coach-offers/_doc/o1", 200, stored);
        _es.On("GET", "/coach-offers/_doc/o1", 200, stored.ToJsonString());
        _es.On("GET", "/coach-offers/_doc/nope", 404, """{"_index":"coach-offers-v3","_id":"nope","found":false}""");

        var read = await index.GetOfferAsync("o1");

        Assert.Equal(offer.Place, read!.Place);
        Assert.Equal(ContractType.Seasonal, read.Contract);
        Assert.Equal(offer.Skills, read.Skills);
        Assert.Null(await index.GetOfferAsync("nope"));
        AssertAllRequestsValid();
    }

    [Fact]
    public async Task AnIdLongerThanElasticsearchAcceptsIsStoredUnderItsHash()
    {
        var index = await OpenAsync();
        var id = new string('é', 200);
        _es.On("POST", "/coach-offers/_bulk", 200, Answers.Bulk(Answers.BulkItem("index", "coach-offers-v3", "h", 201, "created")).ToJsonString());
        _es.ClearRequests();

        var result = await index.UpsertOffersAsync([TestKit.Offer(id, [TestKit.Skill(100)])]);

        Assert.True(result.WasCreated(id));
        var sent = _es.Requests.Single().Lines[0]["index"]!["_id"]!.GetValue<string>();
        Assert.StartsWith("sha256:", sent, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(sent) <= 512);
    }

    [Fact]
    public async Task TheValidatorRejectsWhatElasticsearchWouldRefuse()
    {
        // The checks above can fail: a misspelt query type, a string size, an unknown top-level key, a bad mapping type.
        var search = JsonNode.Parse("""{"size":"ten","query":{"bool":{"filter":[{"trem":{"skill_ids":"x"}}]}},"sizes":3}""");
        var errors = OpenApiSpec.Serverless.ValidateRequest("POST", "/coach-offers/_search", new Dictionary<string, string>(), search);
        Assert.Contains(errors, e => e.Contains("$.size", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'trem'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'sizes'", StringComparison.Ordinal));
        var mapping = JsonNode.Parse("""{"mappings":{"properties":{"location":{"type":"geopoint"}}}}""");
        Assert.NotEmpty(OpenApiSpec.Serverless.ValidateRequest("PUT", "/coach-offers-v3", new Dictionary<string, string>(), mapping));
        Assert.NotEmpty(OpenApiSpec.Serverless.ValidateRequest("POST", "/coach-offers/_bulk", new Dictionary<string, string> { ["refresh"] = "sometimes" }, null));
        Assert.Empty(OpenApiSpec.Serverless.ValidateRequest("POST", "/coach-offers/_bulk", new Dictionary<string, string> { ["refresh"] = "wait_for" }, null));
    }
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coach-es-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
