using System.Runtime.CompilerServices;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The explanation of one pair for the hits of a page only, by the one pair scorer (<see cref="PairScorer"/>, which an
/// index retrieving candidates elsewhere also scores with): this only unpacks the index's <see cref="Packed"/> skills.
/// For each demanded skill the first meeter the supplier has (rows are sorted by credit) is its best way, which is
/// exactly what the query paths credited, so <see cref="ScoreParts.Total"/> equals the hit's score.
/// </summary>
internal sealed class MatchExplainer(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    private const int StackLimit = 512;

    private readonly PairScorer _pairs = new(taxonomy, graph);

    /// <param name="offerSkills">Demanded skills with <see cref="Packed"/> flags.</param>
    /// <param name="profileSkills">Supplied skills, distinct and sorted ascending.</param>
    /// <param name="met">Optional: per skill id, 0 for a demanded skill the supplier does not meet (see <see cref="PairScorer.Explain"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchExplanation Explain(ReadOnlySpan<int> offerSkills, ReadOnlySpan<int> profileSkills, bool allowRelated, double? distanceKm, double radiusKm,
        ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears, double evidence = 1, bool placeUnknown = false,
        double occupation = 1, ReadOnlySpan<byte> met = default)
    {
        Span<int> demanded = offerSkills.Length <= StackLimit ? stackalloc int[offerSkills.Length] : new int[offerSkills.Length];
        Span<bool> optional = offerSkills.Length <= StackLimit ? stackalloc bool[offerSkills.Length] : new bool[offerSkills.Length];
        for (var i = 0; i < offerSkills.Length; i++)
        {
            demanded[i] = offerSkills[i] & Packed.IdMask;
            optional[i] = (offerSkills[i] & Packed.Optional) != 0;
        }
        return _pairs.Explain(demanded, optional, profileSkills, allowRelated, distanceKm, radiusKm, contract, contractWishes, requirement, yearsAsked, seekerYears, evidence, placeUnknown, occupation, met);
    }
}
