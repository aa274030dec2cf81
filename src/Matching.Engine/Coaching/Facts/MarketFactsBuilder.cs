using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Geography;
using Matching.Engine.Market;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching.Facts;

/// <summary>
/// Fills the reference-data part of <see cref="MarketFacts"/> for a seeker's main target: DARES tension of
/// the seeker's employment area, the main hiring channel, recruitment difficulty, less tense areas
/// nationally and nearby communes with more offers per inhabitant. The live part (index counts, skills
/// gap, close jobs, driving-licence share) is added by the caller with <c>with</c>.
/// </summary>
public static class MarketFactsBuilder
{
    /// <summary>A ratio over fewer job seekers than this is noise: such an area is left out of "less tense areas",
    /// and its figure gives way to a wider scope's.</summary>
    public const double MinJobSeekersForComparison = 20;

    /// <summary>Nearby communes: within this distance, with at least this population and this many offers.</summary>
    public const double CommuteSearchKm = 50;

    public const int MinCommunePopulation = 2_000;

    /// <remarks>Per inhabitant, a village with one nursing home beats any city: ten offers at least keep the
    /// ratio about a real local market.</remarks>
    public const int MinCommuneOffers = 10;

    /// <param name="romeCode">The main target's ROME code.</param>
    /// <param name="taxonomy">When given, the diploma requirement, the regulated flag and the legal requirements are read
    /// from the ROME 4.0 sheet (its access text; the ROME v3 one when ROME 4.0 lacks the code). Close jobs are the
    /// caller's (<see cref="CloseJobFinder"/>, with <see cref="LocalMarket"/>): they need the seeker's skills from experience.</param>
    /// <param name="includeCommutes">Computing nearby communes reads the offers-per-commune file (about a second the first time).</param>
    public static MarketFacts FromReferenceData(
        MarketData market,
        GeographyData geography,
        SeekerProfile profile,
        string romeCode,
        SkillsTaxonomy? taxonomy = null,
        bool includeCommutes = true,
        int maxAreas = 3,
        int maxCommunes = 5)
    {
        // The job's sheet in ROME 4.0 (access text, regulated flag); the 2021 statistics name ROME v3 codes, which a
        // code only ROME 4.0 knows (M1811) reaches through its v3 family.
        var sheet = taxonomy?.Rome4.Sheet(romeCode);
        var rome = romeCode;
        romeCode = taxonomy is not null && taxonomy.RomeJob(romeCode) is null && sheet is not null ? sheet.ParentCode : romeCode;
        var commune = geography.Resolve(profile.Commune) ?? geography.ResolvePostcode(profile.Postcode);
        var areaCode = commune?.EmploymentAreaCode;
        Tension? tension = null;
        if (areaCode is not null)
        {
            market.TryGetTension(romeCode, areaCode, out tension);
        }
        // A handful of job seekers makes the ratio noise (3 offers for 1 seeker is not "30 offers for 10"): the
        // area's figure counts from MinJobSeekersForComparison seekers, else a wider scope's does.
        var local = tension is { JobSeekers: >= MinJobSeekersForComparison } ? tension.OffersPerTenJobSeekers : null;
        var (perTen, scope, scopeName) = local is { } inArea
            ? (inArea, MarketScope.Area, areaCode is null ? null : AreaName(geography, areaCode))
            : Wider(market, geography, commune, romeCode);

        var lessTense = market.TensionsForRome(romeCode)
            .Where(t => t.EmploymentAreaCode != areaCode && t.JobSeekers >= MinJobSeekersForComparison && t.OffersPerTenJobSeekers > (local ?? 0))
            .OrderByDescending(t => t.OffersPerTenJobSeekers)
            .ThenBy(t => t.EmploymentAreaCode, StringComparer.Ordinal)
            .Take(maxAreas)
            .Select(t => new BetterArea(t.EmploymentAreaCode, AreaName(geography, t.EmploymentAreaCode) ?? t.EmploymentAreaCode, t.OffersPerTenJobSeekers!.Value))
            .ToList();

        var accessText = sheet?.AccessToJob ?? taxonomy?.RomeJob(romeCode)?.AccessConditions;
        var diploma = RomeDiplomaReader.Read(accessText);
        var access = Access(accessText, sheet?.Regulated);
        return new MarketFacts
        {
            RomeCode = rome,
            AreaCode = areaCode,
            AreaName = areaCode is null ? null : AreaName(geography, areaCode),
            OffersPerTenJobSeekers = perTen,
            OffersPerTenScope = perTen is null ? null : scope,
            OffersPerTenScopeName = scopeName,
            TensionIndicator = tension?.TensionIndicator,
            RadiusKm = profile.RadiusKm ?? DefaultRadiusKm,
            Offers2021WithinRadius = includeCommutes && commune?.Location is { } centre
                ? Offers2021Within(market.OfferCounts, geography, centre, profile.RadiusKm ?? DefaultRadiusKm, romeCode)
                : null,
            MainApplicationChannel = ApplicationChannels.FromContactMode(market.MainHiringChannel(romeCode)),
            RecruitmentDifficultyPercent = market.RecruitmentDifficulty(romeCode)?.DifficultPercent,
            LessTenseAreas = lessTense,
            DiplomaUsuallyRequired = diploma.Required,
            RequiredDiploma = diploma.Level,
            Regulated = access.Regulated,
            LegalRequirements = access.Requirements,
            LegalRequirementsMandatory = access.Mandatory,
            LegalRequirementByVae = access.ByVae,
            DrivingLicenceShare = access.Licence is { Mandatory: true } ? 1 : null,
            DrivingLicenceBasis = access.Licence is { Mandatory: true } ? DrivingLicenceBasis.AccessText : null,
            DrivingLicenceAccessText = access.Licence?.Sentence,
            TravellingWorkContexts = TravellingContexts(sheet, taxonomy),
            CommunePopulation = commune is { Population: > 0 } ? commune.Population : null,
            BetterCommunes = includeCommutes && commune is not null ? BetterCommunes(market.OfferCounts, geography, commune, romeCode, maxCommunes) : [],
        };
    }

