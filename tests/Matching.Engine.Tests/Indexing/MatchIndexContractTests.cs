using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// What every <see cref="IMatchIndex"/> must do, whatever stores it: the same matches, scores,
/// explanations, paging, filters, facets, validation and durability. An implementation inherits
/// this class and says how to create an empty index and how to reopen it
/// (<see cref="EmbeddedMatchIndexContractTests"/>; the Elasticsearch index adds its own subclass).
/// </summary>
/// <remarks>
/// Documents use the real taxonomy (<see cref="IndexTestKit.Esco"/>); an index reports the employment
/// area of a commune as "D" + its department (<see cref="IndexTestKit.AreaOfCommune"/>) and names it
/// "Area " + its code (<see cref="IndexTestKit.AreaName"/>).
/// </remarks>
public abstract class MatchIndexContractTests : IAsyncLifetime
{
    private IMatchIndex? _index;

    /// <summary>The index under test: empty at the start of each test.</summary>
    protected IMatchIndex Index => _index ?? throw new InvalidOperationException("The index is not open.");

    /// <summary>A new, empty index of this implementation, over the test taxonomy and areas.</summary>
    protected abstract Task<IMatchIndex> CreateIndexAsync();

    /// <summary>The same index opened again after it was disposed (what a restart does).</summary>
    protected abstract Task<IMatchIndex> OpenAgainAsync();

    /// <summary>Removes what <see cref="CreateIndexAsync"/> created (files, remote index), after the index is disposed.</summary>
    protected virtual Task DeleteAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _index = await CreateIndexAsync();

    public async Task DisposeAsync()
    {
        if (_index is not null)
        {
            await _index.DisposeAsync();
        }
        await DeleteAsync();
    }

    /// <summary>Closes the index and opens it again.</summary>
    protected async Task ReopenAsync()
    {
        await Index.DisposeAsync();
        _index = null;
        _index = await OpenAgainAsync();
    }

    private static readonly MatchOptions Top100 = new(Size: 100);

    [Fact]
    public async Task ExactMatchBeatsRelatedMatchWhichBeatsMissing()
    {
        var (demanded, via) = PairOfKind(SkillMatchKind.Related);
        var other = UnlinkedSkills(1, start: 5000).First(s => !Linked(s.Id, via.Id) && !Linked(s.Id, demanded.Id));
        await Index.UpsertOffersAsync([
            Offer("exact", [via]),
            Offer("related", [demanded]),
            Offer("missing", [other]),
        ]);

        var page = await Index.MatchOffersAsync(Profile("p", [via]), Top100);

        Assert.Equal(["exact", "related"], page.Hits.Select(h => h.Id));
        Assert.Equal(2, page.Total);
        Assert.Equal(1.0, page.Hits[0].Score);
        // The related match uses none of the seeker's skills exactly: half credit, at the supply-use floor.
        Assert.Equal(0.5 * MatchScorer.SupplyUseFloor, page.Hits[1].Score, 12);
        Assert.Equal(0, page.Hits[1].Explanation.Parts.SupplyUse);
        Assert.Equal(1, page.Hits[0].Explanation.Parts.SupplyUse);
        var through = Assert.Single(page.Hits[1].Explanation.MatchedThroughRelated);
        Assert.Equal(new SkillMatch(demanded.Uri, via.Uri, SkillMatchKind.Related, SkillImportance.Essential, 0.5), through);
    }

    [Fact]
    public async Task ARomeWordedOfferMeetsAnEscoWordedSeekerThroughTheAlignmentAndTheReverse()
    {
        // "Programmation en Python" (ROME 4.0 savoir, as an offer cites it) and ESCO's Python.
        var rome = Esco.Rome4Skill(Esco.Rome4.Items.Single(i => i.Label == "Programmation en Python").Code)!;
        var esco = Esco.Skills[Assert.Single(rome.Aligned)];
        Assert.Equal("Python (computer programming)", esco.LabelEn);
        await Index.UpsertOffersAsync([Offer("rome-offer", [rome]), Offer("esco-offer", [esco])]);
        await Index.UpsertProfilesAsync([Profile("rome-seeker", [rome])]);

        var hits = (await Index.MatchOffersAsync(Profile("esco-seeker", [esco]), Top100)).Hits;

        Assert.Equal(["esco-offer", "rome-offer"], hits.Select(h => h.Id));
        // Credited below exact; the seeker's one skill is used as it is, so SupplyUse is whole.
        Assert.Equal(0.9, hits[1].Score, 12);
        Assert.Equal(1, hits[1].Explanation.Parts.SupplyUse);
        var bridge = Assert.Single(hits[1].Explanation.MatchedThroughRelated);
        Assert.Equal(new SkillMatch(rome.Uri, esco.Uri, SkillMatchKind.Aligned, SkillImportance.Essential, 0.9), bridge);

        // The reverse: an ESCO-worded offer finds the ROME-worded seeker, also with related skills refused.
        var candidates = await Index.MatchProfilesAsync(Offer("esco-offer", [esco]), new MatchOptions(Size: 10, AllowRelated: false));
        var hit = Assert.Single(candidates.Hits);
        Assert.Equal("rome-seeker", hit.Id);
        Assert.Equal(0.9, hit.Score, 12);
        Assert.Equal(new SkillMatch(esco.Uri, rome.Uri, SkillMatchKind.Aligned, SkillImportance.Essential, 0.9), Assert.Single(hit.Explanation.MatchedThroughRelated));
        Assert.Equal(hit.Score, hit.Explanation.Parts.Total);
    }

