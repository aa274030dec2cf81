using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Benchmarks;

/// <summary>
/// The naive baseline: score every document with the engine's formula (<see cref="MatchScorer"/>
/// and the <see cref="SkillGraph"/> credits, must-have and radius filters) and keep the top k in a
/// heap. No postings, no pruning: what the embedded index must be much faster than.
/// </summary>
internal sealed class NaiveScan(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    private readonly bool[] _has = new bool[taxonomy.Skills.Count];

    /// <summary>An offer reduced to what the score needs, skill URIs resolved to ids once.</summary>
    internal sealed record Demand(string Id, int[] Essential, int[] Optional, int[] MustHave, double? Latitude, double? Longitude, ContractType Contract, ExperienceRequirement Experience, double? Years);

    /// <summary>A profile reduced to what the score needs.</summary>
    internal sealed record Supply(string Id, int[] Skills, double? Latitude, double? Longitude, double RadiusKm, int ContractWishes, double Years);

    public Demand Compile(OfferDocument offer)
    {
        var essential = new List<int>();
        var optional = new List<int>();
        var mustHave = new List<int>();
        foreach (var skill in offer.Skills)
        {
            var id = taxonomy.SkillByUri(skill.SkillUri)!.Id;
            (skill.Importance == SkillImportance.Essential ? essential : optional).Add(id);
            if (skill.MustHave)
            {
                mustHave.Add(id);
            }
        }
        return new Demand(offer.Id, [.. essential], [.. optional], [.. mustHave], offer.Place?.Latitude, offer.Place?.Longitude, offer.Contract, offer.Experience, offer.ExperienceYears);
    }

    public Supply Compile(ProfileDocument profile) =>
        new(profile.Id, [.. profile.Skills.Select(s => taxonomy.SkillByUri(s.SkillUri)!.Id).Distinct()], profile.Place?.Latitude, profile.Place?.Longitude, profile.RadiusKm, MatchScorer.ContractMask(profile.ContractWishes), profile.ExperienceYears);

    /// <summary>Top <paramref name="size"/> offers for a profile.</summary>
    public (string Id, double Score)[] TopOffers(Supply profile, IReadOnlyList<Demand> offers, int size)
    {
        Mark(profile, true);
        try
        {
            var top = new PriorityQueue<Demand, double>(size + 1);
            foreach (var offer in offers)
            {
                Keep(top, offer, Score(offer, profile), size);
            }
            return Drain(top, d => d.Id);
        }
        finally
        {
            Mark(profile, false);
        }
    }

    /// <summary>Top <paramref name="size"/> profiles for an offer.</summary>
    public (string Id, double Score)[] TopProfiles(Demand offer, IReadOnlyList<Supply> profiles, int size)
    {
        var top = new PriorityQueue<Supply, double>(size + 1);
        foreach (var profile in profiles)
        {
            Mark(profile, true);
            var score = Score(offer, profile);
            Mark(profile, false);
            Keep(top, profile, score, size);
        }
        return Drain(top, p => p.Id);
    }

    private double Score(Demand offer, Supply profile)
    {
        foreach (var skill in offer.MustHave)
        {
            if (Credit(skill) == 0)
            {
                return 0;
            }
        }
        int essential = 0, optional = 0, exact = 0;
        foreach (var skill in offer.Essential)
        {
            var credit = Credit(skill);
            essential += credit;
            exact += credit >= SkillGraph.SameSkillCredit ? 1 : 0;
        }
        foreach (var skill in offer.Optional)
        {
            var credit = Credit(skill);
            optional += credit;
            exact += credit >= SkillGraph.SameSkillCredit ? 1 : 0;
        }
        double? distance = offer.Latitude is { } lat && offer.Longitude is { } lon && profile.Latitude is { } plat && profile.Longitude is { } plon
            ? MatchScorer.DistanceKm(lat, lon, plat, plon)
            : null;
        return MatchScorer.Total(essential, offer.Essential.Length, optional, offer.Optional.Length, exact, profile.Skills.Length, distance, profile.RadiusKm, offer.Contract, profile.ContractWishes, offer.Experience, offer.Years, profile.Years);
    }

    // Best credit of a demanded skill over the marked supplied skills: meeters come best first.
    private int Credit(int demanded)
    {
        var edges = graph.MeetersOf(demanded);
        for (var i = 0; i < edges.Skills.Length; i++)
        {
            if (_has[edges.Skills[i]])
            {
                return edges.Credits[i];
            }
        }
        return 0;
    }

    private void Mark(Supply profile, bool value)
    {
        foreach (var skill in profile.Skills)
        {
            _has[skill] = value;
        }
    }

    private static void Keep<T>(PriorityQueue<T, double> top, T item, double score, int size)
    {
        if (score <= 0)
        {
            return;
        }
        if (top.Count < size)
        {
            top.Enqueue(item, score);
        }
        else if (top.TryPeek(out _, out var lowest) && score > lowest)
        {
            top.DequeueEnqueue(item, score);
        }
    }

    private static (string Id, double Score)[] Drain<T>(PriorityQueue<T, double> top, Func<T, string> id)
    {
        var result = new (string, double)[top.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            top.TryDequeue(out var item, out var score);
            result[i] = (id(item!), score);
        }
        return result;
    }
}
