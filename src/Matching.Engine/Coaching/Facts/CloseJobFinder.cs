using System.Runtime.CompilerServices;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching.Facts;

/// <summary>
/// Finds jobs close to the seeker's target: the official ROME 4.0 mobilities of the target's sheet
/// (<c>unix_rubrique_mobilite</c>), and the jobs whose core skills the seeker's skills and the target's core skills
/// mostly cover (skill proximity). Each comes with why (official mobility, shared skills), the skills to add and
/// its local market; they are ranked by how much of the job is already covered, by the local market, and the
/// official mobilities first among equals. The market figure comes from the caller, so this stays free of I/O.
/// </summary>
public static class CloseJobFinder
{
    /// <summary>Close jobs shown at most.</summary>
    public const int MaxJobs = 10;

    /// <summary>Skill proximity: a job is close when the skills cover at least half of its core skills.</summary>
    public const double MinCoveredShare = 0.5;

    /// <summary>Ranking weights (sum 1): share of the job's core skills already covered, local market, official mobility.</summary>
    public const double CoverageWeight = 0.5;

    public const double MarketWeight = 0.3;

    public const double OfficialWeight = 0.2;

    /// <summary>Offers per 10 job seekers that count as a full market in the ranking (a market at 10 or more is as good as it gets).</summary>
    public const double FullMarketOffersPerTen = 10;

    /// <summary>The ranking's market part when the figure is unknown: below an average market, above a stuck one.</summary>
    public const double UnknownMarket = 0.3;

