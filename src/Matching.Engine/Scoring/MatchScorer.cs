using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;

namespace Matching.Engine.Scoring;

/// <summary>
/// The one scorer of a (demand, supply) pair, used by both match directions and meant to be
/// reproduced exactly by any other index implementation (see docs/scoring.md).
/// <code>
/// credit(X)          = best credit of demanded skill X over the supplier's skills: exact 1.0, aligned (the same
///                      skill in the other taxonomy) 0.9, narrower 0.8, broader 0.6, related 0.5 (exact and aligned
///                      only when related skills are not allowed)
/// EssentialCoverage  = Σ credit(X) over essential X / number of essential X   (0 when none)
/// OptionalCoverage   = Σ credit(X) over optional X  / number of optional X    (0 when none)
/// Demand             = 0.75·EssentialCoverage + 0.25·OptionalCoverage, or EssentialCoverage alone when the offer has
///                      no optional skill, or OptionalCoverage alone when it has no essential skill
/// SupplyUse          = min(1, demanded skills met exactly or aligned / supplier's skills)   (0 when none)
/// Skills             = Demand × (0.1 + 0.9·SupplyUse)
/// Distance           = 1 − 0.3·d/radius when both sides have a place and d ≤ radius; excluded when d > radius;
///                      0.85 (that of half the radius) when one side has a place and the other not (an offer given
///                      by département, région, France or remote work: distance unknown, never 0 km); 1 when
///                      neither side has one (d: great-circle km, mean Earth radius 6371.0088 km)
/// Contract           = 1 when the offer's contract is one of the seeker's wishes or either side is unspecified, else 0.5
/// Experience         = min(by requirement, by years): requirement E and seeker &lt; 1 year → 0.8, S and 0 year → 0.9,
///                      else 1; years asked A &gt; seeker's years y → 0.8 + 0.2·y/A, else 1
/// Evidence           = 0.9 + 0.1·A for what a recruiter sees (1 elsewhere), A = mean evidence weight of the supplier's skills:
///                      adviser-confirmed 1, colleague-endorsed 0.8, training or diploma 0.8, past job 0.6, declared 0.3, inferred 0
/// Occupation         = 1 when the offer is of a job the seeker targets (same ROME code; same ESCO occupation when either side
///                      has no ROME code), or either side states no occupation; 0.5 for a close job (same ROME v3 family,
///                      official ROME 4.0 mobility, same ESCO occupation under another code); 0.25 for another job
///                      (<see cref="OccupationRelations"/>)
/// Total              = Skills × Distance × Contract × Experience × Evidence × Occupation
/// </code>
/// Hard filters (not part of the score): every must-have demanded skill is met (exactly, or in any other way
/// when related skills are allowed); the distance is within the radius.
/// Nothing is rounded: every part is returned as computed.
/// </summary>
public static class MatchScorer
{
    public const double EssentialWeight = 0.75;
    public const double OptionalWeight = 0.25;
    /// <summary>Share of the skills score kept when the offer uses none of the supplier's skills exactly (the "a" of docs/scoring.md).</summary>
    public const double SupplyUseFloor = 0.1;
    public const double DistanceDecay = 0.3;
    /// <summary>Distance factor when one side has a place and the other none: that of half the radius (docs/scoring.md).</summary>
    public const double UnknownDistance = 1 - (DistanceDecay / 2);
    /// <summary>An offer's contract outside the seeker's wishes halves the score: a visible penalty strong enough that a
    /// CDI/CDD seeker sees temp work after the contracts they asked for (0.85 left it first; docs/scoring.md).</summary>
    public const double ContractMismatch = 0.5;
    public const double ExperienceRequiredMissing = 0.8;
    public const double ExperienceDesiredMissing = 0.9;
    public const double ExperienceYearsFloor = 0.8;
    public const double EarthRadiusKm = 6371.0088;
    /// <summary>The evidence factor of a candidate none of whose skills is evidenced (declared only gives a little above it).</summary>
    public const double EvidenceFloor = 0.9;
    /// <summary>Occupation factor of an offer of a job close to the seeker's target (same ROME v3 family, official mobility): that of a
    /// contract outside the wishes, so a close job with the wished contract ties with the target job with another (docs/scoring.md).</summary>
    public const double OccupationClose = 0.5;
    /// <summary>Occupation factor of an offer of another job than the seeker's targets: below the contract penalty, because the job asked
    /// weighs more than the contract; another job's offer must fit four times as well to pass the target job's (docs/scoring.md).</summary>
    public const double OccupationOther = 0.25;

