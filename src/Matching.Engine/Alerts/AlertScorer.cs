using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Alerts;

/// <summary>
/// The score of one (offer, profile) pair as documents, for the alerts: when a document is written, it is scored
/// against the saved searches only, instead of every search running again. It reads the documents the way the
/// index compiles them and scores with the one pair scorer (<see cref="PairScorer"/>: the index's formula, credits,
/// must-have filter), so an alert's score is the score the index gives the same pair.
/// </summary>
/// <param name="places">The ground of départements and régions: an offer given by one of them is beyond a radius that does not reach it,
/// as in the index (docs/scoring.md); without it such an offer passes every radius.</param>
public sealed class AlertScorer(PairScorer pairs, PlaceAreaMap? places = null)
{
    public AlertScorer(SkillsTaxonomy taxonomy, SkillGraph graph, PlaceAreaMap? places = null)
        : this(new PairScorer(taxonomy, graph), places)
    {
    }

    /// <summary>A profile read once for many pairs: its distinct skill ids (sorted), the mean evidence weight of its skills.</summary>
    public sealed record Supplier(ProfileDocument Profile, int[] Skills, double Attested);

    public Supplier Supply(ProfileDocument profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var ids = new SortedSet<int>();
        foreach (var skill in profile.Skills)
        {
            if (pairs.Taxonomy.SkillByUri(skill.SkillUri) is { } s)
            {
                ids.Add(s.Id);
            }
        }
        return new Supplier(profile, [.. ids], MatchScorer.Attested(profile.Skills));
    }

    /// <summary>The pair's total score, or null when a hard filter excludes it (a must-have skill not met, beyond the radius) or it scores 0.</summary>
    /// <param name="radiusKm">The radius to use (the profile's when null).</param>
    /// <param name="banded">What a recruiter sees: scored by the distance band's floor (the radius stays exact) and weighed by the skills' evidence.</param>
    public double? Score(OfferDocument offer, ProfileDocument profile, bool allowRelated = true, double? radiusKm = null, bool banded = false) =>
        Score(offer, Supply(profile), allowRelated, radiusKm, banded);

    /// <inheritdoc cref="Score(OfferDocument, ProfileDocument, bool, double?, bool)"/>
    public double? Score(OfferDocument offer, Supplier supplier, bool allowRelated = true, double? radiusKm = null, bool banded = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(supplier);
        // As the index compiles an offer: a skill listed twice counts once, essential over optional, must-have over not.
        var bySkill = new SortedDictionary<int, (bool Optional, bool Must)>();
        foreach (var demanded in offer.Skills)
        {
            if (pairs.Taxonomy.SkillByUri(demanded.SkillUri) is not { } skill)
            {
                continue;
            }
            var optional = demanded.Importance == SkillImportance.Optional;
            bySkill[skill.Id] = bySkill.TryGetValue(skill.Id, out var seen)
                ? (seen.Optional && optional, seen.Must || demanded.MustHave)
                : (optional, demanded.MustHave);
        }
        var ids = bySkill.Keys.ToArray();
        var optionalFlags = bySkill.Values.Select(v => v.Optional).ToArray();
        var must = bySkill.Where(kv => kv.Value.Must).Select(kv => kv.Key).ToArray();
        var profile = supplier.Profile;
        if (!pairs.MeetsAll(must, supplier.Skills, allowRelated))
        {
            return null;
        }
        double? distance = offer.Place is { } o && profile.Place is { } p
            ? MatchScorer.DistanceKm(o.Latitude, o.Longitude, p.Latitude, p.Longitude)
            : null;
        var radius = radiusKm ?? profile.RadiusKm;
        if (distance > radius
            || (offer.Place is null && profile.Place is { } at && places?.KeyOf(offer.PlaceArea) is { } area && !places.Reaches(area, at.Latitude, at.Longitude, radius)))
        {
            return null;
        }
        var total = pairs.Total(ids, optionalFlags, supplier.Skills, allowRelated,
            banded ? DistanceBands.Floor(distance) : distance, radius, offer.Contract, MatchScorer.ContractMask(profile.ContractWishes),
            offer.Experience, offer.ExperienceYears, profile.ExperienceYears,
            banded ? MatchScorer.Evidence(supplier.Attested) : 1,
            // One side with a place and the other none (an offer given by an area, France, remote work): the unknown distance's factor, as the index.
            placeUnknown: (offer.Place is null) != (profile.Place is null));
        return total > 0 ? total : null;
    }
}
