using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// The target job's local market (live counts, the offers behind the skills gap) is kept between assessments only
/// while the index has seen no write: an offer posted or deleted shows in the very next assessment.
/// </summary>
public sealed class LocalMarketCacheTests() : SeekerCoachIndexTest("coach-local-market-")
{
    private OfferDocument OfferOfTheTarget(string id)
    {
        var target = _coach.UnderstandTarget(s_carer)!;
        var taxonomy = TaxonomyFixture.Taxonomy;
        var occupation = taxonomy.OccupationByUri(target.OccupationUri!)!;
        return new OfferDocument
        {
            Id = id,
            Title = "Aide-soignant(e) de nuit",
            OccupationUri = occupation.Uri,
            Skills = [.. occupation.EssentialSkills.Take(6).Select(s => new DemandedSkill(taxonomy.Skills[s].Uri, SkillImportance.Essential))],
            Place = _coach.ResolvePlace(s_carer),
            Contract = ContractType.Permanent,
        };
    }

    [Fact]
    public async Task An_offer_posted_or_deleted_shows_in_the_next_assessment_and_an_unchanged_index_gives_the_same_market()
    {
        var before = await _coach.AssessAsync(s_carer, s_today, "fr");
        Assert.Equal(0, before.Facts.LiveOffers);

        await _index.UpsertOffersAsync([OfferOfTheTarget("o1"), OfferOfTheTarget("o2")]);
        var after = await _coach.AssessAsync(s_carer, s_today, "fr");
        Assert.Equal(2, after.Facts.LiveOffers);
        var again = await _coach.AssessAsync(s_carer with { ApplicationsSoFar = 12 }, s_today, "fr");
        Assert.Equal(2, again.Facts.LiveOffers);
        Assert.Equal(after.SkillsGap?.Basis, again.SkillsGap?.Basis);

        await _index.DeleteOffersAsync(["o1"]);
        Assert.Equal(1, (await _coach.AssessAsync(s_carer, s_today, "fr")).Facts.LiveOffers);
    }
}