    [Fact]
    public async Task NarrowerSkillEarnsPartialCreditLabelledWithTheSkillThatMetIt()
    {
        var (broader, narrower) = PairOfKind(SkillMatchKind.Narrower);
        var missing = UnlinkedSkills(3, start: 7000).First(s => !Linked(s.Id, narrower.Id) && !Linked(s.Id, broader.Id));
        await Index.UpsertOffersAsync([Offer("o", [broader, missing])]);

        var hit = Assert.Single((await Index.MatchOffersAsync(Profile("p", [narrower]), Top100)).Hits);

        var match = Assert.Single(hit.Explanation.MatchedThroughRelated);
        Assert.Equal(broader.Uri, match.SkillUri);
        Assert.Equal(narrower.Uri, match.ViaSkillUri);
        Assert.Equal(SkillMatchKind.Narrower, match.Kind);
        Assert.Equal(0.8, match.Credit);
        Assert.Empty(hit.Explanation.Matched);
        Assert.Equal([missing.Uri], hit.Explanation.MissingEssential);
        Assert.Equal(0.4, hit.Explanation.Parts.EssentialCoverage, 12);
        Assert.Equal(hit.Score, hit.Explanation.Parts.Total);
    }

    [Fact]
    public async Task WithoutRelatedSkillsOnlyExactMatchesCount()
    {
        var (broader, narrower) = PairOfKind(SkillMatchKind.Narrower);
        await Index.UpsertOffersAsync([Offer("o", [broader])]);

        var page = await Index.MatchOffersAsync(Profile("p", [narrower]), new MatchOptions(AllowRelated: false));

        Assert.Empty(page.Hits);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task MustHaveSkillExcludesProfilesWithoutIt()
    {
        var skills = UnlinkedSkills(3);
        await Index.UpsertOffersAsync([Offer("strict", [skills[0]], mustHave: [skills[1]]), Offer("lenient", [skills[0], skills[1]])]);

        var without = await Index.MatchOffersAsync(Profile("p", [skills[0]]), Top100);
        var with = await Index.MatchOffersAsync(Profile("p", [skills[0], skills[1]]), Top100);

        Assert.Equal(["lenient"], without.Hits.Select(h => h.Id));
        Assert.Equal(["lenient", "strict"], with.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task MustHaveMetThroughARelatedSkillPassesOnlyWhenRelatedSkillsAreAllowed()
    {
        var (demanded, via) = PairOfKind(SkillMatchKind.Narrower);
        await Index.UpsertOffersAsync([Offer("o", [], mustHave: [demanded])]);
        await Index.UpsertProfilesAsync([Profile("p", [via])]);

        Assert.Single((await Index.MatchProfilesAsync(Offer("q", [], mustHave: [demanded]), Top100)).Hits);
        Assert.Empty((await Index.MatchProfilesAsync(Offer("q", [], mustHave: [demanded]), Top100 with { AllowRelated = false })).Hits);
        Assert.Single((await Index.MatchOffersAsync(Profile("q", [via]), Top100)).Hits);
        Assert.Empty((await Index.MatchOffersAsync(Profile("q", [via]), Top100 with { AllowRelated = false })).Hits);
    }

    [Fact]
    public async Task RadiusExcludesOffersBeyondItAndDistanceLowersTheScoreInside()
    {
        var skill = UnlinkedSkills(1)[0];
        await Index.UpsertOffersAsync([Offer("paris", [skill], place: Paris), Offer("versailles", [skill], place: Versailles), Offer("lyon", [skill], place: Lyon), Offer("nowhere", [skill])]);

        var page = await Index.MatchOffersAsync(Profile("p", [skill], place: Paris, radiusKm: 30), Top100);

        // An offer without a place (given by région, "France", remote work) passes the radius, but its distance is
        // unknown, never 0 km: it gets the factor of half the radius, below the offer in the seeker's commune.
        Assert.Equal(["paris", "nowhere", "versailles"], page.Hits.Select(h => h.Id));
        Assert.Equal(1.0, page.Hits[0].Score);
        Assert.Equal(0, page.Hits[0].Explanation.DistanceKm);
        Assert.Null(page.Hits[1].Explanation.DistanceKm);
        Assert.Equal(MatchScorer.UnknownDistance, page.Hits[1].Score, 12);
        Assert.Equal(MatchScorer.UnknownDistance, page.Hits[1].Explanation.Parts.Distance, 12);
        Assert.InRange(page.Hits[2].Explanation.DistanceKm!.Value, 15, 25);
        Assert.Equal(1 - 0.3 * page.Hits[2].Explanation.DistanceKm!.Value / 30, page.Hits[2].Score, 12);

        var wider = await Index.MatchOffersAsync(Profile("p", [skill], place: Paris, radiusKm: 30), Top100 with { RadiusKm = 500 });
        Assert.Contains("lyon", wider.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task ContractAndExperienceMisfitsLowerTheScore()
    {
        var skill = UnlinkedSkills(1)[0];
        await Index.UpsertOffersAsync([
            Offer("fit", [skill], contract: ContractType.Permanent),
            Offer("temp", [skill], contract: ContractType.Temporary),
            Offer("senior", [skill], contract: ContractType.Permanent, experience: ExperienceRequirement.Required),
        ]);

        var page = await Index.MatchOffersAsync(Profile("p", [skill], experienceYears: 0, wishes: [ContractType.Permanent]), Top100);
        var scores = page.Hits.ToDictionary(h => h.Id, h => h.Explanation.Parts);

        Assert.Equal(1.0, scores["fit"].Total);
        Assert.Equal(0.5, scores["temp"].Contract);
        Assert.Equal(0.5, scores["temp"].Total, 12);
        Assert.Equal(0.8, scores["senior"].Experience);
        Assert.Equal(0.8, scores["senior"].Total, 12);
    }

    [Fact]
    public async Task ExcludedOccupationsAndScoresBelowTheFloorAreNoMatchAndLeaveTheTotal()
    {
        var skills = UnlinkedSkills(4);
        var nurse = Esco.OccupationByUri("http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50")!.Uri;
        await Index.UpsertOffersAsync([
            Offer("carer", [skills[0]]),
            Offer("nurse", [skills[0]], occupationUri: nurse),
            Offer("weak", [skills[0], skills[1], skills[2], skills[3]]),
        ]);
        var profile = Profile("p", [skills[0]]);

        var all = await Index.MatchOffersAsync(profile, Top100);
        Assert.Equal(3, all.Total);
        var weak = all.Hits.Single(h => h.Id == "weak").Score;

        var filtered = await Index.MatchOffersAsync(profile, Top100 with { ExcludedOccupationUris = [nurse], MinScore = weak + 0.01 });
        Assert.Equal(["carer"], filtered.Hits.Select(h => h.Id));
        Assert.Equal(1, filtered.Total);
    }

    [Fact]
    public async Task OffersOfTheTargetJobRankFirstThenCloseJobsThenOtherJobs()
    {
        var s = UnlinkedSkills(3);
        var (target, sibling, mobility, other) = RomeCodesForFit();
        await Index.UpsertOffersAsync([
            Offer("target", [s[0], s[1]], romeCode: target),
            // The target job asked for, even with half the fit, before another job's offer that fits entirely.
            Offer("target-half", [s[0], s[2]], romeCode: target),
            Offer("sibling", [s[0], s[1]], romeCode: sibling),
            Offer("mobility", [s[0], s[1]], romeCode: mobility),
            Offer("other", [s[0], s[1]], romeCode: other),
            Offer("unknown", [s[0], s[1]]),
        ]);

        var page = await Index.MatchOffersAsync(Profile("p", [s[0], s[1]], targetRomeCodes: [target]), Top100);
        var parts = page.Hits.ToDictionary(h => h.Id, h => h.Explanation.Parts);

        Assert.Equal(["target", "unknown", "mobility", "sibling", "target-half", "other"], page.Hits.Select(h => h.Id));
        Assert.Equal(1, parts["target"].Occupation);
        Assert.Equal(1, parts["unknown"].Occupation);
        Assert.Equal(MatchScorer.OccupationClose, parts["sibling"].Occupation);
        Assert.Equal(MatchScorer.OccupationClose, parts["mobility"].Occupation);
        Assert.Equal(MatchScorer.OccupationOther, parts["other"].Occupation);
        Assert.Equal(MatchScorer.OccupationOther, parts["other"].Total, 12);
        Assert.True(parts["target-half"].Total > parts["other"].Total);
        Assert.All(page.Hits, h => Assert.Equal(h.Score, h.Explanation.Parts.Total));

        // A seeker without a target job: the skills alone rank, every offer's factor is 1.
        var untargeted = await Index.MatchOffersAsync(Profile("q", [s[0], s[1]]), Top100);
        Assert.All(untargeted.Hits, h => Assert.Equal(1, h.Explanation.Parts.Occupation));
        Assert.Equal(5, untargeted.Hits.Count(h => h.Score == 1));
    }

    [Fact]
    public async Task ACandidateWhoseTargetIsTheOffersJobRanksAboveOneWhoOnlySharesSkills()
    {
        var s = UnlinkedSkills(3);
        var (target, _, _, other) = RomeCodesForFit();
        var occupation = Esco.Occupations.First(o => o.EssentialSkills.Length > 0);
        await Index.UpsertProfilesAsync([
            Profile("same-job", [s[0]], targetRomeCodes: [target]),
            Profile("same-occupation", [s[0]], targets: [occupation.Uri]),
            Profile("other-job", [s[0], s[1]], targetRomeCodes: [other]),
            Profile("no-target", [s[0], s[1]]),
        ]);

        var page = await Index.MatchProfilesAsync(Offer("o", [s[0], s[1]], romeCode: target, occupationUri: occupation.Uri), Top100);
        var parts = page.Hits.ToDictionary(h => h.Id, h => h.Explanation.Parts);

        Assert.Equal(["no-target", "same-job", "same-occupation", "other-job"], page.Hits.Select(h => h.Id));
        Assert.Equal(1, parts["same-job"].Occupation);
        // The candidate states an ESCO occupation and no ROME code: the occupation decides.
        Assert.Equal(1, parts["same-occupation"].Occupation);
        Assert.Equal(MatchScorer.OccupationOther, parts["other-job"].Occupation);
        Assert.Equal(1, parts["no-target"].Occupation);

        // A recruiter's candidate search names no job: the factor is 1 for everyone.
        var search = await Index.SearchCandidatesAsync(new CandidateQuery([], [s[0].Uri, s[1].Uri]));
        Assert.All(search.Hits, h => Assert.Equal(1, h.Explanation.Parts.Occupation));
    }

    [Fact]
    public async Task TheScoreFloorWeighsTheFitApartFromTheJobAndSparesTheTargetJob()
    {
        var s = UnlinkedSkills(5);
        var (target, _, _, other) = RomeCodesForFit();
        await Index.UpsertOffersAsync([
            // 1/4 of the offer met, half the seeker used: 0.25 × (0.1 + 0.9 × 0.5) = 0.1375.
            Offer("target-weak", [s[0], s[2], s[3], s[4]], romeCode: target),
            // Fits fully (1 apart from the job), 0.25 with it.
            Offer("other", [s[0], s[1]], romeCode: other),
            Offer("other-weak", [s[0], s[2], s[3], s[4]], romeCode: other),
        ]);

        var page = await Index.MatchOffersAsync(Profile("p", [s[0], s[1]], targetRomeCodes: [target]), Top100 with { MinScore = 0.3 });

        Assert.Equal(["other", "target-weak"], page.Hits.Select(h => h.Id));
        Assert.Equal(2, page.Total);
        Assert.Equal(0.1375, page.Hits[1].Score, 12);
    }

    [Fact]
    public async Task BothDirectionsGiveTheSameScoreForEveryPair()
    {
        var random = new Random(42);
        // Neighbours in ROME code order, so that some jobs are the same, some close (family, mobility), most others.
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 5 && o.Rome4Codes.Length > 0)
            .OrderBy(o => o.Rome4Codes[0], StringComparer.Ordinal).ThenBy(o => o.Uri, StringComparer.Ordinal).Take(40).ToArray();
        Place[] places = [Paris, Versailles, Lyon];
        var offers = Enumerable.Range(0, 60).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            return Offer($"o{i}",
                occupation.EssentialSkills.Take(6).Select(id => Esco.Skills[id]),
                occupation.OptionalSkills.Take(4).Select(id => Esco.Skills[id]),
                place: random.Next(4) < 3 ? places[random.Next(3)] : null,
                contract: (ContractType)random.Next(4),
                experience: (ExperienceRequirement)random.Next(3),
                // Most offers state their job (ESCO occupation and ROME code), some neither: the occupation factor in both directions.
                occupationUri: i % 5 == 4 ? null : occupation.Uri,
                romeCode: i % 5 == 4 ? null : occupation.Rome4Codes.FirstOrDefault()) with
            { ExperienceYears = random.Next(3) == 0 ? random.Next(1, 5) : null };
        }).ToList();
        var profiles = Enumerable.Range(0, 60).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            var skills = occupation.EssentialSkills.Concat(occupation.OptionalSkills).Where(_ => random.Next(2) == 0)
                .Concat(Enumerable.Range(0, 5).Select(_ => random.Next(Esco.Skills.Count)))
                .Distinct().Select(id => Esco.Skills[id]);
            // Targets: the job as ROME codes and ESCO occupation, the ESCO occupation alone, or none.
            var target = occupations[random.Next(occupations.Length)];
            return Profile($"p{i}", skills, place: places[random.Next(3)], radiusKm: random.Next(5, 600),
                experienceYears: random.Next(4) * 0.5, wishes: random.Next(2) == 0 ? [] : [(ContractType)random.Next(1, 4)],
                targets: i % 3 == 2 ? [] : [target.Uri], targetRomeCodes: i % 3 == 0 ? [.. target.Rome4Codes.Take(2)] : []);
        }).ToList();
        await Index.UpsertOffersAsync(offers);
        await Index.UpsertProfilesAsync(profiles);

        var pairs = 0;
        foreach (var allowRelated in new[] { true, false })
        {
            var options = new MatchOptions(Size: 100, AllowRelated: allowRelated);
            var byProfile = new Dictionary<(string, string), double>();
            foreach (var profile in profiles)
            {
                foreach (var hit in (await Index.MatchOffersAsync(profile, options)).Hits)
                {
                    byProfile[(hit.Id, profile.Id)] = hit.Score;
                }
            }
            var byOffer = new Dictionary<(string, string), double>();
            foreach (var offer in offers)
            {
                foreach (var hit in (await Index.MatchProfilesAsync(offer, options)).Hits)
                {
                    byOffer[(offer.Id, hit.Id)] = hit.Score;
                    Assert.Equal(hit.Score, hit.Explanation.Parts.Total);
                }
            }
            Assert.Equal(byProfile.OrderBy(kv => kv.Key), byOffer.OrderBy(kv => kv.Key));
            pairs += byProfile.Count;
        }
        Assert.True(pairs > 100, $"only {pairs} matching pairs: the test would prove little");
        var factors = new HashSet<double>();
        foreach (var profile in profiles)
        {
            factors.UnionWith((await Index.MatchOffersAsync(profile, Top100)).Hits.Select(h => h.Explanation.Parts.Occupation));
        }
        Assert.Equal([MatchScorer.OccupationOther, MatchScorer.OccupationClose, 1], factors.Order());
    }

