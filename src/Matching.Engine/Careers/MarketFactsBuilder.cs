using Matching.Engine.Geography;
using Matching.Engine.Market;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Careers;

/// <summary>DARES tension of one ROME code in one employment area (2021).</summary>
public sealed record AreaTension(string AreaCode, string? AreaName, double OffersRegistered, double JobSeekers, double? OffersPerTenJobSeekers, int? TensionIndicator);

/// <summary>A commune (or a whole city for Paris, Lyon, Marseille) near the seeker with more offers per inhabitant for the job.</summary>
/// <param name="Offers">Open offers for the ROME code on 21 Dec 2021 (France Travail file).</param>
/// <param name="Ratio">
/// Offers per inhabitant there / in the seeker's commune; when the seeker's commune has no offer for the job, / in the
/// seeker's employment area (<paramref name="RatioAgainstArea"/>); null when the area has none either.
/// </param>
public sealed record BetterCommune(string InseeCode, string Name, double DistanceKm, int Offers, int Population, double OffersPerThousandInhabitants, double? Ratio, bool RatioAgainstArea = false);

/// <summary>
/// What the reference data says about a seeker's target job where they live: the raw facts the coaching rules read.
/// </summary>
/// <param name="Tension">DARES figures of the seeker's employment area; null when the file has no row for it.</param>
/// <param name="MainHiringChannel">contact_mode most sectors recommend (market/hiring_channels_rome.csv), as the file words it.</param>
/// <param name="RecruitmentDifficultyPercent">BMO: share (0..100) of hiring projects judged difficult.</param>
/// <param name="DrivingLicenceShare">
/// Share of offers asking for a driving licence. Always null here: the reference data does not carry it. The offers
/// file counts offers without their requirements, and ROME v3 links "Permis de conduire …" skills to 3 job sheets
/// out of 531 (G1702, K2110 driving instructors, N3203), not even to N4101 truck drivers. Only individual offers'
/// <c>permis</c> field has it: the caller fills this from the index, or leaves it unknown.
/// </param>
/// <param name="LocalOffers">Offers for the ROME code in the seeker's commune (whole city for Paris, Lyon, Marseille), from the offers file.</param>
/// <param name="LessTenseAreas">Employment areas nationally with the most offers per ten job seekers, best first.</param>
/// <param name="CloseJobsWithBetterMarket">Of the close jobs given, those whose market in the seeker's area beats the target's.</param>
public sealed record CareerMarketFacts(
    string RomeCode,
    string CommuneInsee,
    string CommuneName,
    string? AreaCode,
    string? AreaName,
    AreaTension? Tension,
    string? MainHiringChannel,
    double? RecruitmentDifficultyPercent,
    double? DrivingLicenceShare,
    int LocalOffers,
    IReadOnlyList<BetterCommune> BetterCommunes,
    IReadOnlyList<AreaTension> LessTenseAreas,
    IReadOnlyList<CloseJob> CloseJobsWithBetterMarket);

/// <summary>
/// Computes <see cref="CareerMarketFacts"/> from the reference data (taxonomy, geography, DARES tension, hiring
/// channels, BMO difficulty, offers per commune). Nothing is guessed: a figure the data lacks is null.
/// </summary>
public sealed class MarketFactsBuilder(SkillsTaxonomy taxonomy, GeographyData geography, MarketData market)
{
    /// <summary>An area needs this many job seekers to be compared: a handful of seekers makes the ratio noise.</summary>
    public const double MinJobSeekersForComparison = 20;

    /// <summary>…and this many offers registered, so "less tense" means a real market, not two offers.</summary>
    public const double MinOffersForComparison = 10;

    /// <summary>Per inhabitant, a village with one care home beats any city: small communes and thin counts are left out.</summary>
    public const int MinCommunePopulation = 2_000;

    public const int MinCommuneOffers = 10;

    public const double MaxRadiusKm = 200;

