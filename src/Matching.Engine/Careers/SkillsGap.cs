using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Careers;

/// <summary>An essential skill of the target the seeker lacks, with how many offers within the radius ask for it.</summary>
public sealed record GapSkill(string Uri, string LabelFr, string LabelEn, ReuseLevel Reuse, int OffersWithinRadius);

/// <summary>An essential skill the seeker meets only through a related, broader or narrower skill.</summary>
/// <param name="Credit">Share of a full match, as the matcher credits it (0.8 narrower, 0.6 broader, 0.5 related).</param>
public sealed record PartlyMetSkill(GapSkill Skill, string ViaSkillUri, string ViaLabelFr, string ViaLabelEn, SkillMatchKind Kind, double Credit);

/// <summary>The seeker's gap to one target occupation.</summary>
/// <param name="EssentialCount">Essential skills of the target.</param>
/// <param name="Missing">Essential skills met in no way, most offers unlocked first.</param>
/// <param name="PartlyMet">Essential skills met through a neighbour skill, most offers first.</param>
/// <param name="MissingShare">Missing / essential (0..1), the figure the diagnosis' skills-gap category reads; 0 for a target without essential skills.</param>
/// <param name="WeightedGapShare">Like <paramref name="MissingShare"/> but a partly met skill counts for its missing part (1 - credit).</param>
/// <param name="AskedCount">Essential skills at least one offer within the radius asks for.</param>
/// <param name="MissingShareOfAsked">
/// Of the essential skills local offers ask for, the share the seeker lacks in every way: the diagnosis' "skills gap"
/// (a gap nobody nearby asks about does not hold the seeker back). Null when no local offer asks for any.
/// </param>
public sealed record SkillsGapResult(
    Occupation Target,
    int EssentialCount,
    int MetCount,
    IReadOnlyList<GapSkill> Missing,
    IReadOnlyList<PartlyMetSkill> PartlyMet,
    double MissingShare,
    double WeightedGapShare,
    int AskedCount,
    double? MissingShareOfAsked);

/// <summary>
/// The essential skills of a target occupation a seeker lacks, ranked by the offers they would unlock nearby.
/// Order: offers within the radius (desc), then reuse level from the most specific (occupation-specific) to
/// transversal, then French label. Transversal skills come last on a tie because they are the ones a seeker
/// most often has without having declared them, and the ones offers least often name: training advice should
/// name the job's own skills first.
/// </summary>
public sealed class SkillsGap(SkillsTaxonomy taxonomy)
{
    /// <param name="seekerSkillUris">The seeker's ESCO skill URIs; an unknown URI is an error.</param>
    /// <param name="offersWithinRadius">Offers within the seeker's radius asking for a skill (by URI), from the index.</param>
    public SkillsGapResult Compute(Occupation target, IEnumerable<string> seekerSkillUris, Func<string, int> offersWithinRadius)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(offersWithinRadius);
        var seeker = SeekerSkills.Resolve(taxonomy, seekerSkillUris, nameof(seekerSkillUris));

        var missing = new List<GapSkill>();
        var partly = new List<PartlyMetSkill>();
        var met = 0;
        var asked = 0;
        var missingAsked = 0;
        double gap = 0;
        foreach (var id in target.EssentialSkills)
        {
            var skill = taxonomy.Skills[id];
            var offers = offersWithinRadius(skill.Uri);
            if (offers < 0)
            {
                throw new InvalidOperationException($"offersWithinRadius returned {offers} for '{skill.Uri}': a count cannot be negative.");
            }
            asked += offers > 0 ? 1 : 0;
            var credit = seeker.CreditFor(id);
            if (credit is { Kind: SkillMatchKind.Exact })
            {
                met++;
                continue;
            }
            var gapSkill = new GapSkill(skill.Uri, skill.Label("fr"), skill.LabelEn, skill.Reuse, offers);
            if (credit is { } c)
            {
                var via = taxonomy.Skills[c.ViaSkillId];
                partly.Add(new PartlyMetSkill(gapSkill, via.Uri, via.Label("fr"), via.LabelEn, c.Kind, c.Credit));
                gap += 1 - c.Credit;
            }
            else
            {
                missing.Add(gapSkill);
                gap += 1;
                missingAsked += offers > 0 ? 1 : 0;
            }
        }

        var essential = target.EssentialSkills.Length;
        return new SkillsGapResult(
            target,
            essential,
            met,
            [.. missing.Order(GapOrder.Instance)],
            [.. partly.OrderBy(p => p.Skill, GapOrder.Instance)],
            essential == 0 ? 0 : (double)missing.Count / essential,
            essential == 0 ? 0 : gap / essential,
            asked,
            asked == 0 ? null : (double)missingAsked / asked);
    }

    /// <summary>Same, from precomputed counts per skill URI (a skill absent from the dictionary has no offers).</summary>
    public SkillsGapResult Compute(Occupation target, IEnumerable<string> seekerSkillUris, IReadOnlyDictionary<string, int> offersBySkillUri)
    {
        ArgumentNullException.ThrowIfNull(offersBySkillUri);
        return Compute(target, seekerSkillUris, uri => offersBySkillUri.GetValueOrDefault(uri));
    }

    /// <summary>Target given by ESCO occupation URI; an unknown URI is an error naming the parameter.</summary>
    public SkillsGapResult Compute(string targetOccupationUri, IEnumerable<string> seekerSkillUris, Func<string, int> offersWithinRadius)
    {
        var target = taxonomy.OccupationByUri(targetOccupationUri ?? "")
            ?? throw new ArgumentException($"targetOccupationUri: '{targetOccupationUri}' is not an ESCO occupation URI of the loaded taxonomy.", nameof(targetOccupationUri));
        return Compute(target, seekerSkillUris, offersWithinRadius);
    }
}

/// <summary>Offers desc, then most specific reuse level first (transversal last), then French label, then URI.</summary>
internal sealed class GapOrder : IComparer<GapSkill>
{
    public static readonly GapOrder Instance = new();

    public int Compare(GapSkill? x, GapSkill? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }
        var byOffers = y.OffersWithinRadius.CompareTo(x.OffersWithinRadius);
        if (byOffers != 0)
        {
            return byOffers;
        }
        var byReuse = Specificity(y.Reuse).CompareTo(Specificity(x.Reuse));
        if (byReuse != 0)
        {
            return byReuse;
        }
        var byLabel = string.Compare(x.LabelFr, y.LabelFr, StringComparison.Ordinal);
        return byLabel != 0 ? byLabel : string.CompareOrdinal(x.Uri, y.Uri);
    }

    /// <summary>Occupation-specific 4 … transversal 1; unknown reuse sits with sector-specific skills.</summary>
    internal static int Specificity(ReuseLevel reuse) => reuse switch
    {
        ReuseLevel.OccupationSpecific => 4,
        ReuseLevel.SectorSpecific or ReuseLevel.Unknown => 3,
        ReuseLevel.CrossSector => 2,
        _ => 1,
    };
}
