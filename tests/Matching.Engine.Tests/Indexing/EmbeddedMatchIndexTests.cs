using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Scoring;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

public sealed class EmbeddedMatchIndexTests : IDisposable
{
    private readonly TempStore _store = new();
    private readonly EmbeddedMatchIndex _index;

    public EmbeddedMatchIndexTests()
    {
        _index = _store.Open();
    }

    public void Dispose()
    {
        _index.Dispose();
        _store.Dispose();
    }

    private static readonly MatchOptions Top100 = new(Size: 100);

    [Fact]
    public async Task ExactMatchBeatsRelatedMatchWhichBeatsMissing()
    {
        var (demanded, via) = PairOfKind(SkillMatchKind.Related);
        var other = UnlinkedSkills(1, start: 5000).First(s => !Linked(s.Id, via.Id) && !Linked(s.Id, demanded.Id));
        await _index.UpsertOffersAsync([
            Offer("exact", [via]),
            Offer("related", [demanded]),
            Offer("missing", [other]),
        ]);

        var page = await _index.MatchOffersAsync(Profile("p", [via]), Top100);

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
        await _index.UpsertOffersAsync([Offer("rome-offer", [rome]), Offer("esco-offer", [esco])]);
        await _index.UpsertProfilesAsync([Profile("rome-seeker", [rome])]);

        var hits = (await _index.MatchOffersAsync(Profile("esco-seeker", [esco]), Top100)).Hits;

        Assert.Equal(["esco-offer", "rome-offer"], hits.Select(h => h.Id));
        // Credited below exact; the seeker's one skill is used as it is, so SupplyUse is whole.
        Assert.Equal(0.9, hits[1].Score, 12);
        Assert.Equal(1, hits[1].Explanation.Parts.SupplyUse);
        var bridge = Assert.Single(hits[1].Explanation.MatchedThroughRelated);
        Assert.Equal(new SkillMatch(rome.Uri, esco.Uri, SkillMatchKind.Aligned, SkillImportance.Essential, 0.9), bridge);

        // The reverse: an ESCO-worded offer finds the ROME-worded seeker, also with related skills refused.
        var candidates = await _index.MatchProfilesAsync(Offer("esco-offer", [esco]), new MatchOptions(Size: 10, AllowRelated: false));
        var hit = Assert.Single(candidates.Hits);
        Assert.Equal("rome-seeker", hit.Id);
        Assert.Equal(new SkillMatch(esco.Uri, rome.Uri, SkillMatchKind.Aligned, SkillImportance.Essential, 0.9), Assert.Single(hit.Explanation.MatchedThroughRelated));
        Assert.Equal(hit.Score, hit.Explanation.Parts.Total);
    }