    [Fact]
    public async Task UpsertingTheSameDocumentTwiceCreatesThenUpdatesAndKeepsOneHit()
    {
        var skill = UnlinkedSkills(1)[0];
        var offer = Offer("o", [skill]);

        var first = await Index.UpsertOffersAsync([offer]);
        var second = await Index.UpsertOffersAsync([offer]);
        Assert.Equal((1, 0), (first.Created, first.Updated));
        Assert.True(first.WasCreated(offer.Id));
        Assert.Equal((0, 1), (second.Created, second.Updated));
        Assert.False(second.WasCreated(offer.Id));

        Assert.Single((await Index.MatchOffersAsync(Profile("p", [skill]), Top100)).Hits);
        Assert.Equal(new IndexCounts(1, 0), await Index.CountAsync());
    }

    [Fact]
    public async Task AnUpdateReplacesTheOldVersionInResults()
    {
        var skills = UnlinkedSkills(2);
        await Index.UpsertOffersAsync([Offer("o", [skills[0]])]);
        // Read once before the update: a read must never keep serving the old version afterwards.
        Assert.Equal(skills[0].Uri, Assert.Single((await Index.GetOfferAsync("o"))!.Skills).SkillUri);
        await Index.UpsertOffersAsync([Offer("o", [skills[1]])]);

        Assert.Empty((await Index.MatchOffersAsync(Profile("p", [skills[0]]), Top100)).Hits);
        Assert.Single((await Index.MatchOffersAsync(Profile("p", [skills[1]]), Top100)).Hits);
        Assert.Equal(skills[1].Uri, Assert.Single((await Index.GetOfferAsync("o"))!.Skills).SkillUri);
    }