    /// <summary>The occupation factor of a fit: 1 for the target job or when nothing is known, less for a close job, least for another.</summary>
    public static double Occupation(OccupationFit fit) => fit switch
    {
        OccupationFit.Close => OccupationClose,
        OccupationFit.Other => OccupationOther,
        _ => 1,
    };

    /// <summary>How much a kind of evidence attests a skill, 0..1 (docs/scoring.md).</summary>
    public static double EvidenceWeight(SkillEvidence evidence) => evidence switch
    {
        SkillEvidence.AdviserConfirmed => 1,
        SkillEvidence.ColleagueEndorsed => 0.8,
        SkillEvidence.Training => 0.8,
        SkillEvidence.PastJob => 0.6,
        SkillEvidence.Declared => 0.3,
        _ => 0,
    };

    /// <summary>Mean evidence weight of a supplier's skills (0 without skills): the "A" of the evidence factor.</summary>
    public static double Attested(IEnumerable<OfferedSkill> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var weights = skills.GroupBy(s => s.SkillUri, StringComparer.Ordinal).Select(g => g.Max(s => EvidenceWeight(s.Evidence))).ToList();
        return weights.Count == 0 ? 0 : weights.Average();
    }

    /// <summary>The evidence factor from the supplier's attested share <paramref name="attested"/> (0..1).</summary>
    public static double Evidence(double attested) => EvidenceFloor + (1 - EvidenceFloor) * Math.Clamp(attested, 0, 1);

    /// <summary>Coverage from a sum of credits in <see cref="SkillGraph.CreditUnit"/> units over <paramref name="count"/> demanded skills.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Coverage(int creditUnits, int count) =>
        count == 0 ? 0 : creditUnits / ((double)SkillGraph.CreditUnit * count);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Skills(double essentialCoverage, int essentialCount, double optionalCoverage, int optionalCount) =>
        (essentialCount, optionalCount) switch
        {
            (0, 0) => 0,
            (_, 0) => essentialCoverage,
            (0, _) => optionalCoverage,
            _ => EssentialWeight * essentialCoverage + OptionalWeight * optionalCoverage,
        };

    /// <summary>
    /// Share of the supplier's skills that the demand uses as they are (exactly, or aligned across the two
    /// taxonomies). Without it a small generic offer the seeker covers entirely beats the offer of the
    /// seeker's own job (docs/quality.md). <paramref name="exactCount"/> counts demanded skills met with a
    /// credit of at least <see cref="SkillGraph.SameSkillCredit"/>; an ESCO skill aligned to two ROME items
    /// can meet both, hence the cap at 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SupplyUse(int exactCount, int supplyCount) =>
        supplyCount == 0 ? 0 : Math.Min(1, exactCount / (double)supplyCount);

    /// <summary>The skills part: the demand's coverage weighted by how much of the supply it uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Skills(double demand, double supplyUse) =>
        demand * (SupplyUseFloor + (1 - SupplyUseFloor) * supplyUse);

    /// <summary>
    /// Distance factor for <paramref name="distanceKm"/> (null when a side has no place: <paramref name="placeUnknown"/>
    /// when one side has one and the other not); NaN means excluded (beyond the radius).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Distance(double? distanceKm, double radiusKm, bool placeUnknown = false)
    {
        if (distanceKm is not { } d)
        {
            return placeUnknown ? UnknownDistance : 1;
        }
        if (d > radiusKm)
        {
            return double.NaN;
        }
        return radiusKm <= 0 ? 1 : 1 - DistanceDecay * (d / radiusKm);
    }