    [Fact]
    public async Task NarrowerSkillEarnsPartialCreditLabelledWithTheSkillThatMetIt()
    {
        var (broader, narrower) = PairOfKind(SkillMatchKind.Narrower);
        var missing = UnlinkedSkills(3, start: 7000).First(s => !Linked(s.Id, narrower.Id) && !Linked(s.Id, broader.Id));
        await _index.UpsertOffersAsync([Offer("o", [broader, missing])]);

        var hit = Assert.Single((await _index.MatchOffersAsync(Profile("p", [narrower]), Top100)).Hits);

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
        await _index.UpsertOffersAsync([Offer("o", [broader])]);

        var page = await _index.MatchOffersAsync(Profile("p", [narrower]), new MatchOptions(AllowRelated: false));

        Assert.Empty(page.Hits);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task MustHaveSkillExcludesProfilesWithoutIt()
    {
        var skills = UnlinkedSkills(3);
        await _index.UpsertOffersAsync([Offer("strict", [skills[0]], mustHave: [skills[1]]), Offer("lenient", [skills[0], skills[1]])]);

        var without = await _index.MatchOffersAsync(Profile("p", [skills[0]]), Top100);
        var with = await _index.MatchOffersAsync(Profile("p", [skills[0], skills[1]]), Top100);

        Assert.Equal(["lenient"], without.Hits.Select(h => h.Id));
        Assert.Equal(["lenient", "strict"], with.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task MustHaveMetThroughARelatedSkillPassesOnlyWhenRelatedSkillsAreAllowed()
    {
        var (demanded, via) = PairOfKind(SkillMatchKind.Narrower);
        await _index.UpsertOffersAsync([Offer("o", [], mustHave: [demanded])]);
        await _index.UpsertProfilesAsync([Profile("p", [via])]);

        Assert.Single((await _index.MatchProfilesAsync(Offer("q", [], mustHave: [demanded]), Top100)).Hits);
        Assert.Empty((await _index.MatchProfilesAsync(Offer("q", [], mustHave: [demanded]), Top100 with { AllowRelated = false })).Hits);
        Assert.Single((await _index.MatchOffersAsync(Profile("q", [via]), Top100)).Hits);
        Assert.Empty((await _index.MatchOffersAsync(Profile("q", [via]), Top100 with { AllowRelated = false })).Hits);
    }

    [Fact]
    public async Task RadiusExcludesOffersBeyondItAndDistanceLowersTheScoreInside()
    {
        var skill = UnlinkedSkills(1)[0];
        await _index.UpsertOffersAsync([Offer("paris", [skill], place: Paris), Offer("versailles", [skill], place: Versailles), Offer("lyon", [skill], place: Lyon), Offer("nowhere", [skill])]);

        var page = await _index.MatchOffersAsync(Profile("p", [skill], place: Paris, radiusKm: 30), Top100);

        // Equal scores are ordered by id.
        Assert.Equal(["nowhere", "paris", "versailles"], page.Hits.Select(h => h.Id));
        Assert.Equal(1.0, page.Hits[1].Score);
        Assert.Null(page.Hits[0].Explanation.DistanceKm);
        Assert.Equal(0, page.Hits[1].Explanation.DistanceKm);
        Assert.InRange(page.Hits[2].Explanation.DistanceKm!.Value, 15, 25);
        Assert.Equal(1 - 0.3 * page.Hits[2].Explanation.DistanceKm!.Value / 30, page.Hits[2].Score, 12);

        var wider = await _index.MatchOffersAsync(Profile("p", [skill], place: Paris, radiusKm: 30), Top100 with { RadiusKm = 500 });
        Assert.Contains("lyon", wider.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task ContractAndExperienceMisfitsLowerTheScore()
    {
        var skill = UnlinkedSkills(1)[0];
        await _index.UpsertOffersAsync([
            Offer("fit", [skill], contract: ContractType.Permanent),
            Offer("temp", [skill], contract: ContractType.Temporary),
            Offer("senior", [skill], contract: ContractType.Permanent, experience: ExperienceRequirement.Required),
        ]);

        var page = await _index.MatchOffersAsync(Profile("p", [skill], experienceYears: 0, wishes: [ContractType.Permanent]), Top100);
        var scores = page.Hits.ToDictionary(h => h.Id, h => h.Explanation.Parts);

        Assert.Equal(1.0, scores["fit"].Total);
        Assert.Equal(0.85, scores["temp"].Contract);
        Assert.Equal(0.85, scores["temp"].Total, 12);
        Assert.Equal(0.8, scores["senior"].Experience);
        Assert.Equal(0.8, scores["senior"].Total, 12);
    }

    [Fact]
    public async Task BothDirectionsGiveTheSameScoreForEveryPair()
    {
        var random = new Random(42);
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 5).Take(40).ToArray();
        Place[] places = [Paris, Versailles, Lyon];
        var offers = Enumerable.Range(0, 60).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            return Offer($"o{i}",
                occupation.EssentialSkills.Take(6).Select(id => Esco.Skills[id]),
                occupation.OptionalSkills.Take(4).Select(id => Esco.Skills[id]),
                place: random.Next(4) < 3 ? places[random.Next(3)] : null,
                contract: (ContractType)random.Next(4),
                experience: (ExperienceRequirement)random.Next(3)) with
            { ExperienceYears = random.Next(3) == 0 ? random.Next(1, 5) : null };
        }).ToList();
        var profiles = Enumerable.Range(0, 60).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            var skills = occupation.EssentialSkills.Concat(occupation.OptionalSkills).Where(_ => random.Next(2) == 0)
                .Concat(Enumerable.Range(0, 5).Select(_ => random.Next(Esco.Skills.Count)))
                .Distinct().Select(id => Esco.Skills[id]);
            return Profile($"p{i}", skills, place: places[random.Next(3)], radiusKm: random.Next(5, 600),
                experienceYears: random.Next(4) * 0.5, wishes: random.Next(2) == 0 ? [] : [(ContractType)random.Next(1, 4)]);
        }).ToList();
        await _index.UpsertOffersAsync(offers);
        await _index.UpsertProfilesAsync(profiles);

        var pairs = 0;
        foreach (var allowRelated in new[] { true, false })
        {
            var options = new MatchOptions(Size: 100, AllowRelated: allowRelated);
            var byProfile = new Dictionary<(string, string), double>();
            foreach (var profile in profiles)
            {
                foreach (var hit in (await _index.MatchOffersAsync(profile, options)).Hits)
                {
                    byProfile[(hit.Id, profile.Id)] = hit.Score;
                }
            }
            var byOffer = new Dictionary<(string, string), double>();
            foreach (var offer in offers)
            {
                foreach (var hit in (await _index.MatchProfilesAsync(offer, options)).Hits)
                {
                    byOffer[(offer.Id, hit.Id)] = hit.Score;
                    Assert.Equal(hit.Score, hit.Explanation.Parts.Total);
                }
            }
            Assert.Equal(byProfile.OrderBy(kv => kv.Key), byOffer.OrderBy(kv => kv.Key));
            pairs += byProfile.Count;
        }
        Assert.True(pairs > 100, $"only {pairs} matching pairs: the test would prove little");
    }

