using Matching.Engine.Alerts;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Tests.Indexing;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Journey;

/// <summary>The alerts' scorer gives the index's score (both directions, banded, with evidence) and its filters.</summary>
public sealed class AlertScorerTests : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task The_pair_scorer_gives_the_index_score_of_every_matching_pair_and_excludes_what_the_index_filters()
    {
        var skills = UnlinkedSkills(6);
        var (demanded, via) = PairOfKind(SkillMatchKind.Related);
        OfferDocument[] offers =
        [
            Offer("o1", [skills[0], skills[1]], [skills[2]], Paris, ContractType.Permanent, ExperienceRequirement.Required),
            Offer("o2", [skills[0], demanded], place: Versailles),
            Offer("o3", [skills[3]], mustHave: [skills[4]], place: Paris),
            Offer("o4", [skills[0]], place: Lyon),
        ];
        var profiles = new[]
        {
            Profile("p1", [skills[0], skills[2], via], Paris, wishes: [ContractType.FixedTerm], experienceYears: 0.5),
            Profile("p2", [skills[0], skills[1], skills[3]], Versailles) with
            {
                Skills = [new OfferedSkill(skills[0].Uri, SkillEvidence.AdviserConfirmed), new OfferedSkill(skills[1].Uri, SkillEvidence.Training), new OfferedSkill(skills[3].Uri)],
            },
        };
        await using var index = _store.Open();
        await index.UpsertOffersAsync(offers);
        await index.UpsertProfilesAsync(profiles);
        var scorer = new AlertScorer(Esco, Graph);

        foreach (var profile in profiles)
        {
            var page = await index.MatchOffersAsync(profile, new MatchOptions(100));
            foreach (var offer in offers)
            {
                var hit = page.Hits.SingleOrDefault(h => h.Id == offer.Id);
                var score = scorer.Score(offer, profile);
                Assert.Equal(hit?.Score, score);
            }
        }
        foreach (var offer in offers)
        {
            var page = await index.MatchProfilesAsync(offer, new MatchOptions(100, BandedDistance: true));
            foreach (var profile in profiles)
            {
                Assert.Equal(page.Hits.SingleOrDefault(h => h.Id == profile.Id)?.Score, scorer.Score(offer, profile, banded: true));
            }
        }
        // Filters: o3's must-have is met by nobody; Lyon is beyond both radii.
        Assert.Null(scorer.Score(offers[2], profiles[1]));
        Assert.Null(scorer.Score(offers[3], profiles[0]));
    }

    [Fact]
    public async Task An_offer_given_by_a_departement_or_a_region_alerts_the_seekers_whose_circle_reaches_it_as_the_index_matches_them()
    {
        var skills = UnlinkedSkills(2);
        OfferDocument[] offers =
        [
            Offer("hs", [skills[0], skills[1]]) with { PlaceArea = new PlaceArea(PlaceScope.Departement, "74 - Haute-Savoie", "74") },
            Offer("idf", [skills[0]]) with { PlaceArea = new PlaceArea(PlaceScope.Region, "Ile-de-France") },
            Offer("fr", [skills[0]]) with { PlaceArea = new PlaceArea(PlaceScope.Country, "France") },
        ];
        ProfileDocument[] profiles =
        [
            Profile("annecy", [skills[0], skills[1]], Annecy, radiusKm: 10),
            Profile("lyon", [skills[0]], Lyon, radiusKm: 10),
            Profile("versailles", [skills[0]], Versailles, radiusKm: 5),
        ];
        await using var index = _store.Open();
        await index.UpsertOffersAsync(offers);
        var scorer = new AlertScorer(Esco, Graph, PlaceAreas);

        foreach (var profile in profiles)
        {
            var page = await index.MatchOffersAsync(profile, new MatchOptions(100));
            foreach (var offer in offers)
            {
                Assert.Equal(page.Hits.SingleOrDefault(h => h.Id == offer.Id)?.Score, scorer.Score(offer, profile));
            }
        }
        Assert.NotNull(scorer.Score(offers[0], profiles[0]));
        Assert.Null(scorer.Score(offers[0], profiles[1]));
        Assert.NotNull(scorer.Score(offers[1], profiles[2]));
        Assert.Null(scorer.Score(offers[1], profiles[1]));
        Assert.NotNull(scorer.Score(offers[2], profiles[1]));
    }

    [Fact]
    public void Evidence_weighs_from_declared_to_confirmed_between_0_9_and_1()
    {
        Assert.Equal(0.9, MatchScorer.Evidence(0), 10);
        Assert.Equal(1, MatchScorer.Evidence(1), 10);
        Assert.Equal(0.93, MatchScorer.Evidence(MatchScorer.Attested([new OfferedSkill("a"), new OfferedSkill("b")])), 10);
        Assert.Equal(0.99, MatchScorer.Evidence(MatchScorer.Attested(
            [new OfferedSkill("a", SkillEvidence.AdviserConfirmed), new OfferedSkill("b", SkillEvidence.ColleagueEndorsed)])), 10);
        // A skill listed twice counts once, with its strongest evidence.
        Assert.Equal(1, MatchScorer.Attested([new OfferedSkill("a"), new OfferedSkill("a", SkillEvidence.AdviserConfirmed)]), 10);
    }

    public void Dispose() => _store.Dispose();
}
