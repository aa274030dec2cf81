using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Coach.Web.Components;
using Coach.Web.Seekers;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Data;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Seekers;

namespace Coach.Web.Tests;

/// <summary>
/// An offer card as the seeker reads it, sentence by sentence: no separator before nothing, the share next to the skills that
/// make it (missing optional ones included), plurals, the distance and the penalties in words, dates an English reader reads.
/// </summary>
public sealed partial class OfferCardTextTests : BunitContext
{
    private static readonly ScoreParts Parts = new(1, 0, 0.6, 0.48, 0.8, 1, 1, 0.38) { Demand = 0.75 };

    private static SkillMatchView Met(string label) => new(new SkillRef("u:" + label, label), new SkillRef("u:" + label, label), "Exact", "Essential", 1);

    private static OfferSummary Offer(string? company) =>
        new("o1", "Aide-soignant / Aide-soignante", company, null, "J1501", "Armentières", "59017", "FixedTerm", "Desired", null, new DateTimeOffset(2021, 11, 4, 0, 0, 0, TimeSpan.Zero));

    private static AssessmentView View(long total, params OfferMatchView[] hits) =>
        new(null, null, new RenderedDiagnosis(null, null, [], []), [], [], null, [], new MarketFacts(), hits, MatchesTotal: total);

    private static OfferMatchView Hit(OfferSummary offer, ExplanationView explanation) => new(offer.Id, 0.38, offer, explanation);

    private static string Text(string text) => Spaces().Replace(text, " ").Trim();

    private void Culture(string culture) => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

    [Theory]
    [InlineData("fr", null, "Armentières · CDD · publiée le 04/11/2021")]
    [InlineData("fr", "EHPAD Les Tilleuls", "EHPAD Les Tilleuls · Armentières · CDD · publiée le 04/11/2021")]
    // An English reader does not read 11/4/2021 as the 11th of April.
    [InlineData("en", null, "Armentières · Fixed-term (CDD) · posted on 4 Nov 2021")]
    public void An_offer_without_an_employer_starts_with_its_place_not_a_separator(string culture, string? company, string meta)
    {
        Culture(culture);
        var page = Render<SeekerResults>(p => p.Add(c => c.View, View(1, Hit(Offer(company), new ExplanationView([Met("hygiène")], [], [], [], 13.7, Parts)))).Add(c => c.AskInline, false));

        Assert.Equal(meta, Text(page.Find("[data-testid=offer] .meta").TextContent));
    }

    [Theory]
    [InlineData("fr", 13.7, "75 % des compétences demandées à 13,7 km")]
    [InlineData("fr", 0, "75 % des compétences demandées dans votre commune ou tout près")]
    [InlineData("en", 0.4, "75% of the skills asked in or right next to your town")]
    public void The_share_and_the_distance_read_as_words_apart(string culture, double km, string line)
    {
        Culture(culture);
        var card = Render<Explanation>(p => p.Add(c => c.Value, new ExplanationView([Met("hygiène")], [], [], [], km, Parts)));

        Assert.Equal(line, Text(card.Find(".score").TextContent));
    }

    [Fact]
    public void The_share_stands_next_to_the_optional_skills_missing_as_well()
    {
        Culture("fr");
        // All essential skills met, no optional one: 75 %, and the card says which skills make the other quarter.
        var explanation = new ExplanationView([Met("hygiène en milieu médical")], [], [], [new SkillRef("u:med", "médicaments"), new SkillRef("u:pharma", "pharmacologie")], 13.7, Parts);

        var card = Render<Explanation>(p => p.Add(c => c.Value, explanation));

        Assert.Equal(["✓ hygiène en milieu médical", "✗ médicaments", "✗ pharmacologie"], card.FindAll(".skill").Select(c => c.TextContent));
        Assert.Equal(2, card.FindAll(".skill.no.optional").Count);
    }

    [Theory]
    [InlineData("fr", 9, "et 1 autre")]
    [InlineData("fr", 10, "et 2 autres")]
    [InlineData("en", 9, "and 1 more")]
    public void One_skill_more_is_one_not_ones(string culture, int skills, string more)
    {
        Culture(culture);
        var explanation = new ExplanationView([.. Enumerable.Range(1, skills).Select(i => Met("compétence " + i))], [], [], [], 2, Parts);

        var card = Render<Explanation>(p => p.Add(c => c.Value, explanation));

        Assert.Equal(more, card.Find("details.more summary").TextContent.Trim());
    }

    [Theory]
    [InlineData("fr", null, "Ce contrat n'est pas parmi ceux que vous souhaitez : offre classée plus bas (score × 0,5).",
        "Offre d'un métier proche du vôtre : classée plus bas (score × 0,5).")]
    // The recruiter reads about the candidate's wishes, not "yours".
    [InlineData("fr", "0-10", "Contrat hors des souhaits du candidat : classé plus bas (score × 0,5).",
        "Le candidat vise un métier proche de celui-ci : classé plus bas (score × 0,5).")]
    [InlineData("en", null, "This contract is not one you asked for: the offer is ranked lower (score × 0.5).",
        "An offer for a job close to yours: ranked lower (score × 0.5).")]
    public void A_lowered_score_says_why_to_whom_it_concerns(string culture, string? band, string contract, string occupation)
    {
        Culture(culture);
        var parts = Parts with { Contract = 0.5, Occupation = MatchScorer.OccupationClose };

        var card = Render<Explanation>(p => p.Add(c => c.Value, new ExplanationView([Met("hygiène")], [], [], [], band is null ? 3 : null, parts)).Add(c => c.DistanceBand, band));

        Assert.Equal(contract, card.Find("[data-testid=contract-penalty]").TextContent);
        Assert.Equal(occupation, card.Find("[data-testid=occupation-penalty]").TextContent);
    }

