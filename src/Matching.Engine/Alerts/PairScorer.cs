using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Alerts;

/// <summary>
/// The score of one (offer, profile) pair with the index's formula (<see cref="MatchScorer"/>, the
/// <see cref="SkillGraph"/> credits, the must-have and radius filters), for the alerts: when a document is
/// written, it is scored against the saved searches only, instead of every search running again.
/// </summary>
public sealed class PairScorer(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    /// <summary>The pair's total score, or null when a hard filter excludes it (a must-have skill not met, beyond the radius).</summary>
    /// <param name="radiusKm">The radius to use (the profile's when null).</param>
    /// <param name="banded">What a recruiter sees: scored by the distance band's floor (the radius stays exact) and weighed by the skills' evidence.</param>
    public double? Score(OfferDocument offer, ProfileDocument profile, bool allowRelated = true, double? radiusKm = null, bool banded = false) =>
        Score(offer, Supply(profile), allowRelated, radiusKm, banded);

    /// <summary>A profile read once for many pairs: its skills as taxonomy ids, its evidence factor's share.</summary>
    public sealed record Supplier(ProfileDocument Profile, IReadOnlySet<int> Skills, double Attested);

    public Supplier Supply(ProfileDocument profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var supplied = new HashSet<int>();
        foreach (var skill in profile.Skills)
        {
            if (taxonomy.SkillByUri(skill.SkillUri) is { } s)
            {
                supplied.Add(s.Id);
            }
        }
        return new Supplier(profile, supplied, MatchScorer.Attested(profile.Skills));
    }

    /// <inheritdoc cref="Score(OfferDocument, ProfileDocument, bool, double?, bool)"/>
    public double? Score(OfferDocument offer, Supplier supplier, bool allowRelated = true, double? radiusKm = null, bool banded = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(supplier);
        var profile = supplier.Profile;
        var supplied = supplier.Skills;
        int essential = 0, essentialCount = 0, optional = 0, optionalCount = 0, exact = 0;
        var seen = new HashSet<int>();
        foreach (var demanded in offer.Skills.OrderBy(s => s.Importance))
        {
            if (taxonomy.SkillByUri(demanded.SkillUri) is not { } skill || !seen.Add(skill.Id))
            {
                continue;
            }
            var isOptional = demanded.Importance == SkillImportance.Optional && !offer.Skills.Any(d => d.SkillUri == demanded.SkillUri && d.Importance == SkillImportance.Essential);
            var mustHave = offer.Skills.Any(d => d.SkillUri == demanded.SkillUri && d.MustHave);
            if (isOptional)
            {
                optionalCount++;
            }
            else
            {
                essentialCount++;
            }
            var edges = graph.MeetersOf(skill.Id, allowRelated);
            var credit = 0;
            for (var j = 0; j < edges.Length; j++)
            {
                if (supplied.Contains(edges.Skills[j]))
                {
                    credit = edges.Credits[j];
                    break;
                }
            }
            if (credit == 0 && mustHave)
            {
                return null;
            }
            if (credit == SkillGraph.CreditUnit)
            {
                exact++;
            }
            if (isOptional)
            {
                optional += credit;
            }
            else
            {
                essential += credit;
            }
        }
        double? distance = offer.Place is { } o && profile.Place is { } p
            ? MatchScorer.DistanceKm(o.Latitude, o.Longitude, p.Latitude, p.Longitude)
            : null;
        var radius = radiusKm ?? profile.RadiusKm;
        if (distance > radius)
        {
            return null;
        }
        var total = MatchScorer.Total(essential, essentialCount, optional, optionalCount, exact, supplied.Count,
            banded ? DistanceBands.Floor(distance) : distance, radius, offer.Contract, MatchScorer.ContractMask(profile.ContractWishes),
            offer.Experience, offer.ExperienceYears, profile.ExperienceYears,
            banded ? MatchScorer.Evidence(supplier.Attested) : 1);
        return total > 0 ? total : null;
    }
}