    /// <summary>ROME 4.0 work contexts (<c>code_ogr</c> of <c>referentiel_contexte_travail</c>): "Au domicile d'un particulier".</summary>
    private const int AtPrivateHomes = 300778;

    /// <summary>"Zone départementale", "Zone régionale" (the national and international zones are travel, not rounds).</summary>
    private static readonly int[] s_areaZones = [23378, 23381];

    /// <summary>
    /// The job's rounds: a sheet that lists work at private homes and a départemental or régional zone (home help, K1302, K1304)
    /// goes from home to home; either alone does not (a nurse, a childminder or a plumber may work at one home; a guard's zone is
    /// where the sites are). ROME lists a context when some forms of the job have it, so the two together are the evidence.
    /// </summary>
    private static IReadOnlyList<string> TravellingContexts(Rome4Sheet? sheet, SkillsTaxonomy? taxonomy)
    {
        if (sheet is null || taxonomy is null || !sheet.WorkContexts.Contains(AtPrivateHomes)
            || s_areaZones.FirstOrDefault(sheet.WorkContexts.Contains) is not (> 0 and var zone)
            || taxonomy.Rome4.WorkContext(AtPrivateHomes)?.Label is not { } homes || taxonomy.Rome4.WorkContext(zone)?.Label is not { } area)
        {
            return [];
        }
        return [homes, area];
    }

    /// <summary>
    /// Offers per 10 job seekers of any ROME v3 code around a commune: its employment area's DARES figure, else its
    /// département's, région's, then France's (the scopes of <see cref="Wider"/>); the area sets are computed once.
    /// </summary>
    public static Func<string, double?> LocalMarket(MarketData market, GeographyData geography, Commune? commune)
    {
        var scoped = LocalMarketScoped(market, geography, commune);
        return rome => scoped(rome).PerTen;
    }