    /// <summary>Facts for a seeker whose commune is given by INSEE code (resolve a postcode with <see cref="GeographyData.ResolvePostcode"/> and use the other overload).</summary>
    /// <param name="communeInsee">The seeker's commune or arrondissement INSEE code ("69383"; "69123" for Lyon as a whole).</param>
    public CareerMarketFacts Build(string communeInsee, string romeCode, double radiusKm, IReadOnlyList<CloseJob>? closeJobs = null, int maxCommunes = 5, int maxAreas = 5)
    {
        if (string.IsNullOrWhiteSpace(communeInsee))
        {
            throw new ArgumentException("communeInsee: the seeker's commune INSEE code is required.", nameof(communeInsee));
        }
        if (!geography.TryGetCommune(communeInsee.Trim(), out var commune))
        {
            throw new ArgumentException($"communeInsee: '{communeInsee}' is not the INSEE code of a French commune.", nameof(communeInsee));
        }
        return Build(commune, romeCode, radiusKm, closeJobs, maxCommunes, maxAreas);
    }

    /// <param name="commune">The seeker's commune.</param>
    /// <param name="romeCode">The target job's ROME v3 code.</param>
    /// <param name="radiusKm">How far the seeker will commute (0 &lt; r ≤ 200).</param>
    /// <param name="closeJobs">Close jobs (from <see cref="CloseJobs"/>, with their market), to keep those with a better one.</param>
    public CareerMarketFacts Build(Commune commune, string romeCode, double radiusKm, IReadOnlyList<CloseJob>? closeJobs = null, int maxCommunes = 5, int maxAreas = 5)
    {
        ArgumentNullException.ThrowIfNull(commune);
        if (string.IsNullOrWhiteSpace(romeCode) || taxonomy.RomeJob(romeCode.Trim()) is not { } job)
        {
            throw new ArgumentException($"romeCode: '{romeCode}' is not a ROME v3 code.", nameof(romeCode));
        }
        if (!(radiusKm > 0 && radiusKm <= MaxRadiusKm))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, $"radiusKm must be in (0, {MaxRadiusKm}].");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(maxCommunes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAreas);
        var rome = job.Code;
        var area = geography.EmploymentAreaOf(commune.InseeCode);
        var areaCode = area?.Code ?? commune.EmploymentAreaCode;
        var tension = areaCode is not null && market.TryGetTension(rome, areaCode, out var t) ? ToAreaTension(t) : null;
        var local = LocalCommune(commune, rome);