    /// <summary>Contract factor; <paramref name="wishes"/> is a <see cref="ContractMask"/> (0 = any).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Contract(ContractType offer, int wishes)
    {
        if (offer == ContractType.Unspecified || wishes == 0 || (wishes & ContractMask(ContractType.Unspecified)) != 0)
        {
            return 1;
        }
        return (wishes & ContractMask(offer)) != 0 ? 1 : ContractMismatch;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Experience(ExperienceRequirement requirement, double? yearsAsked, double seekerYears)
    {
        var byRequirement = requirement switch
        {
            ExperienceRequirement.Required when seekerYears < 1 => ExperienceRequiredMissing,
            ExperienceRequirement.Desired when seekerYears <= 0 => ExperienceDesiredMissing,
            _ => 1,
        };
        var byYears = yearsAsked is > 0 and var asked && seekerYears < asked
            ? ExperienceYearsFloor + (1 - ExperienceYearsFloor) * Math.Max(0, seekerYears) / asked
            : 1;
        return Math.Min(byRequirement, byYears);
    }

    /// <summary>
    /// Every part of the score; <see cref="ScoreParts.Total"/> is 0 when the pair is excluded by the radius.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScoreParts Score(
        int essentialCreditUnits,
        int essentialCount,
        int optionalCreditUnits,
        int optionalCount,
        int exactCount,
        int supplyCount,
        double? distanceKm,
        double radiusKm,
        ContractType offerContract,
        int contractWishes,
        ExperienceRequirement requirement,
        double? yearsAsked,
        double seekerYears,
        double evidence = 1,
        bool placeUnknown = false,
        double occupation = 1)
    {
        var essential = Coverage(essentialCreditUnits, essentialCount);
        var optional = Coverage(optionalCreditUnits, optionalCount);
        var supplyUse = SupplyUse(exactCount, supplyCount);
        var demand = Skills(essential, essentialCount, optional, optionalCount);
        var skills = Skills(demand, supplyUse);
        var distance = Distance(distanceKm, radiusKm, placeUnknown);
        var contract = Contract(offerContract, contractWishes);
        var experience = Experience(requirement, yearsAsked, seekerYears);
        var total = double.IsNaN(distance) ? 0 : skills * distance * contract * experience * evidence * occupation;
        return new ScoreParts(essential, optional, supplyUse, skills, double.IsNaN(distance) ? 0 : distance, contract, experience, total, evidence, occupation) { Demand = demand };
    }

    /// <summary>The total alone, for the hot path: same arithmetic, same order, as <see cref="Score"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Total(
        int essentialCreditUnits,
        int essentialCount,
        int optionalCreditUnits,
        int optionalCount,
        int exactCount,
        int supplyCount,
        double? distanceKm,
        double radiusKm,
        ContractType offerContract,
        int contractWishes,
        ExperienceRequirement requirement,
        double? yearsAsked,
        double seekerYears,
        double evidence = 1,
        bool placeUnknown = false,
        double occupation = 1)
    {
        var distance = Distance(distanceKm, radiusKm, placeUnknown);
        if (double.IsNaN(distance))
        {
            return 0;
        }
        var skills = Skills(Skills(Coverage(essentialCreditUnits, essentialCount), essentialCount, Coverage(optionalCreditUnits, optionalCount), optionalCount),
            SupplyUse(exactCount, supplyCount));
        return skills * distance * Contract(offerContract, contractWishes) * Experience(requirement, yearsAsked, seekerYears) * evidence * occupation;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ContractMask(ContractType contract) => 1 << (int)contract;

    public static int ContractMask(IEnumerable<ContractType> contracts)
    {
        var mask = 0;
        foreach (var c in contracts)
        {
            mask |= ContractMask(c);
        }
        return mask;
    }

    /// <summary>Great-circle distance (haversine) in km. Callers pass the offer first so that both directions compute the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double ToRad = Math.PI / 180;
        var dLat = (lat2 - lat1) * ToRad;
        var dLon = (lon2 - lon1) * ToRad;
        var sLat = Math.Sin(dLat / 2);
        var sLon = Math.Sin(dLon / 2);
        var a = sLat * sLat + Math.Cos(lat1 * ToRad) * Math.Cos(lat2 * ToRad) * sLon * sLon;
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
