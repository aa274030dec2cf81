using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Scoring;

/// <summary>How an offer's occupation stands to the jobs a seeker targets: the occupation part of the score (docs/scoring.md).</summary>
public enum OccupationFit
{
    /// <summary>One side states no occupation (a seeker without a target, a recruiter's candidate search): nothing to compare.</summary>
    Unknown,
    /// <summary>The offer's ROME code is one of the seeker's target codes (or, when either side has no ROME code, its ESCO occupation is one of their targets).</summary>
    Target,
    /// <summary>A close job: the same ROME v3 family (<c>code_rome_parent</c>), an official ROME 4.0 mobility between the two sheets, or the
    /// same ESCO occupation under another ROME code.</summary>
    Close,
    /// <summary>Another job.</summary>
    Other,
}

/// <summary>
/// Tells how an offer's occupation (<see cref="OfferDocument.RomeCode"/>, <see cref="OfferDocument.OccupationUri"/>) stands to a
/// seeker's targets (<see cref="ProfileDocument.TargetRomeCodes"/>, <see cref="ProfileDocument.TargetOccupationUris"/>), from ROME 4.0
/// alone: the same relation in both match directions and in every index. Thread-safe; one per taxonomy (<see cref="For"/>).
/// </summary>
public sealed class OccupationRelations
{
    private static readonly ConditionalWeakTable<SkillsTaxonomy, OccupationRelations> s_instances = [];

    private readonly Rome4Referential _rome;
    private readonly FrozenDictionary<string, FrozenSet<string>> _mobilities;

    private OccupationRelations(SkillsTaxonomy taxonomy)
    {
        _rome = taxonomy.Rome4;
        // Official mobilities, in either direction: a holder of one sheet can move to the other.
        var pairs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string a, string b) => (pairs.TryGetValue(a, out var set) ? set : pairs[a] = new(StringComparer.Ordinal)).Add(b);
        foreach (var sheet in _rome.Sheets)
        {
            foreach (var target in sheet.Mobilities)
            {
                Add(sheet.Code, target);
                Add(target, sheet.Code);
            }
        }
        _mobilities = pairs.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public static OccupationRelations For(SkillsTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return s_instances.GetValue(taxonomy, t => new OccupationRelations(t));
    }

    /// <summary>The fit of an offer to a seeker's targets.</summary>
    public OccupationFit Fit(OfferDocument offer, ProfileDocument profile)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(profile);
        return Fit(offer.RomeCode, offer.OccupationUri, profile.TargetRomeCodes ?? [], profile.TargetOccupationUris ?? []);
    }

    /// <summary>
    /// <see cref="OccupationFit.Unknown"/> when either side states no occupation. When both state a ROME code, the codes decide
    /// (ROME 4.0 is the finer classification, the one real offers carry): <see cref="OccupationFit.Target"/> for one of the target
    /// codes, <see cref="OccupationFit.Close"/> for a code close to one (<see cref="Close"/>) or for the same ESCO occupation under
    /// another code, else <see cref="OccupationFit.Other"/>. Otherwise the ESCO occupation decides: a target occupation, or another.
    /// </summary>
    public OccupationFit Fit(string? offerRome, string? offerOccupationUri, IReadOnlyCollection<string> targetRomes, IReadOnlyCollection<string> targetOccupationUris)
    {
        ArgumentNullException.ThrowIfNull(targetRomes);
        ArgumentNullException.ThrowIfNull(targetOccupationUris);
        var rome = string.IsNullOrWhiteSpace(offerRome) ? null : offerRome.Trim().ToUpperInvariant();
        var occupation = string.IsNullOrWhiteSpace(offerOccupationUri) ? null : offerOccupationUri;
        var codes = targetRomes.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToUpperInvariant()).ToList();
        if ((rome is null && occupation is null) || (codes.Count == 0 && targetOccupationUris.Count == 0))
        {
            return OccupationFit.Unknown;
        }
        var sameOccupation = occupation is not null && targetOccupationUris.Contains(occupation, StringComparer.Ordinal);
        if (rome is null || codes.Count == 0)
        {
            return sameOccupation ? OccupationFit.Target : OccupationFit.Other;
        }
        if (codes.Contains(rome, StringComparer.Ordinal))
        {
            return OccupationFit.Target;
        }
        return sameOccupation || codes.Any(t => Close(rome, t)) ? OccupationFit.Close : OccupationFit.Other;
    }

    /// <summary>Two ROME codes (v3 or 4.0) of the same ROME v3 family, or linked by an official ROME 4.0 mobility (either way).</summary>
    public bool Close(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.Trim().ToUpperInvariant();
        var y = b.Trim().ToUpperInvariant();
        return _rome.SameFamily(x, y) || (_mobilities.TryGetValue(x, out var reachable) && reachable.Contains(y));
    }

    /// <summary>The ROME v3 family of a code (<see cref="Rome4Referential.FamilyOf"/>), null when ROME does not know it.</summary>
    public string? FamilyOf(string code) => _rome.FamilyOf(code.Trim().ToUpperInvariant());

    /// <summary>The codes an official mobility links to <paramref name="code"/>, either way.</summary>
    public IReadOnlyCollection<string> MobilitiesOf(string code) =>
        _mobilities.TryGetValue(code.Trim().ToUpperInvariant(), out var reachable) ? reachable : [];
}