    [Theory]
    [InlineData("fr", 2, "2 offres correspondent :")]
    [InlineData("fr", 50, "50 offres correspondent ; les meilleures :")]
    [InlineData("en", 2, "2 offers fit:")]
    public void The_best_are_named_so_only_when_some_are_left_out(string culture, long total, string line)
    {
        Culture(culture);
        var explanation = new ExplanationView([Met("hygiène")], [], [], [], 3, Parts);
        var view = View(total, Hit(Offer(null), explanation), Hit(Offer(null) with { Id = "o2" }, explanation));

        var page = Render<SeekerResults>(p => p.Add(c => c.View, view).Add(c => c.AskInline, false));

        Assert.Equal(line, page.Find("section[aria-labelledby=offers-h] > p").TextContent.Trim());
    }

    [Fact]
    public void A_recruiters_offers_are_told_apart_by_place_and_date()
    {
        Culture("fr");
        var offer = new OfferDocument
        {
            Id = "o1",
            Title = "Assistant / Assistante de vie auprès de personnes âgées H/F",
            Place = new Place(46.2, 5.22, "01053", "Bourg-en-Bresse"),
            CreatedAt = new DateTimeOffset(2025, 8, 5, 10, 0, 0, TimeSpan.Zero),
        };

        Assert.Equal("Assistant / Assistante de vie auprès de personnes âgées H/F · Bourg-en-Bresse (01) · 05/08/2025", Coach.Web.Recruiters.CandidateSearch.OfferOption(offer, s_geography.Value));
        Assert.Equal("Aide ménager H/F · Ain", Coach.Web.Recruiters.CandidateSearch.OfferOption(
            new OfferDocument { Id = "o2", Title = "Aide ménager H/F", PlaceArea = new PlaceArea(PlaceScope.Departement, "Ain", "01") }, s_geography.Value));
    }

    private static readonly Lazy<GeographyData> s_geography = new(() => GeographyData.Load(DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory)));

    [Theory]
    [InlineData("74 - LA BALME DE SILLINGY", "74026", PlaceScope.Commune, "Vendeur H/F · La Balme-de-Sillingy (74)")]
    [InlineData("01 - REYRIEUX", "01322", PlaceScope.Commune, "Vendeur H/F · Reyrieux (01)")]
    [InlineData("75 - Paris 11e Arrondissement", "75111", PlaceScope.Commune, "Vendeur H/F · 75 - Paris 11e Arrondissement")]
    [InlineData("74 - Savoie (Haute)", "74", PlaceScope.Departement, "Vendeur H/F · Haute-Savoie (74)")]
    [InlineData("France", null, PlaceScope.Country, "Vendeur H/F · France")]
    public void A_recruiters_offer_from_france_travail_names_its_place_as_a_person_writes_it(string libelle, string? code, PlaceScope scope, string option)
    {
        Culture("fr");
        var offer = scope == PlaceScope.Commune
            ? new OfferDocument { Id = "ft", Title = "Vendeur H/F", Place = new Place(45.9, 6.0, code, libelle) }
            : new OfferDocument { Id = "ft", Title = "Vendeur H/F", PlaceArea = new PlaceArea(scope, libelle, code) };

        Assert.Equal(option, Coach.Web.Recruiters.CandidateSearch.OfferOption(offer, s_geography.Value));
    }

    [Fact]
    public void A_seekers_card_shows_the_readable_place()
    {
        Culture("fr");
        var stored = new OfferDocument { Id = "o1", Title = "Aide-soignant / Aide-soignante", Place = new Place(50.69, 2.88, "59017", "59 - ARMENTIERES") };
        var offer = OfferSummary.Of(stored, geography: s_geography.Value);
        var explanation = new ExplanationView([Met("hygiène")], [], [], [], 3, Parts);

        var page = Render<SeekerResults>(p => p.Add(c => c.View, View(1, Hit(offer, explanation))).Add(c => c.AskInline, false));

        Assert.Contains("Armentières (59)", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("59 - ARMENTIERES", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "0-10", "0–10 km", "0-1", "moins d'un an")]
    [InlineData("fr", "50+", "plus de 50 km", "5+", "5 ans et plus")]
    [InlineData("fr", "25-50", "25–50 km", "1-3", "1–3 ans")]
    [InlineData("en", "50+", "over 50 km", "0-1", "under a year")]
    [InlineData("fr", "unknown", "distance inconnue", "3-5", "3–5 ans")]
    public void The_recruiters_facets_read_as_words(string culture, string distance, string distanceText, string years, string yearsText)
    {
        Culture(culture);

        Assert.Equal(distanceText, Coach.Web.Recruiters.CandidateSearch.Band(distance));
        Assert.Equal(yearsText, Coach.Web.Recruiters.CandidateSearch.YearsBand(years));
    }

    [Theory]
    [InlineData("fr", 0, "Vous n'avez encore aucune des 24 compétences clés du métier")]
    [InlineData("fr", 5, "Vous avez déjà 5 des 24 compétences clés du métier")]
    [InlineData("en", 0, "You have none of the job's 24 key skills yet")]
    public void Exploring_a_job_says_none_rather_than_zero_of_its_key_skills(string culture, int held, string text)
    {
        Culture(culture);

        Assert.Equal(text, Coach.Web.Journey.ExplorePage.Held(held, 24));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
