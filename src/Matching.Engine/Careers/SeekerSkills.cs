using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Careers;

/// <summary>How well a seeker's skills meet one demanded skill, and through which of them.</summary>
internal readonly record struct SkillCredit(double Credit, SkillMatchKind Kind, int ViaSkillId);

/// <summary>
/// A seeker's skills resolved to taxonomy ids, with the credit they give every skill they reach. The credits are
/// the matcher's (the index's SkillGraph): the skill itself 1, through a narrower skill the seeker has 0.8, through
/// a broader one 0.6, through an ESCO related skill 0.5. So the skills gap, close jobs and offer matching agree on
/// what "partly met" means.
/// </summary>
internal sealed class SeekerSkills
{
    public const double NarrowerCredit = 0.8;
    public const double BroaderCredit = 0.6;
    public const double RelatedCredit = 0.5;

    private readonly Dictionary<int, SkillCredit> _reached = [];

    private SeekerSkills(HashSet<int> owned, SkillsTaxonomy taxonomy)
    {
        Owned = owned;
        foreach (var id in owned.Order())
        {
            var skill = taxonomy.Skills[id];
            Offer(id, 1.0, SkillMatchKind.Exact, id);
            // The seeker has a skill narrower than X: X is met through a narrower skill.
            foreach (var broader in skill.Broader)
            {
                Offer(broader, NarrowerCredit, SkillMatchKind.Narrower, id);
            }
            foreach (var narrower in skill.Narrower)
            {
                Offer(narrower, BroaderCredit, SkillMatchKind.Broader, id);
            }
            foreach (var related in skill.Related)
            {
                Offer(related.SkillId, RelatedCredit, SkillMatchKind.Related, id);
            }
        }
    }

    public HashSet<int> Owned { get; }

    /// <summary>Every skill the seeker meets at all, with the best credit.</summary>
    public IReadOnlyDictionary<int, SkillCredit> Reached => _reached;

    public SkillCredit? CreditFor(int skillId) => _reached.TryGetValue(skillId, out var credit) ? credit : null;

    /// <summary>Resolves skill URIs; an unknown URI is an error naming the parameter and the URI.</summary>
    public static SeekerSkills Resolve(SkillsTaxonomy taxonomy, IEnumerable<string> skillUris, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(skillUris, parameterName);
        var owned = new HashSet<int>();
        foreach (var uri in skillUris)
        {
            if (string.IsNullOrWhiteSpace(uri))
            {
                throw new ArgumentException($"{parameterName}: a skill URI is empty.", parameterName);
            }
            var skill = taxonomy.SkillByUri(uri.Trim())
                ?? throw new ArgumentException($"{parameterName}: '{uri}' is not an ESCO skill URI of the loaded taxonomy.", parameterName);
            owned.Add(skill.Id);
        }
        return new SeekerSkills(owned, taxonomy);
    }

    private void Offer(int skillId, double credit, SkillMatchKind kind, int via)
    {
        // Ties keep the first offer: seeker skills are visited in id order, so the answer is deterministic.
        if (!_reached.TryGetValue(skillId, out var current) || credit > current.Credit)
        {
            _reached[skillId] = new SkillCredit(credit, kind, via);
        }
    }
}
