using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Matching.Engine.Coaching.Facts;

/// <summary>The skills-gap part of <see cref="MarketFacts"/>.</summary>
/// <param name="Share">Share (0..1) of the asked essential skills the seeker lacks (of all the job's essential skills
/// when no local offer asks for them: <paramref name="Basis"/>); null when the job has no essential skill.</param>
/// <param name="Missing">The lacking skills, most local offers first.</param>
/// <param name="AskedSkills">How many of the target's essential skills local offers ask for (0: measured on the job's own).</param>
public sealed record SkillsGapResult(double? Share, IReadOnlyList<MissingSkill> Missing, int AskedSkills, SkillsGapBasis? Basis = null);

/// <summary>
/// Computes the seeker's gap to the target job from the taxonomy and the local offers of that job (from the index, within
/// the seeker's radius): what the job is known to need (its ESCO occupation's essential skills, its ROME 4.0 sheet's core
/// items) and what local offers of the job ask in their own words, which of it the seeker lacks, and how many local offers
/// ask for each.
/// </summary>
public static class SkillsGapCalculator
{
    /// <summary>
    /// A skill local offers ask in their own words (by code, in their text or fields, not added by Coach from the job) counts
    /// when at least this many of them ask it, and <see cref="AskedShare"/> of them: "Réaliser un service en salle", which
    /// waiters' offers cite, is on the sheets of bar and restaurant jobs but not on the waiter's own.
    /// </summary>
    public const int MinAskingOffers = 2;

    /// <inheritdoc cref="MinAskingOffers"/>
    public const double AskedShare = 0.25;

    /// <param name="language">"fr" or "en": the language of the skill labels the advice will name.</param>
    /// <param name="romeCode">The target's ROME 4.0 code, when known: its sheet's core items are part of what the job needs.</param>
    public static SkillsGapResult Compute(
        SkillsTaxonomy taxonomy,
        IEnumerable<string> targetOccupationUris,
        IEnumerable<string> seekerSkillUris,
        IEnumerable<OfferDocument> localOffers,
        string language = "fr",
        string? romeCode = null)
    {
        var essential = Essential(taxonomy, targetOccupationUris, romeCode);
        var covered = Covered(taxonomy, Owned(taxonomy, seekerSkillUris));
        var asking = Asking(taxonomy, essential, localOffers);
        if (asking.Count == 0)
        {
            // No local demand to measure the gap against: the job's own essential skills are the reference
            // (said as such); each missing one unlocks no offer nearby. Each skill once: an ESCO skill whose aligned
            // ROME 4.0 item is needed too is that item. Those labelled in the page's language first, and among them the
            // sheet's items, in France Travail's words, before ESCO's: a cariste read "utiliser un équipement radio" first.
            var reference = essential
                .Where(id => taxonomy.Skills[id].Scheme == SkillScheme.Rome4 || !taxonomy.Skills[id].Aligned.Any(essential.Contains))
                .ToList();
            var lacking = reference
                .Where(id => !covered.Contains(id))
                .Select(id => taxonomy.Skills[id])
                .OrderBy(skill => !skill.HasLabelIn(language))
                .ThenBy(skill => skill.Scheme == SkillScheme.Rome4 ? 0 : 1)
                .ThenBy(skill => skill.Uri, StringComparer.Ordinal)
                .Select(skill => new MissingSkill(skill.Uri, skill.Label(language), 0))
                .ToList();
            return new(reference.Count == 0 ? null : (double)lacking.Count / reference.Count, lacking, 0, reference.Count == 0 ? null : SkillsGapBasis.JobReference);
        }
        // One skill per concept: offers' own words can name one thing in both taxonomies (ESCO's "gériatrie" and ROME 4.0's
        // "Gériatrie", aligned twins or merely the same words): a seeker read "gériatrie, Gériatrie" as two skills to acquire.
        // The ROME 4.0 item stands for its twins, asked by as many offers as the most asked of them, covered by any of them.
        var wordings = new List<List<int>>();
        var grouped = new HashSet<int>();
        var ordered = asking.Keys
            .OrderBy(id => taxonomy.Skills[id].Scheme == SkillScheme.Rome4 ? 0 : 1)
            .ThenByDescending(id => asking[id])
            .ThenBy(id => taxonomy.Skills[id].Uri, StringComparer.Ordinal)
            .ToList();
        foreach (var id in ordered.Where(grouped.Add))
        {
            var skill = taxonomy.Skills[id];
            var words = TextNormalizer.Normalize(skill.Label(language));
            var twins = ordered
                .Where(other => !grouped.Contains(other)
                    && (skill.Aligned.Contains(other) || taxonomy.Skills[other].Aligned.Contains(id)
                        || TextNormalizer.Normalize(taxonomy.Skills[other].Label(language)) == words))
                .ToList();
            grouped.UnionWith(twins);
            wordings.Add([id, .. twins]);
        }
        var missing = wordings
            .Where(g => !g.Any(covered.Contains))
            .Select(g => (Skill: taxonomy.Skills[g[0]], Offers: g.Max(id => asking[id])))
            .OrderByDescending(x => x.Offers)
            .ThenBy(x => x.Skill.Uri, StringComparer.Ordinal)
            .Select(x => new MissingSkill(x.Skill.Uri, x.Skill.Label(language), x.Offers))
            .ToList();
        return new((double)missing.Count / wordings.Count, missing, wordings.Count, SkillsGapBasis.LocalOffers);
    }

