using Matching.Engine.Indexing;

namespace Matching.Engine.Ranking;

/// <summary>The DARES tension of a ROME code around a commune (offers per ten job seekers), null when unknown.</summary>
public delegate double? TensionLookup(string? romeCode, string? communeCode);

/// <summary>
/// What the learned ranking model reads about one (offer, profile) pair: the scorer's parts, the distance, the
/// contract, experience and occupation fit, where the matched skills come from, and the market tension. Impressions store
/// these values as they were when the pair was shown, so a model trains on what the user saw even after the
/// offer is gone. Changing the list changes <see cref="Version"/>; a saved model of another version is not used.
/// </summary>
public static class PairFeatures
{
    /// <summary>2: the scorer's occupation factor (<c>occupation_factor</c>) joined the list; impressions and models of version 1 are no longer read.</summary>
    public const int Version = 2;

    public static readonly IReadOnlyList<string> Names =
    [
        "scorer_total",
        "essential_coverage",
        "optional_coverage",
        "supply_use",
        "skills",
        "distance_factor",
        "contract_factor",
        "experience_factor",
        "occupation_factor",
        "distance_km",
        "distance_known",
        "offer_permanent",
        "offer_short_contract",
        "experience_asked",
        "matched_exact",
        "matched_related",
        "missing_essential",
        "via_declared_share",
        "via_past_job_share",
        "via_adviser_confirmed_share",
        "via_inferred_share",
        "offer_inferred_share",
        "tension",
        "tension_known",
        "target_job",
    ];

    public static int Count => Names.Count;

    /// <summary>Index of a feature by name (tests and reports read features by name).</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"No ranking feature is named '{name}'.", nameof(name));
    }

    /// <summary>How each of the profile's skills is evidenced (the first statement of a skill counts), for <see cref="Compute"/>.</summary>
    public static Dictionary<string, SkillEvidence> EvidenceOf(ProfileDocument profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var evidence = new Dictionary<string, SkillEvidence>(profile.Skills.Count, StringComparer.Ordinal);
        foreach (var skill in profile.Skills)
        {
            evidence.TryAdd(skill.SkillUri, skill.Evidence);
        }
        return evidence;
    }

    /// <param name="evidence">The profile's <see cref="EvidenceOf"/>, when the caller computes the features of many pairs of one profile.</param>
    public static float[] Compute(OfferDocument offer, ProfileDocument profile, MatchExplanation explanation, TensionLookup? tension,
        IReadOnlyDictionary<string, SkillEvidence>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(explanation);
        var parts = explanation.Parts;
        evidence ??= EvidenceOf(profile);
        Span<int> via = stackalloc int[4];
        var met = 0;
        foreach (var match in explanation.Matched.Concat(explanation.MatchedThroughRelated))
        {
            if (evidence.TryGetValue(match.ViaSkillUri, out var e) && (int)e is >= 0 and < 4)
            {
                via[(int)e]++;
            }
            met++;
        }
        var inferred = offer.Skills.Count == 0 ? 0 : offer.Skills.Count(s => s.Inferred) / (double)offer.Skills.Count;
        var marketTension = tension?.Invoke(offer.RomeCode, offer.Place?.CommuneCode ?? profile.Place?.CommuneCode);
        var targetJob = (offer.OccupationUri is { } o && profile.TargetOccupationUris.Contains(o))
            || (offer.RomeCode is { } r && profile.TargetRomeCodes.Contains(r));

        return
        [
            (float)parts.Total,
            (float)parts.EssentialCoverage,
            (float)parts.OptionalCoverage,
            (float)parts.SupplyUse,
            (float)parts.Skills,
            (float)parts.Distance,
            (float)parts.Contract,
            (float)parts.Experience,
            (float)parts.Occupation,
            (float)(explanation.DistanceKm ?? 0),
            explanation.DistanceKm is null ? 0 : 1,
            offer.Contract == ContractType.Permanent ? 1 : 0,
            offer.Contract is ContractType.FixedTerm or ContractType.Temporary or ContractType.Seasonal ? 1 : 0,
            (float)offer.Experience,
            explanation.Matched.Count,
            explanation.MatchedThroughRelated.Count,
            explanation.MissingEssential.Count,
            Share(via[(int)SkillEvidence.Declared], met),
            Share(via[(int)SkillEvidence.PastJob], met),
            Share(via[(int)SkillEvidence.AdviserConfirmed], met),
            Share(via[(int)SkillEvidence.Inferred], met),
            (float)inferred,
            (float)(marketTension ?? 0),
            marketTension is null ? 0 : 1,
            targetJob ? 1 : 0,
        ];
    }

    private static float Share(int count, int of) => of == 0 ? 0 : count / (float)of;
}