    [Fact]
    public async Task AProfileReadBeforeAnUpdateIsReadInItsNewVersionAfterIt()
    {
        var skills = UnlinkedSkills(2);
        await Index.UpsertProfilesAsync([Profile("p", [skills[0]])]);
        Assert.Equal(skills[0].Uri, Assert.Single((await Index.GetProfileAsync("p"))!.Skills).SkillUri);

        await Index.UpsertProfilesAsync([Profile("p", [skills[1]])]);

        Assert.Equal(skills[1].Uri, Assert.Single((await Index.GetProfileAsync("p"))!.Skills).SkillUri);
    }

    [Fact]
    public async Task DeleteRemovesFromResultsAndFromTheStore()
    {
        var skill = UnlinkedSkills(1)[0];
        await Index.UpsertOffersAsync([Offer("a", [skill]), Offer("b", [skill])]);
        await Index.UpsertProfilesAsync([Profile("p", [skill])]);
        Assert.NotNull(await Index.GetOfferAsync("a"));
        Assert.NotNull(await Index.GetProfileAsync("p"));

        Assert.Equal(1, await Index.DeleteOffersAsync(["a", "unknown"]));
        Assert.Equal(1, await Index.DeleteProfilesAsync(["p"]));

        Assert.Equal(["b"], (await Index.MatchOffersAsync(Profile("q", [skill]), Top100)).Hits.Select(h => h.Id));
        Assert.Empty((await Index.MatchProfilesAsync(Offer("q", [skill]), Top100)).Hits);
        Assert.Null(await Index.GetOfferAsync("a"));
        Assert.Null(await Index.GetProfileAsync("p"));
        Assert.Equal(new IndexCounts(1, 0), await Index.CountAsync());
    }