    /// <param name="targetRome">The target's ROME code (a ROME v3 code is a ROME 4.0 sheet too).</param>
    /// <param name="targetLabel">The target as the seeker typed it: picks the ROME 4.0 sheet among those of the occupation.</param>
    /// <param name="targetOccupationUri">The target's ESCO occupation: its core (essential) skills join the seeker's for proximity.</param>
    /// <param name="seekerSkillUris">The skills that count for the seeker (declared and from experience); the skills to add are those they lack.</param>
    /// <param name="excludedRomeCodes">Codes never proposed as close by skills (the seeker's other targets, the jobs they
    /// practised: their own past job is no discovery); an official mobility is always shown.</param>
    /// <param name="marketOf">Offers per 10 job seekers of a ROME v3 code around the seeker (null when unknown).</param>
    /// <param name="marketScopeOf">Where that figure comes from when it is not the seeker's employment area (a département, a région, "France").</param>
    /// <param name="changingJobs">The seeker practised jobs of other families only (a saleswoman becoming an electrician): jobs
    /// close by skills are those the target's own skills reach; the seeker's skills only rank them and shorten what to add,
    /// so that her past job's neighbours ("Conseiller commercial motocycles") are not offered as close to the job she asks.</param>
    public static IReadOnlyList<CloseJob> Find(
        SkillsTaxonomy taxonomy,
        string? targetRome,
        string? targetLabel,
        string? targetOccupationUri,
        IEnumerable<string> seekerSkillUris,
        IReadOnlyCollection<string> excludedRomeCodes,
        Func<string, double?> marketOf,
        string language = "fr",
        int take = MaxJobs,
        Func<string, string?>? marketScopeOf = null,
        bool changingJobs = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var target = targetOccupationUri is null ? null : taxonomy.OccupationByUri(targetOccupationUri);
        // The target's sheet: the code given when it is one of its ESCO occupation's ROME 4.0 sheets; else the sheet of
        // that occupation that refines it (ROME 4.0 split the v3 sheet M1203 into comptable M1203, assistant comptable
        // M1213, aide-comptable M1225...), the one whose label shares most words with the job as the seeker typed it
        // and as ESCO names it; else the code itself.
        var given = targetRome is null ? null : taxonomy.Rome4.Sheet(targetRome.ToUpperInvariant());
        var words = Words($"{targetLabel} {target?.LabelFr}");
        var sheet = given is not null && target?.Rome4Codes.Contains(given.Code) != false ? given : (target?.Rome4Codes ?? [])
            .Select(taxonomy.Rome4.Sheet)
            .OfType<Rome4Sheet>()
            .Where(s => given is null || s.ParentCode == given.ParentCode)
            .Select((s, order) => (s, order, shared: Words(s.Label).Count(words.Contains)))
            .OrderByDescending(x => x.shared)
            .ThenBy(x => x.order)
            .Select(x => x.s)
            .FirstOrDefault() ?? given;
        var owned = SkillsGapCalculator.Owned(taxonomy, seekerSkillUris);
        // Proximity is measured on what the seeker has and what the target is made of: close to the job they aim at.
        var basis = new HashSet<int>(owned);
        basis.UnionWith(target?.EssentialSkills ?? []);
        if (sheet is null && basis.Count == 0)
        {
            return [];
        }

        // From here on, what the basis and the seeker's skills cover (SkillsGapCalculator.Covered), as sets: the loop
        // below tests every occupation's skills against them.
        basis = SkillsGapCalculator.Covered(taxonomy, basis);
        owned = SkillsGapCalculator.Covered(taxonomy, owned);
        // What picks the jobs close by skills: the target and the seeker's skills together, or the target's alone for a
        // seeker changing jobs (her skills are evidence for the target's neighbours, not a road back to her past job's).
        var reach = changingJobs && target is not null ? SkillsGapCalculator.Covered(taxonomy, [.. target.EssentialSkills]) : basis;

        var excluded = new HashSet<string>(excludedRomeCodes.Select(c => c.ToUpperInvariant()), StringComparer.Ordinal);
        if (sheet is not null)
        {
            excluded.Add(sheet.Code);
        }

        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var order = 0;
        foreach (var code in sheet?.Mobilities ?? [])
        {
            if (code != sheet!.Code && taxonomy.Rome4.Sheet(code) is { } mobility)
            {
                candidates[code] = Evaluate(taxonomy, mobility, Best(taxonomy, code, basis), basis, owned, official: true, order++);
            }
        }
        if (reach.Count > 0)
        {
            // How many essential skills of each occupation the basis covers, from the skills' side: only the
            // occupations that share a skill with the basis are touched (a few hundred of ~3,000).
            var occupations = taxonomy.Occupations;
            var coveredCounts = new int[occupations.Count];
            var essentialOf = EssentialOccupationsBySkill(taxonomy);
            foreach (var skill in reach)
            {
                foreach (var o in essentialOf[skill])
                {
                    coveredCounts[o]++;
                }
            }
            for (var i = 0; i < occupations.Count; i++)
            {
                var occupation = occupations[i];
                var covered = coveredCounts[i];
                if (covered == 0 || occupation.EssentialSkills.Length == 0
                    || (occupation.Rome4Codes.FirstOrDefault() ?? occupation.RomeCodes.FirstOrDefault()) is not { } code
                    || excluded.Contains(code) || taxonomy.Rome4.Sheet(code) is not { } job)
                {
                    continue;
                }
                if (covered < MinCoveredShare * occupation.EssentialSkills.Length)
                {
                    continue;
                }
                var candidate = Evaluate(taxonomy, job, occupation, basis, owned, official: false, order++);
                if (!candidates.TryGetValue(code, out var known) || (!known.Official && candidate.Coverage > known.Coverage))
                {
                    candidates[code] = candidate;
                }
            }
        }

        return candidates.Values
            .Select(c => (c, market: marketOf(c.Sheet.ParentCode)))
            .Select(x => (x.c, x.market, rank: CoverageWeight * x.c.Coverage
                + MarketWeight * (x.market is { } m ? Math.Min(m, FullMarketOffersPerTen) / FullMarketOffersPerTen : UnknownMarket)
                + (x.c.Official ? OfficialWeight : 0)))
            .OrderByDescending(x => x.rank)
            .ThenBy(x => x.c.ToAdd.Count)
            .ThenBy(x => x.c.Order)
            .Take(take)
            .Select(x => new CloseJob(Label(x.c, language), x.c.Sheet.Code, x.market, Labels(taxonomy, x.c.ToAdd, language))
            {
                OffersPerTenScope = x.market is null ? null : marketScopeOf?.Invoke(x.c.Sheet.ParentCode),
                OfficialMobility = x.c.Official,
                SharedSkills = Labels(taxonomy, x.c.Shared, language),
                CoreSkills = x.c.Occupation?.EssentialSkills.Length ?? 0,
                Regulated = x.c.Sheet.Regulated,
                OccupationUri = x.c.Occupation?.Uri,
            })
            .ToList();
    }