    /// <summary>
    /// <see cref="LocalMarket"/> with the scope the figure comes from: null for the commune's employment area, else the name of
    /// the département or région, or "France" (a close job's figure is often a wider one: 510 offers per 10 job seekers for
    /// audit and accounting control, read by an accountant of Annecy as if it were her area's).
    /// </summary>
    public static Func<string, (double? PerTen, string? Scope)> LocalMarketScoped(MarketData market, GeographyData geography, Commune? commune)
    {
        if (commune is null)
        {
            return _ => (null, null);
        }
        // Reference data does not change while it is loaded: each (job, place) figure is computed once per process
        // (close jobs ask it for hundreds of jobs at every assessment).
        var figures = s_localFigures.GetValue(market, _ => new()).GetValue(geography, _ => new());
        return rome => figures.GetOrAdd((rome, commune.EmploymentAreaCode, commune.DepartementCode, commune.RegionCode), key =>
        {
            if (key.Area is { } area && market.TryGetTension(key.Rome, area, out var tension)
                && tension.JobSeekers >= MinJobSeekersForComparison && tension.OffersPerTenJobSeekers is { } local)
            {
                return (local, null);
            }
            var rows = market.TensionsForRome(key.Rome);
            var departement = Areas(geography, "d:" + key.Departement, c => c.DepartementCode == key.Departement);
            var region = Areas(geography, "r:" + key.Region, c => c.RegionCode == key.Region);
            return Ratio(rows.Where(t => departement.Contains(t.EmploymentAreaCode))) is { } inDepartement
                ? (inDepartement, geography.Departement(key.Departement)?.Name ?? key.Departement)
                : Ratio(rows.Where(t => region.Contains(t.EmploymentAreaCode))) is { } inRegion
                    ? (inRegion, geography.Region(key.Region)?.Name ?? key.Region)
                    : Ratio(rows) is { } inFrance ? (inFrance, "France") : (null, null);
        });
    }

    private static readonly ConditionalWeakTable<MarketData, ConditionalWeakTable<GeographyData, ConcurrentDictionary<(string Rome, string? Area, string Departement, string Region), (double? PerTen, string? Scope)>>> s_localFigures = new();

    private static readonly ConditionalWeakTable<GeographyData, ConcurrentDictionary<string, HashSet<string>>> s_areas = new();

    /// <summary>The employment areas of a département or région (by key), computed once per geography.</summary>
    private static HashSet<string> Areas(GeographyData geography, string key, Func<Commune, bool> test) =>
        s_areas.GetValue(geography, _ => new(StringComparer.Ordinal)).GetOrAdd(key, _ => AreasWhere(geography, test));

    /// <summary>What a sheet's access text and regulated flag say: regulated or not, what the law requires (the
    /// mandatory sentences; for a job flagged regulated whose text names no mandatory qualification, its first
    /// sentence, which names the diploma), whether VAE can deliver it, the driving licence, and whether the requirements
    /// are the text's mandatory sentences (false for that first-sentence stand-in).</summary>
    internal static (bool? Regulated, IReadOnlyList<string> Requirements, bool? ByVae, (string Sentence, bool Mandatory)? Licence, bool Mandatory) Access(string? accessText, bool? regulatedFlag)
    {
        var sentences = AccessTextReader.Sentences(accessText);
        var requirements = AccessTextReader.LegalRequirements(sentences);
        var mandatory = requirements.Count > 0;
        var regulated = AccessTextReader.Regulated(regulatedFlag, requirements);
        if (regulated == true && requirements.Count == 0 && sentences.Count > 0)
        {
            requirements = [sentences[0]];
        }
        var byVae = regulated == true ? AccessTextReader.ByVae(requirements) : null;
        return (regulated, regulated == true ? requirements : [], byVae, AccessTextReader.DrivingLicence(sentences), regulated == true && mandatory);
    }

    /// <summary>The radius the questionnaire assumes when the seeker gives none (as the matching profile does).</summary>
    public const double DefaultRadiusKm = 30;

    /// <summary>
    /// The DARES figure of the smallest scope around the seeker that has one, when their employment area has none
    /// for the job: the areas of their département, of their région, then France (10 × Σ offers / Σ job seekers).
    /// None without a place.
    /// </summary>
    internal static (double? PerTen, MarketScope Scope, string? Name) Wider(MarketData market, GeographyData geography, Commune? commune, string romeCode)
    {
        var rows = market.TensionsForRome(romeCode);
        if (rows.Count == 0 || commune is null)
        {
            // No place, no local figure: the seeker is asked for their commune.
            return (null, MarketScope.Country, null);
        }
        {
            var departement = Areas(geography, "d:" + commune.DepartementCode, c => c.DepartementCode == commune.DepartementCode);
            if (Ratio(rows.Where(t => departement.Contains(t.EmploymentAreaCode))) is { } inDepartement)
            {
                return (inDepartement, MarketScope.Departement, geography.Departement(commune.DepartementCode)?.Name ?? commune.DepartementCode);
            }
            var region = Areas(geography, "r:" + commune.RegionCode, c => c.RegionCode == commune.RegionCode);
            if (Ratio(rows.Where(t => region.Contains(t.EmploymentAreaCode))) is { } inRegion)
            {
                return (inRegion, MarketScope.Region, geography.Region(commune.RegionCode)?.Name ?? commune.RegionCode);
            }
        }
        return (Ratio(rows), MarketScope.Country, null);
    }