    [Fact]
    public async Task PagingWithTheCursorReturnsEveryHitOnceInOrder()
    {
        var skills = UnlinkedSkills(4);
        var random = new Random(7);
        // Many ties on purpose: the id breaks them.
        var offers = Enumerable.Range(0, 53).Select(i => Offer($"o{i:D2}", skills.Where(_ => random.Next(2) == 0).DefaultIfEmpty(skills[0]))).ToList();
        await Index.UpsertOffersAsync(offers);
        var profile = Profile("p", skills.Take(2));
        var all = await Index.MatchOffersAsync(profile, Top100);

        var paged = new List<MatchHit>();
        string? cursor = null;
        do
        {
            var page = await Index.MatchOffersAsync(profile, new MatchOptions(Size: 7, Cursor: cursor));
            Assert.Equal(all.Total, page.Total);
            Assert.True(page.Hits.Count <= 7);
            paged.AddRange(page.Hits);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.True(all.Total > 20);
        Assert.Equal(all.Hits.Select(h => (h.Id, h.Score)), paged.Select(h => (h.Id, h.Score)));
        Assert.Equal(all.Total, paged.Count);
        Assert.Equal(paged.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id), paged.Select(h => h.Id));
    }

    [Fact]
    public async Task AGarbledCursorIsRejectedNamingTheField()
    {
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => Index.MatchOffersAsync(Profile("p", UnlinkedSkills(1)), new MatchOptions(Cursor: "!!")));
        Assert.Equal("Cursor", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task SearchableOnlyHidesProfilesThatDidNotConsent()
    {
        var skill = UnlinkedSkills(1)[0];
        await Index.UpsertProfilesAsync([Profile("yes", [skill], searchable: true), Profile("no", [skill], searchable: false)]);

        var all = await Index.MatchProfilesAsync(Offer("o", [skill]), Top100);
        var consenting = await Index.MatchProfilesAsync(Offer("o", [skill]), Top100 with { SearchableOnly = true });

        Assert.Equal(["no", "yes"], all.Hits.Select(h => h.Id));
        Assert.Equal(["yes"], consenting.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task CandidateSearchFiltersOnMustHaveRadiusContractAndExperienceWithFacets()
    {
        var skills = UnlinkedSkills(3);
        await Index.UpsertProfilesAsync([
            Profile("full", skills, place: Paris, experienceYears: 4, wishes: [ContractType.Permanent]),
            Profile("partial", [skills[0]], place: Versailles, experienceYears: 2),
            Profile("no-must", [skills[1], skills[2]], place: Paris),
            Profile("far", skills, place: Lyon, radiusKm: 1000),
            Profile("hidden", skills, place: Paris, searchable: false),
            Profile("junior", skills, place: Paris, experienceYears: 0.5),
            Profile("temp-only", skills, place: Paris, wishes: [ContractType.Temporary]),
        ]);

        var result = await Index.SearchCandidatesAsync(new CandidateQuery(
            MustHave: [skills[0].Uri], NiceToHave: [skills[1].Uri, skills[2].Uri], Place: Paris, RadiusKm: 50,
            Contracts: [ContractType.Permanent], MinExperienceYears: 1));

        Assert.Equal(["full", "partial"], result.Hits.Select(h => h.Id));
        Assert.Equal(2, result.Total);
        Assert.True(result.Hits[0].Score > result.Hits[1].Score);
        Assert.Equal([("0-10", 1L), ("10-25", 1L), ("25-50", 0L), ("50+", 0L)], result.Facets.DistanceBands.Select(b => (b.Key, b.Count)));
        Assert.Equal([("Permanent", 1L), ("Any", 1L)], result.Facets.Contracts.Select(b => (b.Key, b.Count)));
        Assert.Equal([("0-1", 0L), ("1-3", 1L), ("3-5", 1L), ("5+", 0L)], result.Facets.Experience.Select(b => (b.Key, b.Count)));
    }

    [Fact]
    public async Task SupplyAndDemandCountsOffersAndProfilesPerArea()
    {
        var skills = UnlinkedSkills(2);
        var occupation = Esco.Occupations[10];
        await Index.UpsertOffersAsync([
            Offer("o1", [skills[0]], place: Paris, occupationUri: occupation.Uri),
            Offer("o2", [skills[0]], place: Versailles),
            Offer("o3", [skills[0]], place: Lyon, occupationUri: occupation.Uri),
            Offer("o4", [skills[1]], place: Paris),
        ]);
        await Index.UpsertProfilesAsync([
            Profile("p1", [skills[0]], place: Paris, targets: [occupation.Uri]),
            Profile("p2", [skills[0], skills[1]], place: Lyon),
            Profile("p3", [skills[1]]),
        ]);

        var nationwide = await Index.SupplyDemandAsync(new SupplyDemandQuery(skills[0].Uri, null));
        var nearParis = await Index.SupplyDemandAsync(new SupplyDemandQuery(skills[0].Uri, null, Paris, 50));
        var byOccupation = await Index.SupplyDemandAsync(new SupplyDemandQuery(null, occupation.Uri));

        Assert.Equal((3L, 2L), (nationwide.Offers, nationwide.Profiles));
        Assert.Equal(
            [new SupplyDemandArea("D69", "Area D69", 1, 1), new SupplyDemandArea("D75", "Area D75", 1, 1), new SupplyDemandArea("D78", "Area D78", 1, 0)],
            nationwide.Areas.OrderBy(a => a.AreaCode, StringComparer.Ordinal));
        Assert.Equal((2L, 1L), (nearParis.Offers, nearParis.Profiles));
        Assert.Equal((2L, 1L), (byOccupation.Offers, byOccupation.Profiles));
    }

    [Fact]
    public async Task SupplyDemandNeedsExactlyOneOfSkillAndOccupation()
    {
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => Index.SupplyDemandAsync(new SupplyDemandQuery(null, null)));
        Assert.Equal("SkillUri", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task ABatchWithOneUnknownSkillUriIsRejectedWholeNamingTheItemAndField()
    {
        var skill = UnlinkedSkills(1)[0];
        var bad = Offer("bad", [skill]) with { Skills = [new DemandedSkill(skill.Uri, SkillImportance.Essential), new DemandedSkill("http://data.europa.eu/esco/skill/nope", SkillImportance.Optional)] };

        var error = await Assert.ThrowsAsync<IndexValidationException>(() => Index.UpsertOffersAsync([Offer("good", [skill]), bad]));

        var only = Assert.Single(error.Errors);
        Assert.Equal("bad", only.ItemId);
        Assert.Equal("Skills[1].SkillUri", only.Field);
        Assert.Contains("nope", only.Message);
        Assert.Equal(new IndexCounts(0, 0), await Index.CountAsync());
        Assert.Null(await Index.GetOfferAsync("good"));
        Assert.Empty((await Index.MatchOffersAsync(Profile("p", [skill]), Top100)).Hits);
    }

    [Fact]
    public async Task InvalidProfileFieldsAreAllReported()
    {
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => Index.UpsertProfilesAsync([
            Profile("p", [], place: new Place(123, 2)) with { RadiusKm = -1 },
            Profile("", []),
        ]));

        Assert.Equal(
            [("p", "Place.Latitude"), ("p", "RadiusKm"), ("#1", "Id")],
            error.Errors.Select(e => (e.ItemId, e.Field)));
    }

    [Fact]
    public async Task StoredDocumentsRoundTripThroughGet()
    {
        var skills = UnlinkedSkills(2);
        var offer = Offer("o", [skills[0]], [skills[1]], place: Paris, contract: ContractType.FixedTerm) with { Salary = "2000 €", CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        var profile = Profile("p", skills, place: Lyon, wishes: [ContractType.Permanent]);
        await Index.UpsertOffersAsync([offer]);
        await Index.UpsertProfilesAsync([profile]);

        var gotOffer = await Index.GetOfferAsync("o");
        var gotProfile = await Index.GetProfileAsync("p");

        Assert.Equal(offer with { Skills = [] }, gotOffer! with { Skills = [] });
        Assert.Equal(offer.Skills, gotOffer!.Skills);
        Assert.Equal(profile.Skills, gotProfile!.Skills);
        Assert.Equal(profile.ContractWishes, gotProfile.ContractWishes);
        Assert.Equal(profile.Place, gotProfile.Place);
    }

    [Fact]
    public async Task ReopeningTheIndexGivesTheSameResults()
    {
        var random = new Random(3);
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 5).Take(10).ToArray();
        var offers = Enumerable.Range(0, 30).Select(i => Offer($"o{i}", occupations[i % 10].EssentialSkills.Take(5).Select(id => Esco.Skills[id]),
            occupations[i % 10].OptionalSkills.Take(2).Select(id => Esco.Skills[id]), place: i % 3 == 0 ? Paris : Versailles, contract: (ContractType)(i % 3),
            occupationUri: occupations[i % 10].Uri)).ToList();
        var profiles = Enumerable.Range(0, 20).Select(i => Profile($"p{i}", occupations[i % 10].EssentialSkills.Skip(i % 3).Take(4).Select(id => Esco.Skills[id]),
            place: Paris, experienceYears: i % 4, searchable: i % 2 == 0)).ToList();
        await Index.UpsertOffersAsync(offers);
        await Index.UpsertProfilesAsync(profiles);
        await Index.DeleteOffersAsync(["o5"]);
        await Index.UpsertOffersAsync([offers[7] with { Place = Lyon }]);

        var before = await Snapshot(Index, profiles, offers);
        await ReopenAsync();
        var after = await Snapshot(Index, profiles, offers);

        Assert.Equal(before, after);
        Assert.Equal(new IndexCounts(29, 20), await Index.CountAsync());
    }

    private static async Task<List<string>> Snapshot(IMatchIndex index, List<ProfileDocument> profiles, List<OfferDocument> offers)
    {
        var lines = new List<string>();
        foreach (var profile in profiles)
        {
            var page = await index.MatchOffersAsync(profile, new MatchOptions(Size: 10, RadiusKm: 1000));
            lines.Add(profile.Id + ": " + string.Join(' ', page.Hits.Select(h => $"{h.Id}={h.Score:R}")) + $" total={page.Total}");
        }
        foreach (var offer in offers.Take(10))
        {
            var page = await index.MatchProfilesAsync(offer, new MatchOptions(Size: 10, SearchableOnly: true));
            lines.Add(offer.Id + ": " + string.Join(' ', page.Hits.Select(h => $"{h.Id}={h.Score:R}")) + $" total={page.Total}");
        }
        Assert.Contains(lines, l => l.Contains('='));
        return lines;
    }

    [Fact]
    public async Task ARecruitersMatchIsScoredRankedAndExplainedByTheDistanceBandNeverTheDistance()
    {
        var skill = UnlinkedSkills(1)[0];
        // Both within the 0-10 km band of Paris, at different distances: the nearer one has the later id.
        var near = new Place(48.8570, 2.3530, "75056", "Paris");
        var farther = new Place(48.8566 + 0.06, 2.3522, "93066", "Saint-Denis");
        await Index.UpsertProfilesAsync([Profile("b-near", [skill], place: near, radiusKm: 30), Profile("a-farther", [skill], place: farther, radiusKm: 30)]);
        var offer = Offer("o", [skill], place: Paris);

        var exact = await Index.MatchProfilesAsync(offer, Top100);
        var banded = await Index.MatchProfilesAsync(offer, Top100 with { BandedDistance = true });
        var search = await Index.SearchCandidatesAsync(new CandidateQuery([skill.Uri], [], Place: Paris, RadiusKm: 30));

        // Exactly, the nearer ranks first and the scores differ with the distance...
        Assert.Equal(["b-near", "a-farther"], exact.Hits.Select(h => h.Id));
        Assert.True(exact.Hits[0].Score > exact.Hits[1].Score);
        foreach (var page in new[] { banded, new MatchPage(search.Hits, search.Total, search.NextCursor) })
        {
            // ...by band, both are at the band's floor: equal scores and parts, ties broken by id, no distance to read.
            Assert.Equal(["a-farther", "b-near"], page.Hits.Select(h => h.Id));
            Assert.All(page.Hits, h => Assert.Equal(0, h.Explanation.DistanceKm));
            Assert.All(page.Hits, h => Assert.Equal(1.0, h.Explanation.Parts.Distance));
            Assert.Equal(page.Hits[0].Score, page.Hits[1].Score);
            Assert.All(page.Hits, h => Assert.Equal(h.Score, h.Explanation.Parts.Total));
        }
        Assert.Equal([("0-10", 2L), ("10-25", 0L), ("25-50", 0L), ("50+", 0L)], search.Facets.DistanceBands.Select(b => (b.Key, b.Count)));
    }

    [Fact]
    public async Task ABandedMatchKeepsTheRadiusAsAHardFilterOnTheExactDistance()
    {
        var skill = UnlinkedSkills(1)[0];
        // Versailles is 17 km from Paris: in the 10-25 band, whose floor (10 km) is within 12 km, the distance is not.
        await Index.UpsertProfilesAsync([Profile("versailles", [skill], place: Versailles, radiusKm: 12), Profile("paris", [skill], place: Paris, radiusKm: 12)]);

        var banded = await Index.MatchProfilesAsync(Offer("o", [skill], place: Paris), Top100 with { BandedDistance = true });

        Assert.Equal(["paris"], banded.Hits.Select(h => h.Id));
        Assert.Equal(1, banded.Total);
    }

    [Theory]
    [InlineData(0, null, null, "Size")]
    [InlineData(101, null, null, "Size")]
    [InlineData(10, double.NaN, null, "RadiusKm")]
    [InlineData(10, -1.0, null, "RadiusKm")]
    [InlineData(10, null, "abc", "Cursor")]
    [InlineData(10, null, "AAAAAAAAAAA", "Cursor")]
    public async Task BadOptionsAreRefusedNamingTheFieldOnEveryQuery(int size, double? radiusKm, string? cursor, string field)
    {
        var skill = UnlinkedSkills(1)[0];
        var options = new MatchOptions(size, cursor, RadiusKm: radiusKm);

        var offers = await Assert.ThrowsAsync<IndexValidationException>(() => Index.MatchOffersAsync(Profile("p", [skill]), options));
        var profiles = await Assert.ThrowsAsync<IndexValidationException>(() => Index.MatchProfilesAsync(Offer("o", [skill]), options));
        var search = await Assert.ThrowsAsync<IndexValidationException>(() => Index.SearchCandidatesAsync(
            new CandidateQuery([skill.Uri], [], RadiusKm: radiusKm, Size: size, Cursor: cursor, Place: radiusKm is null ? null : Paris)));

        Assert.Equal(field, Assert.Single(offers.Errors).Field);
        Assert.Equal(field, Assert.Single(profiles.Errors).Field);
        Assert.Equal(field, Assert.Single(search.Errors).Field);
    }
}