    private static readonly ConditionalWeakTable<SkillsTaxonomy, int[][]> s_essentialOccupations = new();

    /// <summary>For each skill id, the positions in <see cref="SkillsTaxonomy.Occupations"/> of the occupations that list it as essential (once per listing).</summary>
    private static int[][] EssentialOccupationsBySkill(SkillsTaxonomy taxonomy) => s_essentialOccupations.GetValue(taxonomy, t =>
    {
        var lists = new List<int>?[t.Skills.Count];
        for (var i = 0; i < t.Occupations.Count; i++)
        {
            foreach (var skill in t.Occupations[i].EssentialSkills)
            {
                (lists[skill] ??= []).Add(i);
            }
        }
        return [.. lists.Select(l => l is null ? [] : l.ToArray())];
    });

    /// <summary>The occupation that represents a sheet: among its crosswalked ESCO occupations, the one the basis covers best (<paramref name="basis"/>: what it covers).</summary>
    private static Occupation? Best(SkillsTaxonomy taxonomy, string code, HashSet<int> basis) =>
        taxonomy.OccupationsForRome(code)
            .Where(o => o.EssentialSkills.Length > 0)
            .OrderByDescending(o => o.EssentialSkills.Count(s => basis.Contains(s)) / (double)o.EssentialSkills.Length)
            .ThenBy(o => o.Uri, StringComparer.Ordinal)
            .FirstOrDefault();

    private static Candidate Evaluate(SkillsTaxonomy taxonomy, Rome4Sheet sheet, Occupation? occupation, HashSet<int> basis, HashSet<int> owned, bool official, int order)
    {
        var essential = occupation?.EssentialSkills ?? [];
        var shared = essential.Where(s => basis.Contains(s)).ToList();
        // Skills to add are the seeker's: what they lack of the job (everything when they gave none).
        var toAdd = essential.Where(s => !owned.Contains(s)).ToList();
        return new(sheet, occupation, official, essential.Length == 0 ? 0 : (double)shared.Count / essential.Length, shared, toAdd, order);
    }

    /// <summary>The words of a job label, lower case, without accents, of 3 letters or more ("Assistant / Assistante comptable").</summary>
    private static HashSet<string> Words(string text) =>
        [.. Text.TextNormalizer.Tokenize(text).Where(w => w.Length >= 3)];

    /// <summary>
    /// The skills' labels, those in <paramref name="language"/> first: a page shows the first few, and a French page
    /// read "À ajouter : food waste monitoring systems, …" where ESCO has no French label.
    /// </summary>
    private static string[] Labels(SkillsTaxonomy taxonomy, IReadOnlyList<int> skills, string language) =>
        [.. skills.Select(s => taxonomy.Skills[s]).OrderBy(s => !s.HasLabelIn(language)).Select(s => s.Label(language))];

    private static string Label(Candidate c, string language) =>
        language == "fr" || c.Occupation is null ? c.Sheet.Label : c.Occupation.Label(language);

    private sealed record Candidate(Rome4Sheet Sheet, Occupation? Occupation, bool Official, double Coverage, IReadOnlyList<int> Shared, IReadOnlyList<int> ToAdd, int Order);
}