    /// <summary>
    /// What local offers of the job ask, by skill id, with how many of them state it (not counting the items Coach added from their job):
    /// the job's known needs (<paramref name="essential"/>) that any of them has, and the job skills (not a transversal skill: the qualities are transversal) that enough of them ask in their own words
    /// (<see cref="MinAskingOffers"/>, <see cref="AskedShare"/>). The gap measures the seeker against these; the questionnaire proposes
    /// them to tick (<c>JobReadings.ProposedSkillsAsync</c>), so that what the gap names as missing could have been declared.
    /// </summary>
    public static Dictionary<int, int> Asking(SkillsTaxonomy taxonomy, IReadOnlySet<int> essential, IEnumerable<OfferDocument> localOffers)
    {
        // How many offers ask for each skill of the job (an offer counts once per skill), and how many ask for each skill
        // in their own words: a job skill that enough of them ask is needed too.
        var asking = new Dictionary<int, int>();
        var ownWords = new Dictionary<int, int>();
        var offers = 0;
        foreach (var offer in localOffers)
        {
            offers++;
            var seen = new HashSet<int>();
            foreach (var demanded in offer.Skills)
            {
                if (taxonomy.SkillByUri(demanded.SkillUri) is not { } skill || !seen.Add(skill.Id))
                {
                    continue;
                }
                if (essential.Contains(skill.Id))
                {
                    // Needed when any offer has it; counted as asked only when the offer states it: an item Coach added from the
                    // offer's job (an offer naming fewer than 3 skills of its own) is not "demandée par" that offer.
                    asking[skill.Id] = asking.GetValueOrDefault(skill.Id) + (demanded.Source == SkillSource.Occupation ? 0 : 1);
                }
                if (demanded.Source != SkillSource.Occupation && demanded.Importance == SkillImportance.Essential && skill.Reuse != ReuseLevel.Transversal)
                {
                    ownWords[skill.Id] = ownWords.GetValueOrDefault(skill.Id) + 1;
                }
            }
        }
        foreach (var (id, count) in ownWords)
        {
            if (!essential.Contains(id) && count >= MinAskingOffers && count >= AskedShare * offers)
            {
                asking[id] = count;
            }
        }
        return asking;
    }

    /// <summary>What the job is known to need: its ESCO occupations' essential skills and its ROME 4.0 sheet's core items.</summary>
    public static HashSet<int> Essential(SkillsTaxonomy taxonomy, IEnumerable<string> targetOccupationUris, string? romeCode)
    {
        var essential = targetOccupationUris
            .Select(taxonomy.OccupationByUri)
            .OfType<Occupation>()
            .SelectMany(o => o.EssentialSkills)
            .ToHashSet();
        if (romeCode is not null && taxonomy.Rome4.Sheet(romeCode) is { } sheet)
        {
            essential.UnionWith(sheet.CoreItems.Select(i => taxonomy.Rome4Skill(i.Code)?.Id).OfType<int>());
        }
        return essential;
    }

    internal static HashSet<int> Owned(SkillsTaxonomy taxonomy, IEnumerable<string> skillUris) =>
        skillUris.Select(taxonomy.SkillByUri).OfType<Skill>().Select(s => s.Id).ToHashSet();

    /// <summary>
    /// Every skill <paramref name="owned"/> covers, as one set. The seeker covers a skill with it, with the same skill
    /// worded by the other taxonomy (ROME 4.0 ↔ ESCO alignment), or with one of its narrower skills (knowing a
    /// specialisation shows the general skill); a broader or merely related skill does not count: so the set is the owned
    /// skills, their aligned twins and their direct broader skills (broader and narrower are the two directions of ESCO's
    /// one relation).
    /// </summary>
    internal static HashSet<int> Covered(SkillsTaxonomy taxonomy, HashSet<int> owned)
    {
        var covered = new HashSet<int>(owned);
        foreach (var id in owned)
        {
            covered.UnionWith(taxonomy.Skills[id].Broader);
            covered.UnionWith(taxonomy.Skills[id].Aligned);
        }
        return covered;
    }
}