    private static HashSet<string> AreasWhere(GeographyData geography, Func<Commune, bool> test) =>
        geography.Communes.Where(c => c.EmploymentAreaCode is not null && test(c)).Select(c => c.EmploymentAreaCode!).ToHashSet(StringComparer.Ordinal);

    private static double? Ratio(IEnumerable<Market.Tension> rows)
    {
        double offers = 0, seekers = 0;
        foreach (var t in rows)
        {
            offers += t.OffersRegistered;
            seekers += t.JobSeekers;
        }
        return seekers >= MinJobSeekersForComparison ? 10 * offers / seekers : null;
    }

    /// <summary>Offers of the ROME code published on 21 Dec 2021 in the communes within <paramref name="radiusKm"/>.</summary>
    internal static int Offers2021Within(OfferCounts offers, GeographyData geography, GeoPoint centre, double radiusKm, string romeCode) =>
        geography.CommunesWithin(centre, radiusKm).Sum(n => offers.Count(n.Commune.InseeCode, romeCode));

    /// <summary>
    /// Communes near <paramref name="home"/> where the job has more offers per inhabitant than at home. The
    /// baseline is the home commune's rate, or the national rate for the ROME code when home has no offer
    /// (otherwise every neighbour would be "infinitely" better).
    /// </summary>
    internal static IReadOnlyList<BetterCommune> BetterCommunes(OfferCounts offers, GeographyData geography, Commune home, string romeCode, int take)
    {
        if (home.Location is not { } centre)
        {
            return [];
        }
        var homeCodes = HomeCodes(geography, home);
        var homeOffers = homeCodes.Sum(code => offers.Count(code, romeCode));
        var homeRate = home.Population > 0 && homeOffers > 0 ? (double)homeOffers / home.Population : NationalRate(offers, geography, romeCode);
        if (homeRate <= 0)
        {
            return [];
        }
        return geography.CommunesWithin(centre, CommuteSearchKm)
            .Where(n => !homeCodes.Contains(n.Commune.InseeCode) && n.Commune.Population >= MinCommunePopulation)
            .Select(n => (n, count: offers.Count(n.Commune.InseeCode, romeCode)))
            .Where(x => x.count >= MinCommuneOffers)
            .Select(x => new BetterCommune(x.n.Commune.Name, x.n.Commune.InseeCode, Math.Round(x.n.DistanceKm, 1), Math.Round((double)x.count / x.n.Commune.Population / homeRate, 2)))
            .Where(c => c.Ratio > 1)
            .OrderByDescending(c => c.Ratio)
            .ThenBy(c => c.CommuneCode, StringComparer.Ordinal)
            .Take(take)
            .ToList();
    }

    /// <summary>The area's name as people write it: the source spells them in capitals ("SAINT-BRIEUC").</summary>
    internal static string? AreaName(GeographyData geography, string areaCode) =>
        geography.EmploymentArea(areaCode)?.Name is { } name && name == name.ToUpperInvariant()
            ? s_french.ToTitleCase(name.ToLowerInvariant())
            : geography.EmploymentArea(areaCode)?.Name;

    private static readonly TextInfo s_french = CultureInfo.GetCultureInfo("fr-FR").TextInfo;

    /// <summary>Paris, Lyon and Marseille are counted through their arrondissements as well as their own code.</summary>
    private static HashSet<string> HomeCodes(GeographyData geography, Commune home)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { home.InseeCode };
        if (home.IsSynthesized)
        {
            codes.UnionWith(geography.ArrondissementsOf(home.InseeCode).Select(a => a.InseeCode));
        }
        return codes;
    }

    private static double NationalRate(OfferCounts offers, GeographyData geography, string romeCode)
    {
        var population = geography.Communes.Where(c => !c.IsSynthesized).Sum(c => (long)c.Population);
        return population > 0 ? (double)offers.TotalForRome(romeCode) / population : 0;
    }
}
