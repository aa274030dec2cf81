using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching.Facts;

/// <summary>
/// Finds jobs close to the seeker: ESCO occupations with a ROME code whose essential skills the seeker
/// mostly has already, with the few skills to add. The market figure of each comes from the caller
/// (DARES offers per 10 job seekers for the ROME code in the seeker's area), so this stays free of I/O.
/// </summary>
public static class CloseJobFinder
{
    /// <param name="excludedRomeCodes">The seeker's target ROME codes: not proposed again.</param>
    /// <param name="offersPerTenOfRome">Offers per 10 job seekers for a ROME code in the seeker's area, null when unknown.</param>
    /// <param name="maxSkillsToAdd">At most this many essential skills to add (and never more than half of them).</param>
    public static IReadOnlyList<CloseJob> Find(
        SkillsTaxonomy taxonomy,
        IEnumerable<string> seekerSkillUris,
        IReadOnlyCollection<string> excludedRomeCodes,
        Func<string, double?> offersPerTenOfRome,
        int maxSkillsToAdd = 5,
        int take = 5,
        string language = "fr")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSkillsToAdd);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var owned = SkillsGapCalculator.Owned(taxonomy, seekerSkillUris);
        if (owned.Count == 0)
        {
            return [];
        }
        var candidates = new List<(Occupation occupation, string rome, int[] toAdd)>();
        foreach (var occupation in taxonomy.Occupations)
        {
            if (occupation.RomeCodes.Length == 0 || occupation.EssentialSkills.Length == 0)
            {
                continue;
            }
            var rome = occupation.RomeCodes[0];
            if (excludedRomeCodes.Contains(rome))
            {
                continue;
            }
            var toAdd = occupation.EssentialSkills.Where(s => !SkillsGapCalculator.Covers(taxonomy, owned, s)).ToArray();
            if (toAdd.Length <= maxSkillsToAdd && toAdd.Length * 2 <= occupation.EssentialSkills.Length)
            {
                candidates.Add((occupation, rome, toAdd));
            }
        }
        return candidates
            // Fewest skills to add first, then the larger share already owned; one occupation per ROME code.
            .OrderBy(c => c.toAdd.Length)
            .ThenByDescending(c => c.occupation.EssentialSkills.Length)
            .ThenBy(c => c.occupation.Uri, StringComparer.Ordinal)
            .DistinctBy(c => c.rome)
            .Take(take)
            .Select(c => new CloseJob(
                c.occupation.Label(language),
                c.rome,
                offersPerTenOfRome(c.rome),
                [.. c.toAdd.Select(s => taxonomy.Skills[s].Label(language))]))
            .ToList();
    }
}
