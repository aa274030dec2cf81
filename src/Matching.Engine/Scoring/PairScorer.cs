using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Scoring;

/// <summary>
/// Scores and explains one (demand, supply) pair from both sides' skill ids, with <see cref="SkillGraph"/>
/// and <see cref="MatchScorer"/>: for each demanded skill the first meeter the supplier has (graph rows are
/// sorted by credit) is its best way. The embedded index explains its hits with it, and an index that
/// retrieves candidates elsewhere (Elasticsearch) scores them with it, so both give the same bits.
/// </summary>
public sealed class PairScorer(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    public SkillGraph Graph { get; } = graph;

    public SkillsTaxonomy Taxonomy { get; } = taxonomy;

    /// <summary>The score of a pair: <see cref="MatchScorer.Total"/> of the pair's credits; 0 when the pair is excluded (beyond the radius, no demanded skill met).</summary>
    /// <remarks><paramref name="placeUnknown"/>: one side has a place and the other none (<see cref="MatchScorer.UnknownDistance"/>);
    /// <paramref name="occupation"/>: the occupation factor (<see cref="MatchScorer.Occupation"/> of <see cref="OccupationRelations.Fit(OfferDocument, ProfileDocument)"/>).</remarks>
    /// <param name="demanded">The demand's distinct skill ids.</param>
    /// <param name="optional">For each demanded skill, whether it is optional (else essential).</param>
    /// <param name="supplied">The supplier's distinct skill ids, sorted ascending.</param>
    public double Total(ReadOnlySpan<int> demanded, ReadOnlySpan<bool> optional, ReadOnlySpan<int> supplied, bool allowRelated,
        double? distanceKm, double radiusKm, ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears,
        double evidence = 1,
        bool placeUnknown = false,
        double occupation = 1)
    {
        var c = Credits(demanded, optional, supplied, allowRelated, null);
        return MatchScorer.Total(c.Essential, c.EssentialCount, c.Optional, c.OptionalCount, c.Exact, supplied.Length, distanceKm, radiusKm,
            contract, contractWishes, requirement, yearsAsked, seekerYears, evidence, placeUnknown, occupation);
    }

    /// <summary>Whether every must-have demanded skill is met (exactly, or in any way when related skills are allowed).</summary>
    public bool MeetsAll(ReadOnlySpan<int> mustHave, ReadOnlySpan<int> supplied, bool allowRelated)
    {
        foreach (var skill in mustHave)
        {
            if (BestMeeter(skill, supplied, allowRelated) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The explanation of a pair; its <see cref="ScoreParts.Total"/> equals <see cref="Total"/> for the same inputs.</summary>
    /// <param name="met">When given: per skill id, 0 for a demanded skill no supplied skill meets (in the <paramref name="allowRelated"/> sense), so that
    /// its edges need no search (a query that already knows which demanded skills the supplier meets passes it); any other value: search.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchExplanation Explain(ReadOnlySpan<int> demanded, ReadOnlySpan<bool> optional, ReadOnlySpan<int> supplied, bool allowRelated,
        double? distanceKm, double radiusKm, ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears,
        double evidence = 1,
        bool placeUnknown = false,
        double occupation = 1,
        ReadOnlySpan<byte> met = default)
    {
        var explanation = new ExplanationLists();
        var c = Credits(demanded, optional, supplied, allowRelated, explanation, met);
        var parts = MatchScorer.Score(c.Essential, c.EssentialCount, c.Optional, c.OptionalCount, c.Exact, supplied.Length, distanceKm, radiusKm,
            contract, contractWishes, requirement, yearsAsked, seekerYears, evidence, placeUnknown, occupation);
        return new MatchExplanation(explanation.Matched, explanation.Through, explanation.MissingEssential, explanation.MissingOptional, distanceKm, parts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Essential, int EssentialCount, int Optional, int OptionalCount, int Exact) Credits(
        ReadOnlySpan<int> demanded, ReadOnlySpan<bool> optional, ReadOnlySpan<int> supplied, bool allowRelated, ExplanationLists? explanation,
        ReadOnlySpan<byte> met = default)
    {
        int essential = 0, optionalSum = 0, essentialCount = 0, optionalCount = 0, exact = 0;
        for (var i = 0; i < demanded.Length; i++)
        {
            var isOptional = optional[i];
            var importance = isOptional ? SkillImportance.Optional : SkillImportance.Essential;
            if (isOptional)
            {
                optionalCount++;
            }
            else
            {
                essentialCount++;
            }
            var edges = Graph.MeetersOf(demanded[i], allowRelated);
            var found = -1;
            for (var j = met.IsEmpty || met[demanded[i]] != 0 ? 0 : edges.Length; j < edges.Length; j++)
            {
                if (supplied.BinarySearch(edges.Skills[j]) >= 0)
                {
                    found = j;
                    break;
                }
            }
            if (found < 0)
            {
                if (explanation is not null)
                {
                    (isOptional ? explanation.MissingOptional : explanation.MissingEssential).Add(Taxonomy.Skills[demanded[i]].Uri);
                }
                continue;
            }
            int credit = edges.Credits[found];
            if (isOptional)
            {
                optionalSum += credit;
            }
            else
            {
                essential += credit;
            }
            var kind = edges.Kinds[found];
            // Exact or aligned: the same skill in either taxonomy, counted in SupplyUse.
            if (credit >= SkillGraph.SameSkillCredit)
            {
                exact++;
            }
            if (explanation is not null)
            {
                var match = new SkillMatch(Taxonomy.Skills[demanded[i]].Uri, Taxonomy.Skills[edges.Skills[found]].Uri, kind, importance, credit / (double)SkillGraph.CreditUnit);
                (kind == SkillMatchKind.Exact ? explanation.Matched : explanation.Through).Add(match);
            }
        }
        return (essential, essentialCount, optionalSum, optionalCount, exact);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BestMeeter(int demanded, ReadOnlySpan<int> supplied, bool allowRelated)
    {
        var edges = Graph.MeetersOf(demanded, allowRelated);
        for (var j = 0; j < edges.Length; j++)
        {
            if (supplied.BinarySearch(edges.Skills[j]) >= 0)
            {
                return j;
            }
        }
        return -1;
    }

    private sealed class ExplanationLists
    {
        public List<SkillMatch> Matched { get; } = [];
        public List<SkillMatch> Through { get; } = [];
        public List<string> MissingEssential { get; } = [];
        public List<string> MissingOptional { get; } = [];
    }
}
