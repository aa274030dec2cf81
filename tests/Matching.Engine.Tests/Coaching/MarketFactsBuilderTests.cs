using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Geography;
using Matching.Engine.Market;
using Matching.Engine.Tests.Geography;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class MarketFactsBuilderTests
{
    private static GeographyData Geo => TestData.Geography;

    private static MarketData Market => TestData.Market;

    // Bruz, a town of 18,000 south of Rennes: the city next door has far more offers per inhabitant.
    private static readonly SeekerProfile s_seeker = Settled with { Commune = "35047", Postcode = null };

    [Fact]
    public void Reads_the_dares_tension_of_the_seekers_employment_area()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, "J1501", includeCommutes: false);

        var commune = Geo.Resolve("35047")!;
        Assert.Equal(commune.EmploymentAreaCode, facts.AreaCode);
        Assert.Equal("Rennes", facts.AreaName);
        Assert.True(Market.TryGetTension("J1501", commune.EmploymentAreaCode!, out var tension));
        Assert.Equal(10 * tension.OffersRegistered / tension.JobSeekers, facts.OffersPerTenJobSeekers);
        Assert.Equal(tension.TensionIndicator, facts.TensionIndicator);
        Assert.Equal(ApplicationChannels.FromContactMode(Market.MainHiringChannel("J1501")), facts.MainApplicationChannel);
        Assert.NotEqual(ApplicationChannel.Unknown, facts.MainApplicationChannel);
        Assert.Empty(facts.BetterCommunes);
        Assert.Null(facts.DiplomaUsuallyRequired);
    }

    [Fact]
    public void An_area_without_a_figure_for_the_job_gets_its_departements_summed_over_its_areas()
    {
        // Public relations (E1103) has figures in 73 employment areas only: Guéret's is not one of them.
        var gueret = Geo.Resolve("23096")!;
        Assert.False(Market.TryGetTension("E1103", gueret.EmploymentAreaCode!, out _));
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker with { Commune = "23096" }, "E1103", includeCommutes: false);

        var departementAreas = Geo.Communes.Where(c => c.DepartementCode == "23" && c.EmploymentAreaCode is not null).Select(c => c.EmploymentAreaCode).ToHashSet();
        var regionAreas = Geo.Communes.Where(c => c.RegionCode == gueret.RegionCode && c.EmploymentAreaCode is not null).Select(c => c.EmploymentAreaCode).ToHashSet();
        var rows = Market.TensionsForRome("E1103");
        var (scope, used) = rows.Any(t => departementAreas.Contains(t.EmploymentAreaCode)) ? (MarketScope.Departement, rows.Where(t => departementAreas.Contains(t.EmploymentAreaCode)))
            : rows.Any(t => regionAreas.Contains(t.EmploymentAreaCode)) ? (MarketScope.Region, rows.Where(t => regionAreas.Contains(t.EmploymentAreaCode)))
            : (MarketScope.Country, rows);
        Assert.Equal(scope, facts.OffersPerTenScope);
        Assert.Equal(10 * used.Sum(t => t.OffersRegistered) / used.Sum(t => t.JobSeekers), facts.OffersPerTenJobSeekers!.Value, 9);
        Assert.NotNull(facts.OffersPerTenScopeName);
        Assert.Null(facts.TensionIndicator);
    }

    [Fact]
    public void Offers_of_december_2021_are_counted_within_the_radius()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker with { RadiusKm = 20 }, "J1501");
        var centre = Geo.Resolve("35047")!.Location!.Value;
        var expected = Geo.CommunesWithin(centre, 20).Sum(n => Market.OfferCounts.Count(n.Commune.InseeCode, "J1501"));
        Assert.True(expected > 0);
        Assert.Equal(expected, facts.Offers2021WithinRadius);
        Assert.Equal(20, facts.RadiusKm);
    }

    [Fact]
    public void Reads_the_diploma_requirement_from_the_rome_sheet_when_given_the_taxonomy()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, "M1204", TaxonomyFixture.Taxonomy, includeCommutes: false);
        // ROME 4.0: "accessible avec un diplôme de niveau Bac +3 à Bac +5 en Économie, Gestion ou Finance".
        Assert.True(facts.DiplomaUsuallyRequired);
        Assert.Equal(DiplomaLevel.Bac3, facts.RequiredDiploma);
        Assert.Equal(false, facts.Regulated);
        Assert.Empty(facts.CloseJobs); // close jobs are the caller's
    }

    [Theory]
    // ROME 4.0 work contexts: home help (K1302, K1304) lists work at private homes and a départemental zone: rounds.
    [InlineData("K1302", true)]
    [InlineData("K1304", true)]
    // At private homes only (a nurse, a childminder, a plumber may work at one home), a zone only (a guard's sites), neither.
    [InlineData("J1506", false)]
    [InlineData("K1303", false)]
    [InlineData("F1603", false)]
    [InlineData("K2503", false)]
    [InlineData("J1501", false)]
    public void Rounds_from_home_to_home_are_a_sheet_listing_private_homes_and_an_area_zone(string rome, bool rounds)
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, rome, TaxonomyFixture.Taxonomy, includeCommutes: false);
        if (rounds)
        {
            Assert.Equal("Au domicile d'un particulier", facts.TravellingWorkContexts[0]);
            Assert.StartsWith("Zone ", facts.TravellingWorkContexts[1]);
        }
        else
        {
            Assert.Empty(facts.TravellingWorkContexts);
        }
        Assert.Empty(MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, rome, includeCommutes: false).TravellingWorkContexts);
    }

    [Fact]
    public void The_seekers_commune_gives_its_population()
    {
        Assert.Equal(Geo.Resolve(s_seeker.Commune)!.Population, MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, "J1501", includeCommutes: false).CommunePopulation);
        Assert.Null(MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker with { Commune = null, Postcode = null }, "J1501", includeCommutes: false).CommunePopulation);
    }

    [Fact]
    public void The_local_market_of_any_job_is_the_areas_figure_else_a_wider_scopes()
    {
        var bruz = Geo.Resolve("35047")!;
        var marketOf = MarketFactsBuilder.LocalMarket(Market, Geo, bruz);
        Assert.True(Market.TryGetTension("J1501", bruz.EmploymentAreaCode!, out var tension));
        Assert.Equal(tension.OffersPerTenJobSeekers, marketOf("J1501"));
        // A job without a figure in the area still gets one from around it.
        var elsewhere = TaxonomyFixture.Taxonomy.RomeJobs.Select(j => j.Code).Order(StringComparer.Ordinal)
            .First(code => Market.TensionsForRome(code).Count > 0 && !Market.TryGetTension(code, bruz.EmploymentAreaCode!, out _));
        Assert.NotNull(marketOf(elsewhere));
        Assert.Null(MarketFactsBuilder.LocalMarket(Market, Geo, null)("J1501"));
        // And says where that figure comes from (an accountant of Annecy read 510 offers per 10 job seekers for a close job as if it
        // were her area's): the area's own figure has no scope, a wider one names its département, région or France.
        var scoped = MarketFactsBuilder.LocalMarketScoped(Market, Geo, bruz);
        Assert.Equal((tension.OffersPerTenJobSeekers, (string?)null), scoped("J1501"));
        var (perTen, scope) = scoped(elsewhere);
        Assert.Equal(marketOf(elsewhere), perTen);
        var (widerPerTen, widerScope, widerName) = MarketFactsBuilder.Wider(Market, Geo, bruz, elsewhere);
        Assert.Equal(widerPerTen, perTen);
        Assert.Equal(widerScope == MarketScope.Country ? "France" : widerName, scope);
    }

    [Fact]
    public void Less_tense_areas_are_better_than_home_best_first_and_named()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, "J1501", includeCommutes: false);

        Assert.InRange(facts.LessTenseAreas.Count, 1, 3);
        Assert.All(facts.LessTenseAreas, a =>
        {
            Assert.NotEqual(facts.AreaCode, a.AreaCode);
            Assert.True(a.OffersPerTenJobSeekers > facts.OffersPerTenJobSeekers);
            Assert.Equal(Geo.EmploymentArea(a.AreaCode)!.Name, a.AreaName, ignoreCase: true);
        });
        Assert.Equal(facts.LessTenseAreas.Select(a => a.OffersPerTenJobSeekers).OrderDescending(), facts.LessTenseAreas.Select(a => a.OffersPerTenJobSeekers));
    }

    [Fact]
    public void Nearby_communes_have_more_offers_per_inhabitant_than_home()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker, "J1501");

        Assert.NotEmpty(facts.BetterCommunes);
        var home = Geo.Resolve("35047")!;
        var homeRate = (double)Market.OfferCounts.Count("35047", "J1501") / home.Population;
        Assert.All(facts.BetterCommunes, c =>
        {
            var commune = Geo.Resolve(c.CommuneCode)!;
            Assert.Equal(commune.Name, c.Name);
            Assert.InRange(c.DistanceKm, 0, MarketFactsBuilder.CommuteSearchKm);
            Assert.True(c.Ratio > 1);
            if (homeRate > 0)
            {
                Assert.Equal((double)Market.OfferCounts.Count(c.CommuneCode, "J1501") / commune.Population / homeRate, c.Ratio, 2);
            }
        });
        Assert.Equal(facts.BetterCommunes.Select(c => c.Ratio).OrderDescending(), facts.BetterCommunes.Select(c => c.Ratio));
    }

    [Fact]
    public void Advice_built_on_reference_data_names_real_places()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, s_seeker with { Mobility = Mobility.Country }, "J1501");
        var profile = s_seeker with { Mobility = Mobility.Country };
        var diagnosis = DiagnosisEngine.Diagnose(profile, facts, Today);
        var advice = AdviceEngine.Advise(profile, facts, diagnosis, Today).Localize(CoachTexts.French);

        var rendered = diagnosis.Localize(CoachTexts.French);
        Assert.Contains(facts.AreaName!, rendered.Categories[(int)DiagnosisCategory.StuckMarket].Reasons[0]);
        if (advice.SingleOrDefault(a => a.ModuleId == "commute") is { } commute)
        {
            Assert.Contains(facts.BetterCommunes[0].Name, commute.Reason);
        }
    }

    [Fact]
    public void An_unknown_place_leaves_local_figures_unknown()
    {
        var facts = MarketFactsBuilder.FromReferenceData(Market, Geo, Settled with { Commune = null, Postcode = null }, "J1501", includeCommutes: true);
        Assert.Null(facts.AreaCode);
        Assert.Null(facts.OffersPerTenJobSeekers);
        Assert.Empty(facts.BetterCommunes);
        Assert.NotEmpty(facts.LessTenseAreas);
    }
}