    [Fact]
    public async Task UpsertingTheSameDocumentTwiceCreatesThenUpdatesAndKeepsOneHit()
    {
        var skill = UnlinkedSkills(1)[0];
        var offer = Offer("o", [skill]);

        var first = await _index.UpsertOffersAsync([offer]);
        var second = await _index.UpsertOffersAsync([offer]);
        Assert.Equal((1, 0), (first.Created, first.Updated));
        Assert.True(first.WasCreated(offer.Id));
        Assert.Equal((0, 1), (second.Created, second.Updated));
        Assert.False(second.WasCreated(offer.Id));

        Assert.Single((await _index.MatchOffersAsync(Profile("p", [skill]), Top100)).Hits);
        Assert.Equal(new IndexCounts(1, 0), await _index.CountAsync());
    }

    [Fact]
    public async Task AnUpdateReplacesTheOldVersionInResults()
    {
        var skills = UnlinkedSkills(2);
        await _index.UpsertOffersAsync([Offer("o", [skills[0]])]);
        await _index.UpsertOffersAsync([Offer("o", [skills[1]])]);

        Assert.Empty((await _index.MatchOffersAsync(Profile("p", [skills[0]]), Top100)).Hits);
        Assert.Single((await _index.MatchOffersAsync(Profile("p", [skills[1]]), Top100)).Hits);
        Assert.Equal(skills[1].Uri, Assert.Single((await _index.GetOfferAsync("o"))!.Skills).SkillUri);
    }

    [Fact]
    public async Task DeleteRemovesFromResultsAndFromTheStore()
    {
        var skill = UnlinkedSkills(1)[0];
        await _index.UpsertOffersAsync([Offer("a", [skill]), Offer("b", [skill])]);
        await _index.UpsertProfilesAsync([Profile("p", [skill])]);

        Assert.Equal(1, await _index.DeleteOffersAsync(["a", "unknown"]));
        Assert.Equal(1, await _index.DeleteProfilesAsync(["p"]));

        Assert.Equal(["b"], (await _index.MatchOffersAsync(Profile("q", [skill]), Top100)).Hits.Select(h => h.Id));
        Assert.Empty((await _index.MatchProfilesAsync(Offer("q", [skill]), Top100)).Hits);
        Assert.Null(await _index.GetOfferAsync("a"));
        Assert.Null(await _index.GetProfileAsync("p"));
        Assert.Equal(new IndexCounts(1, 0), await _index.CountAsync());
    }

