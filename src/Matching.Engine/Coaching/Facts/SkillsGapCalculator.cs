using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching.Facts;

/// <summary>The skills-gap part of <see cref="MarketFacts"/>.</summary>
/// <param name="Share">Share (0..1) of the asked essential skills the seeker lacks (of all the job's essential skills
/// when no local offer asks for them: <paramref name="Basis"/>); null when the job has no essential skill.</param>
/// <param name="Missing">The lacking skills, most local offers first.</param>
/// <param name="AskedSkills">How many of the target's essential skills local offers ask for (0: measured on the job's own).</param>
public sealed record SkillsGapResult(double? Share, IReadOnlyList<MissingSkill> Missing, int AskedSkills, SkillsGapBasis? Basis = null);

/// <summary>
/// Computes the seeker's gap to the target occupation(s) from the ESCO taxonomy and the local offers (from
/// the index, within the seeker's radius): the target's essential skills that local offers ask for, which
/// of them the seeker lacks, and how many offers ask for each.
/// </summary>
public static class SkillsGapCalculator
{
    /// <param name="language">"fr" or "en": the language of the skill labels the advice will name.</param>
    public static SkillsGapResult Compute(
        SkillsTaxonomy taxonomy,
        IEnumerable<string> targetOccupationUris,
        IEnumerable<string> seekerSkillUris,
        IEnumerable<OfferDocument> localOffers,
        string language = "fr")
    {
        var essential = targetOccupationUris
            .Select(taxonomy.OccupationByUri)
            .OfType<Occupation>()
            .SelectMany(o => o.EssentialSkills)
            .ToHashSet();
        var covered = Covered(taxonomy, Owned(taxonomy, seekerSkillUris));

        // How many offers ask for each essential skill (an offer counts once per skill).
        var asking = new Dictionary<int, int>();
        foreach (var offer in localOffers)
        {
            foreach (var id in offer.Skills.Select(s => taxonomy.SkillByUri(s.SkillUri)?.Id).OfType<int>().Distinct())
            {
                if (essential.Contains(id))
                {
                    asking[id] = asking.GetValueOrDefault(id) + 1;
                }
            }
        }
        if (asking.Count == 0)
        {
            // No local demand to measure the gap against: the job's own essential skills are the reference
            // (said as such); each missing one unlocks no offer nearby.
            var lacking = essential
                .Where(id => !covered.Contains(id))
                .OrderBy(id => taxonomy.Skills[id].Uri, StringComparer.Ordinal)
                .Select(id => new MissingSkill(taxonomy.Skills[id].Uri, taxonomy.Skills[id].Label(language), 0))
                .ToList();
            return new(essential.Count == 0 ? null : (double)lacking.Count / essential.Count, lacking, 0, essential.Count == 0 ? null : SkillsGapBasis.JobReference);
        }
        var missing = asking
            .Where(kv => !covered.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => taxonomy.Skills[kv.Key].Uri, StringComparer.Ordinal)
            .Select(kv => new MissingSkill(taxonomy.Skills[kv.Key].Uri, taxonomy.Skills[kv.Key].Label(language), kv.Value))
            .ToList();
        return new((double)missing.Count / asking.Count, missing, asking.Count, SkillsGapBasis.LocalOffers);
    }

    internal static HashSet<int> Owned(SkillsTaxonomy taxonomy, IEnumerable<string> skillUris) =>
        skillUris.Select(taxonomy.SkillByUri).OfType<Skill>().Select(s => s.Id).ToHashSet();

    /// <summary>
    /// Every skill <paramref name="owned"/> covers, as one set. The seeker covers a skill with it or with one of its
    /// narrower skills (knowing a specialisation shows the general skill); a broader or merely related skill does not
    /// count: so the set is the owned skills and their direct broader skills (broader and narrower are the two
    /// directions of ESCO's one relation).
    /// </summary>
    internal static HashSet<int> Covered(SkillsTaxonomy taxonomy, HashSet<int> owned)
    {
        var covered = new HashSet<int>(owned);
        foreach (var id in owned)
        {
            covered.UnionWith(taxonomy.Skills[id].Broader);
        }
        return covered;
    }
}