        return new CareerMarketFacts(
            rome,
            commune.InseeCode,
            commune.Name,
            areaCode,
            area?.Name ?? (areaCode is null ? null : geography.EmploymentArea(areaCode)?.Name),
            tension,
            market.MainHiringChannel(rome),
            market.RecruitmentDifficulty(rome)?.DifficultPercent,
            DrivingLicenceShare: null,
            local.Offers,
            BetterCommunes(commune, rome, radiusKm, local, maxCommunes),
            LessTenseAreas(rome, areaCode, tension?.OffersPerTenJobSeekers, maxAreas),
            CloseJobsWithBetterMarket(closeJobs, tension?.OffersPerTenJobSeekers));
    }

    /// <summary>
    /// The <see cref="LocalMarket"/> delegate <see cref="CloseJobs.Find"/> takes: DARES figures of the seeker's area
    /// for the occupation's first (best crosswalk) ROME code, live offers from the caller (the index) when given.
    /// </summary>
    public Func<Occupation, LocalMarket> LocalMarketIn(string? areaCode, Func<Occupation, int?>? liveOffers = null) => occupation =>
    {
        Tension? tension = null;
        if (areaCode is not null && occupation.RomeCodes.Length > 0)
        {
            market.TryGetTension(occupation.RomeCodes[0], areaCode, out tension);
        }
        return new LocalMarket(liveOffers?.Invoke(occupation), tension?.OffersPerTenJobSeekers, tension?.TensionIndicator);
    };

    private AreaTension ToAreaTension(Tension t) =>
        new(t.EmploymentAreaCode, geography.EmploymentArea(t.EmploymentAreaCode)?.Name, t.OffersRegistered, t.JobSeekers, t.OffersPerTenJobSeekers, t.TensionIndicator);

    private (string Key, int Offers, int Population) LocalCommune(Commune commune, string rome)
    {
        // The offers file codes Paris, Lyon and Marseille both as the city and as arrondissements: count the city whole.
        var key = commune.ParentInseeCode ?? commune.InseeCode;
        var members = geography.ArrondissementsOf(key);
        if (members.Count == 0)
        {
            return (key, market.OfferCounts.Count(key, rome), commune.Population);
        }
        return (key, market.OfferCounts.Count(key, rome) + members.Sum(m => market.OfferCounts.Count(m.InseeCode, rome)), members.Sum(m => m.Population));
    }

    private List<BetterCommune> BetterCommunes(Commune seeker, string rome, double radiusKm, (string Key, int Offers, int Population) local, int max)
    {
        if (seeker.Location is not { } centre)
        {
            return [];
        }
        var localRate = local.Population > 0 ? (double)local.Offers / local.Population : 0;
        var againstArea = localRate == 0;
        var baseRate = againstArea ? AreaRate(seeker, rome) : localRate;
        var offers = market.OfferCounts;
        var groups = new Dictionary<string, (int Offers, int Population, double DistanceKm)>(StringComparer.Ordinal);
        foreach (var near in geography.CommunesWithin(centre, radiusKm))
        {
            var c = near.Commune;
            var key = c.ParentInseeCode ?? c.InseeCode;
            var count = offers.Count(c.InseeCode, rome);
            if (groups.TryGetValue(key, out var g))
            {
                groups[key] = (g.Offers + count, g.Population + c.Population, Math.Min(g.DistanceKm, near.DistanceKm));
            }
            else
            {
                // A city's own code (offers not placed in an arrondissement) counts once, with its first arrondissement.
                var cityOffers = c.ParentInseeCode is { } parent ? offers.Count(parent, rome) : 0;
                groups.Add(key, (count + cityOffers, c.Population, near.DistanceKm));
            }
        }

        return [.. groups
            .Where(p => p.Key != local.Key && p.Value.Population >= MinCommunePopulation && p.Value.Offers >= MinCommuneOffers)
            .Select(p =>
            {
                var rate = (double)p.Value.Offers / p.Value.Population;
                return new BetterCommune(
                    p.Key,
                    geography.TryGetCommune(p.Key, out var c) ? c.Name : p.Key,
                    Math.Round(p.Value.DistanceKm, 1),
                    p.Value.Offers,
                    p.Value.Population,
                    1000 * rate,
                    baseRate > 0 ? rate / baseRate : null,
                    againstArea && baseRate > 0);
            })
            .Where(b => b.OffersPerThousandInhabitants / 1000 > localRate)
            .OrderByDescending(b => b.OffersPerThousandInhabitants)
            .ThenBy(b => b.InseeCode, StringComparer.Ordinal)
            .Take(max)];
    }

    /// <summary>Offers per inhabitant over the seeker's employment area (every commune of it the geography knows).</summary>
    private double AreaRate(Commune seeker, string rome)
    {
        if (geography.EmploymentAreaOf(seeker.InseeCode) is not { } area)
        {
            return 0;
        }
        long offers = 0;
        long population = 0;
        foreach (var insee in area.CommuneInseeCodes)
        {
            if (!geography.TryGetCommune(insee, out var c))
            {
                continue;
            }
            // Areas list Paris, Lyon and Marseille both whole and as arrondissements: people are counted in the
            // arrondissements, offers the file codes at city level once with the city.
            offers += market.OfferCounts.Count(insee, rome);
            population += c.IsSynthesized ? 0 : c.Population;
        }
        return population > 0 ? (double)offers / population : 0;
    }

    private List<AreaTension> LessTenseAreas(string rome, string? areaCode, double? local, int max) =>
        [.. market.TensionsForRome(rome)
            .Where(t => t.EmploymentAreaCode != areaCode
                && t.JobSeekers >= MinJobSeekersForComparison
                && t.OffersRegistered >= MinOffersForComparison
                && t.OffersPerTenJobSeekers > (local ?? 0))
            .OrderByDescending(t => t.OffersPerTenJobSeekers)
            .ThenBy(t => t.EmploymentAreaCode, StringComparer.Ordinal)
            .Take(max)
            .Select(ToAreaTension)];

    private static List<CloseJob> CloseJobsWithBetterMarket(IReadOnlyList<CloseJob>? closeJobs, double? local) =>
        closeJobs is null
            ? []
            : [.. closeJobs.Where(j => j.Market.OffersPerTenJobSeekers is { } theirs && (local is null || theirs > local))];
}