    [Fact]
    public async Task PagingWithTheCursorReturnsEveryHitOnceInOrder()
    {
        var skills = UnlinkedSkills(4);
        var random = new Random(7);
        // Many ties on purpose: the id breaks them.
        var offers = Enumerable.Range(0, 53).Select(i => Offer($"o{i:D2}", skills.Where(_ => random.Next(2) == 0).DefaultIfEmpty(skills[0]))).ToList();
        await _index.UpsertOffersAsync(offers);
        var profile = Profile("p", skills.Take(2));
        var all = await _index.MatchOffersAsync(profile, Top100);

        var paged = new List<MatchHit>();
        string? cursor = null;
        do
        {
            var page = await _index.MatchOffersAsync(profile, new MatchOptions(Size: 7, Cursor: cursor));
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
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => _index.MatchOffersAsync(Profile("p", UnlinkedSkills(1)), new MatchOptions(Cursor: "!!")));
        Assert.Equal("Cursor", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task SearchableOnlyHidesProfilesThatDidNotConsent()
    {
        var skill = UnlinkedSkills(1)[0];
        await _index.UpsertProfilesAsync([Profile("yes", [skill], searchable: true), Profile("no", [skill], searchable: false)]);

        var all = await _index.MatchProfilesAsync(Offer("o", [skill]), Top100);
        var consenting = await _index.MatchProfilesAsync(Offer("o", [skill]), Top100 with { SearchableOnly = true });

        Assert.Equal(["no", "yes"], all.Hits.Select(h => h.Id));
        Assert.Equal(["yes"], consenting.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task CandidateSearchFiltersOnMustHaveRadiusContractAndExperienceWithFacets()
    {
        var skills = UnlinkedSkills(3);
        await _index.UpsertProfilesAsync([
            Profile("full", skills, place: Paris, experienceYears: 4, wishes: [ContractType.Permanent]),
            Profile("partial", [skills[0]], place: Versailles, experienceYears: 2),
            Profile("no-must", [skills[1], skills[2]], place: Paris),
            Profile("far", skills, place: Lyon, radiusKm: 1000),
            Profile("hidden", skills, place: Paris, searchable: false),
            Profile("junior", skills, place: Paris, experienceYears: 0.5),
            Profile("temp-only", skills, place: Paris, wishes: [ContractType.Temporary]),
        ]);

        var result = await _index.SearchCandidatesAsync(new CandidateQuery(
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
        await _index.UpsertOffersAsync([
            Offer("o1", [skills[0]], place: Paris, occupationUri: occupation.Uri),
            Offer("o2", [skills[0]], place: Versailles),
            Offer("o3", [skills[0]], place: Lyon, occupationUri: occupation.Uri),
            Offer("o4", [skills[1]], place: Paris),
        ]);
        await _index.UpsertProfilesAsync([
            Profile("p1", [skills[0]], place: Paris, targets: [occupation.Uri]),
            Profile("p2", [skills[0], skills[1]], place: Lyon),
            Profile("p3", [skills[1]]),
        ]);

        var nationwide = await _index.SupplyDemandAsync(new SupplyDemandQuery(skills[0].Uri, null));
        var nearParis = await _index.SupplyDemandAsync(new SupplyDemandQuery(skills[0].Uri, null, Paris, 50));
        var byOccupation = await _index.SupplyDemandAsync(new SupplyDemandQuery(null, occupation.Uri));

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
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => _index.SupplyDemandAsync(new SupplyDemandQuery(null, null)));
        Assert.Equal("SkillUri", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task ABatchWithOneUnknownSkillUriIsRejectedWholeNamingTheItemAndField()
    {
        var skill = UnlinkedSkills(1)[0];
        var bad = Offer("bad", [skill]) with { Skills = [new DemandedSkill(skill.Uri, SkillImportance.Essential), new DemandedSkill("http://data.europa.eu/esco/skill/nope", SkillImportance.Optional)] };

        var error = await Assert.ThrowsAsync<IndexValidationException>(() => _index.UpsertOffersAsync([Offer("good", [skill]), bad]));

        var only = Assert.Single(error.Errors);
        Assert.Equal("bad", only.ItemId);
        Assert.Equal("Skills[1].SkillUri", only.Field);
        Assert.Contains("nope", only.Message);
        Assert.Equal(new IndexCounts(0, 0), await _index.CountAsync());
        Assert.Null(await _index.GetOfferAsync("good"));
        Assert.Empty((await _index.MatchOffersAsync(Profile("p", [skill]), Top100)).Hits);
    }

    [Fact]
    public async Task InvalidProfileFieldsAreAllReported()
    {
        var error = await Assert.ThrowsAsync<IndexValidationException>(() => _index.UpsertProfilesAsync([
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
        await _index.UpsertOffersAsync([offer]);
        await _index.UpsertProfilesAsync([profile]);

        var gotOffer = await _index.GetOfferAsync("o");
        var gotProfile = await _index.GetProfileAsync("p");

        Assert.Equal(offer with { Skills = [] }, gotOffer! with { Skills = [] });
        Assert.Equal(offer.Skills, gotOffer!.Skills);
        Assert.Equal(profile.Skills, gotProfile!.Skills);
        Assert.Equal(profile.ContractWishes, gotProfile.ContractWishes);
        Assert.Equal(profile.Place, gotProfile.Place);
    }

    [Fact]
    public async Task ReopeningTheStoreRebuildsTheSameResults()
    {
        var random = new Random(3);
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 5).Take(10).ToArray();
        var offers = Enumerable.Range(0, 30).Select(i => Offer($"o{i}", occupations[i % 10].EssentialSkills.Take(5).Select(id => Esco.Skills[id]),
            occupations[i % 10].OptionalSkills.Take(2).Select(id => Esco.Skills[id]), place: i % 3 == 0 ? Paris : Versailles, contract: (ContractType)(i % 3),
            occupationUri: occupations[i % 10].Uri)).ToList();
        var profiles = Enumerable.Range(0, 20).Select(i => Profile($"p{i}", occupations[i % 10].EssentialSkills.Skip(i % 3).Take(4).Select(id => Esco.Skills[id]),
            place: Paris, experienceYears: i % 4, searchable: i % 2 == 0)).ToList();
        await _index.UpsertOffersAsync(offers);
        await _index.UpsertProfilesAsync(profiles);
        await _index.DeleteOffersAsync(["o5"]);
        await _index.UpsertOffersAsync([offers[7] with { Place = Lyon }]);

        var before = await Snapshot(_index, profiles, offers);
        _index.Dispose();
        using var reopened = _store.Open();
        var after = await Snapshot(reopened, profiles, offers);

        Assert.Equal(before, after);
        Assert.Equal(new IndexCounts(29, 20), await reopened.CountAsync());
    }

    private static async Task<List<string>> Snapshot(EmbeddedMatchIndex index, List<ProfileDocument> profiles, List<OfferDocument> offers)
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
    public async Task ManyUpdatesTriggerCompactionWithoutLosingDocuments()
    {
        var skills = UnlinkedSkills(2);
        var offers = Enumerable.Range(0, DocumentTable.MinDeadToCompact + 100).Select(i => Offer($"o{i}", [skills[i % 2]])).ToList();
        await _index.UpsertOffersAsync(offers);

        var result = await _index.UpsertOffersAsync([.. offers.Select(o => o with { Skills = [new DemandedSkill(skills[0].Uri, SkillImportance.Essential)] })]);

        Assert.Equal((0, offers.Count), (result.Created, result.Updated));
        Assert.Equal(offers.Count, (await _index.CountAsync()).Offers);
        Assert.Equal(offers.Count, (await _index.MatchOffersAsync(Profile("p", [skills[0]]), Top100)).Total);
        Assert.Equal(0, (await _index.MatchOffersAsync(Profile("p", [skills[1]]), Top100)).Total);
    }

    [Fact]
    public async Task ReadersRunningDuringWritesSeeWholeBatchesOnly()
    {
        var skill = UnlinkedSkills(1)[0];
        const int BatchSize = 20;
        var writer = Task.Run(async () =>
        {
            for (var b = 0; b < 30; b++)
            {
                await _index.UpsertOffersAsync([.. Enumerable.Range(b * BatchSize, BatchSize).Select(i => Offer($"o{i}", [skill]))]);
            }
        });
        var profile = Profile("p", [skill]);
        while (!writer.IsCompleted)
        {
            var total = (await _index.MatchOffersAsync(profile, new MatchOptions(Size: 1))).Total;
            Assert.Equal(0, total % BatchSize);
        }
        await writer;
        Assert.Equal(30 * BatchSize, (await _index.MatchOffersAsync(profile, new MatchOptions(Size: 1))).Total);
    }
}
