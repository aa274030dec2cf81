using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The explanation of one pair, recomputed from both sides' skills for the hits of a page only: for
/// each demanded skill the first meeter the supplier has (rows are sorted by credit) is its best way,
/// which is exactly what the query paths credited, so <see cref="ScoreParts.Total"/> equals the hit's score.
/// </summary>
internal sealed class MatchExplainer(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    /// <param name="offerSkills">Demanded skills with <see cref="Packed"/> flags.</param>
    /// <param name="profileSkills">Supplied skills, distinct and sorted ascending.</param>
    public MatchExplanation Explain(ReadOnlySpan<int> offerSkills, ReadOnlySpan<int> profileSkills, bool allowRelated, double? distanceKm, double radiusKm,
        ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears)
    {
        var matched = new List<SkillMatch>();
        var through = new List<SkillMatch>();
        var missingEssential = new List<string>();
        var missingOptional = new List<string>();
        int essential = 0, optional = 0, essentialCount = 0, optionalCount = 0, exact = 0;
        foreach (var packed in offerSkills)
        {
            var demanded = packed & Packed.IdMask;
            var importance = (packed & Packed.Optional) != 0 ? SkillImportance.Optional : SkillImportance.Essential;
            if (importance == SkillImportance.Optional)
            {
                optionalCount++;
            }
            else
            {
                essentialCount++;
            }
            var edges = graph.MeetersOf(demanded, allowRelated);
            var found = -1;
            for (var j = 0; j < edges.Length; j++)
            {
                if (profileSkills.BinarySearch(edges.Skills[j]) >= 0)
                {
                    found = j;
                    break;
                }
            }
            var uri = taxonomy.Skills[demanded].Uri;
            if (found < 0)
            {
                (importance == SkillImportance.Optional ? missingOptional : missingEssential).Add(uri);
                continue;
            }
            int credit = edges.Credits[found];
            if (importance == SkillImportance.Optional)
            {
                optional += credit;
            }
            else
            {
                essential += credit;
            }
            var kind = edges.Kinds[found];
            if (kind == SkillMatchKind.Exact)
            {
                exact++;
            }
            var match = new SkillMatch(uri, taxonomy.Skills[edges.Skills[found]].Uri, kind, importance, credit / (double)SkillGraph.CreditUnit);
            (kind == SkillMatchKind.Exact ? matched : through).Add(match);
        }
        var parts = MatchScorer.Score(essential, essentialCount, optional, optionalCount, exact, profileSkills.Length, distanceKm, radiusKm, contract, contractWishes, requirement, yearsAsked, seekerYears);
        return new MatchExplanation(matched, through, missingEssential, missingOptional, distanceKm, parts);
    }
}
