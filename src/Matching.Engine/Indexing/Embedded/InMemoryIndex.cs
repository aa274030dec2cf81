using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The in-memory half of the embedded index: postings per skill and columns per doc, for both sides,
/// and the query paths. It holds no documents (only their matching projection); it is not
/// thread-safe for writes, and <see cref="EmbeddedMatchIndex"/> runs queries under a read lock.
/// </summary>
internal sealed class InMemoryIndex
{
    private readonly SkillsTaxonomy _taxonomy;
    private readonly Func<string, string?> _areaOfCommune;
    private readonly ScratchPool _scratch;
    private readonly List<string> _areaCodes = [];
    private readonly Dictionary<string, int> _areaIds = new(StringComparer.Ordinal);

    public InMemoryIndex(SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune)
    {
        _taxonomy = taxonomy;
        Graph = graph;
        _areaOfCommune = areaOfCommune;
        _scratch = new ScratchPool(graph.SkillCount);
        Offers = new OfferTable(graph.SkillCount);
        Profiles = new ProfileTable(graph.SkillCount);
    }

    public SkillGraph Graph { get; }

    public OfferTable Offers { get; }

    public ProfileTable Profiles { get; }

    public void Add(OfferRow row) => Offers.Add(row, AreaOf(row.Commune));

    public void Add(ProfileRow row) => Profiles.Add(row, AreaOf(row.Commune));

    public string AreaCode(int area) => _areaCodes[area];

    private int AreaOf(string? commune)
    {
        if (string.IsNullOrEmpty(commune) || _areaOfCommune(commune) is not { Length: > 0 } code)
        {
            return -1;
        }
        if (!_areaIds.TryGetValue(code, out var id))
        {
            id = _areaCodes.Count;
            _areaCodes.Add(code);
            _areaIds[code] = id;
        }
        return id;
    }

    // ---------------------------------------------------------------- profile -> offers

    public MatchPage MatchOffers(ProfileRow profile, MatchOptions options)
    {
        var size = CheckSize(options.Size);
        var cursor = PageCursor.Decode(options.Cursor);
        var radius = options.RadiusKm ?? profile.RadiusKm;
        CheckRadius(radius);
        var offers = Offers;
        var s = _scratch.Rent(offers.HighWater);
        try
        {
            // 1. Best credit per demanded skill that the profile's skills can meet.
            foreach (var supplied in profile.Skills)
            {
                var edges = Graph.DemandsMetBy(supplied, options.AllowRelated);
                for (var i = 0; i < edges.Length; i++)
                {
                    var demanded = edges.Skills[i];
                    var credit = edges.Credits[i];
                    var current = s.SkillCredit[demanded];
                    if (current == 0)
                    {
                        s.TouchedSkills[s.TouchedSkillCount++] = demanded;
                    }
                    if (credit > current)
                    {
                        s.SkillCredit[demanded] = credit;
                    }
                }
            }

            // 2. Walk the offers' postings of those demanded skills: each (offer, skill) posting is unique.
            for (var k = 0; k < s.TouchedSkillCount; k++)
            {
                var demanded = s.TouchedSkills[k];
                ushort credit = s.SkillCredit[demanded];
                var docs = s.Docs;
                foreach (var posting in offers.Postings[demanded].Span)
                {
                    var doc = posting & Packed.IdMask;
                    ref var acc = ref docs[doc];
                    if (acc.Mark == 0)
                    {
                        acc.Mark = 1;
                        s.Touch(doc);
                    }
                    if ((posting & Packed.Optional) != 0)
                    {
                        acc.Optional += credit;
                    }
                    else
                    {
                        acc.Essential += credit;
                    }
                    if ((posting & Packed.MustHave) != 0)
                    {
                        acc.MustHave++;
                    }
                    // Only an exact or aligned edge names the same skill (SkillGraph keeps the best kind per pair).
                    if (credit >= SkillGraph.SameSkillCredit)
                    {
                        acc.Exact++;
                    }
                }
            }

            s.OrderTouchedIfDense(offers.HighWater);

            // 3. Filters and score on the touched offers only. The haversine is the costly part: it is
            //    skipped for offers surely beyond the radius (box) and for offers surely within it
            //    whose best possible score (distance factor 1) cannot enter the page anyway.
            var top = new TopK(s.Heap.AsSpan(0, size), offers.Ids);
            long total = 0;
            var more = false;
            var box = profile.HasPlace ? RadiusBox.Around(profile.Latitude, radius) : RadiusBox.Everywhere;
            var cosLatitude = Math.Cos(profile.Latitude * Math.PI / 180);
            for (var t = 0; t < s.TouchedCount; t++)
            {
                var doc = s.Touched[t];
                ref readonly var offer = ref offers.Columns[doc];
                ref readonly var acc = ref s.Docs[doc];
                if (!offer.Alive || acc.MustHave < offer.MustHaveCount
                    || box.SurelyBeyond(profile.Latitude, profile.Longitude, offer.Latitude, offer.Longitude))
                {
                    continue;
                }
                var years = Years(offer.ExperienceYears);
                if (top.IsFull && RadiusBox.SurelyWithin(profile.Latitude, profile.Longitude, cosLatitude, offer.Latitude, offer.Longitude, radius))
                {
                    var bound = MatchScorer.Total(acc.Essential, offer.EssentialCount, acc.Optional, offer.OptionalCount, acc.Exact, profile.Skills.Length, null, radius,
                        offer.Contract, profile.ContractWishes, offer.Experience, years, profile.ExperienceYears);
                    if (bound <= 0)
                    {
                        continue;
                    }
                    // Worse than the worst kept hit, which is after the cursor: this one is too, on a later page.
                    if (bound < top.WorstScore)
                    {
                        total++;
                        more = true;
                        continue;
                    }
                }
                var score = MatchScorer.Total(acc.Essential, offer.EssentialCount, acc.Optional, offer.OptionalCount, acc.Exact, profile.Skills.Length, OfferDistance(offer, profile), radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, years, profile.ExperienceYears);
                if (score <= 0)
                {
                    continue;
                }
                total++;
                if (cursor is { } c && !c.Precedes(score, offers.Ids[doc]))
                {
                    continue;
                }
                more |= top.Offer(score, doc);
            }

            var sorted = top.Sorted();
            var hits = new MatchHit[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var (score, doc) = sorted[i];
                ref readonly var offer = ref offers.Columns[doc];
                var explanation = Explain(offers.Skills[doc], profile.Skills, options.AllowRelated, OfferDistance(offer, profile), radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, Years(offer.ExperienceYears), profile.ExperienceYears);
                hits[i] = new MatchHit(offers.Ids[doc], score, explanation);
            }
            return new MatchPage(hits, total, NextCursor(hits, more));
        }
        finally
        {
            _scratch.Return(s);
        }
    }

    private static double? OfferDistance(in OfferColumns offer, ProfileRow profile) =>
        profile.HasPlace && !double.IsNaN(offer.Latitude)
            ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude)
            : null;

    // ---------------------------------------------------------------- offer -> profiles

    /// <summary>Hard filters of a recruiter's search, on top of those of a match.</summary>
    public sealed record CandidateFilter(int ContractMask, double? MinExperienceYears);

    public MatchPage MatchProfiles(OfferRow offer, MatchOptions options) =>
        MatchProfiles(offer, options.AllowRelated, options.RadiusKm, options.SearchableOnly, null, options.Size, options.Cursor, null);

    public CandidateSearchResult SearchCandidates(CandidateQuery query, OfferRow probe)
    {
        var filter = new CandidateFilter(query.Contracts is { Count: > 0 } c ? MatchScorer.ContractMask(c) : 0, query.MinExperienceYears);
        var facets = new FacetCounter();
        var page = MatchProfiles(probe, query.AllowRelated, query.RadiusKm, searchableOnly: true, filter, query.Size, query.Cursor, facets);
        return new CandidateSearchResult(page.Hits, page.Total, page.NextCursor, facets.ToFacets());
    }

    private MatchPage MatchProfiles(OfferRow offer, bool allowRelated, double? radiusOverride, bool searchableOnly, CandidateFilter? filter, int pageSize, string? cursorText, FacetCounter? facets)
    {
        var size = CheckSize(pageSize);
        var cursor = PageCursor.Decode(cursorText);
        if (radiusOverride is { } r)
        {
            CheckRadius(r);
        }
        var profiles = Profiles;
        var s = _scratch.Rent(profiles.HighWater);
        try
        {
            int essentialCount = 0, optionalCount = 0, mustCount = 0;
            // 1. For each demanded skill, the supplied skills that meet it, best credit first: the
            //    first time a profile is reached for that skill is its best way, later ones are skipped.
            for (var i = 0; i < offer.Skills.Length; i++)
            {
                var packed = offer.Skills[i];
                var optional = (packed & Packed.Optional) != 0;
                var must = (packed & Packed.MustHave) != 0;
                if (optional)
                {
                    optionalCount++;
                }
                else
                {
                    essentialCount++;
                }
                if (must)
                {
                    mustCount++;
                }
                var stamp = (ushort)(i + 1);
                var edges = Graph.MeetersOf(packed & Packed.IdMask, allowRelated);
                for (var j = 0; j < edges.Length; j++)
                {
                    ushort credit = edges.Credits[j];
                    var docs = s.Docs;
                    foreach (var doc in profiles.Postings[edges.Skills[j]].Span)
                    {
                        ref var acc = ref docs[doc];
                        if (acc.Mark == stamp)
                        {
                            continue;
                        }
                        if (acc.Mark == 0)
                        {
                            s.Touch(doc);
                        }
                        acc.Mark = stamp;
                        if (optional)
                        {
                            acc.Optional += credit;
                        }
                        else
                        {
                            acc.Essential += credit;
                        }
                        if (must)
                        {
                            acc.MustHave++;
                        }
                        if (credit >= SkillGraph.SameSkillCredit)
                        {
                            acc.Exact++;
                        }
                    }
                }
            }

            s.OrderTouchedIfDense(profiles.HighWater);

            // 2. Filters and score on the touched profiles only (see MatchOffers for the haversine skips;
            //    facets need every distance, so a candidate search does not skip).
            var top = new TopK(s.Heap.AsSpan(0, size), profiles.Ids);
            long total = 0;
            var more = false;
            var cosLatitude = Math.Cos(offer.Latitude * Math.PI / 180);
            var years = Years(offer.ExperienceYears);
            for (var t = 0; t < s.TouchedCount; t++)
            {
                var doc = s.Touched[t];
                ref readonly var profile = ref profiles.Columns[doc];
                ref readonly var acc = ref s.Docs[doc];
                if (!profile.Alive || (searchableOnly && !profile.Searchable) || acc.MustHave < mustCount)
                {
                    continue;
                }
                if (filter is not null && !Passes(filter, profile))
                {
                    continue;
                }
                var radius = radiusOverride ?? profile.RadiusKm;
                if (offer.HasPlace && RadiusBox.LatitudesSurelyBeyond(offer.Latitude, profile.Latitude, radius))
                {
                    continue;
                }
                if (facets is null && top.IsFull && offer.HasPlace
                    && RadiusBox.SurelyWithin(offer.Latitude, offer.Longitude, cosLatitude, profile.Latitude, profile.Longitude, radius))
                {
                    var bound = MatchScorer.Total(acc.Essential, essentialCount, acc.Optional, optionalCount, acc.Exact, profile.SkillCount, null, radius,
                        offer.Contract, profile.ContractWishes, offer.Experience, years, profile.ExperienceYears);
                    if (bound <= 0)
                    {
                        continue;
                    }
                    // Worse than the worst kept hit, which is after the cursor: this one is too, on a later page.
                    if (bound < top.WorstScore)
                    {
                        total++;
                        more = true;
                        continue;
                    }
                }
                var distance = ProfileDistance(offer, profile);
                var score = MatchScorer.Total(acc.Essential, essentialCount, acc.Optional, optionalCount, acc.Exact, profile.SkillCount, distance, radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, years, profile.ExperienceYears);
                if (score <= 0)
                {
                    continue;
                }
                total++;
                facets?.Count(distance, profile.ContractWishes, profile.ExperienceYears);
                if (cursor is { } c && !c.Precedes(score, profiles.Ids[doc]))
                {
                    continue;
                }
                more |= top.Offer(score, doc);
            }

            var sorted = top.Sorted();
            var hits = new MatchHit[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var (score, doc) = sorted[i];
                ref readonly var profile = ref profiles.Columns[doc];
                var radius = radiusOverride ?? profile.RadiusKm;
                var explanation = Explain(offer.Skills, profiles.Skills[doc], allowRelated, ProfileDistance(offer, profile), radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, Years(offer.ExperienceYears), profile.ExperienceYears);
                hits[i] = new MatchHit(profiles.Ids[doc], score, explanation);
            }
            return new MatchPage(hits, total, NextCursor(hits, more));
        }
        finally
        {
            _scratch.Return(s);
        }
    }

    private static bool Passes(CandidateFilter filter, in ProfileColumns profile)
    {
        if (filter.MinExperienceYears is { } min && profile.ExperienceYears < min)
        {
            return false;
        }
        var wishes = profile.ContractWishes;
        // A seeker open to any contract (no wish, or "unspecified") fits every contract asked.
        return filter.ContractMask == 0 || wishes == 0 || (wishes & MatchScorer.ContractMask(ContractType.Unspecified)) != 0 || (wishes & filter.ContractMask) != 0;
    }

    private static double? ProfileDistance(OfferRow offer, in ProfileColumns profile) =>
        offer.HasPlace && !double.IsNaN(profile.Latitude)
            ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude)
            : null;

    // ---------------------------------------------------------------- explanations

    /// <summary>
    /// The explanation of one pair, recomputed from both sides' skills: for each demanded skill the
    /// first meeter the supplier has (rows are sorted by credit) is its best way, which is exactly
    /// what the query paths credited, so <see cref="ScoreParts.Total"/> equals the hit's score.
    /// </summary>
    public MatchExplanation Explain(int[] offerSkills, int[] profileSkills, bool allowRelated, double? distanceKm, double radiusKm,
        ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears)
    {
        var matched = new List<SkillMatch>();
        var through = new List<SkillMatch>();
        var missingEssential = new List<string>();
        var missingOptional = new List<string>();
        int essential = 0, optional = 0, essentialCount = 0, optionalCount = 0, exact = 0;
        foreach (var packed in offerSkills)
        {
            var demanded = packed & Packed.IdMask;
            var importance = (packed & Packed.Optional) != 0 ? SkillImportance.Optional : SkillImportance.Essential;
            if (importance == SkillImportance.Optional)
            {
                optionalCount++;
            }
            else
            {
                essentialCount++;
            }
            var edges = Graph.MeetersOf(demanded, allowRelated);
            var found = -1;
            for (var j = 0; j < edges.Length; j++)
            {
                if (Array.BinarySearch(profileSkills, edges.Skills[j]) >= 0)
                {
                    found = j;
                    break;
                }
            }
            var uri = _taxonomy.Skills[demanded].Uri;
            if (found < 0)
            {
                (importance == SkillImportance.Optional ? missingOptional : missingEssential).Add(uri);
                continue;
            }
            int credit = edges.Credits[found];
            if (importance == SkillImportance.Optional)
            {
                optional += credit;
            }
            else
            {
                essential += credit;
            }
            var kind = edges.Kinds[found];
            if (credit >= SkillGraph.SameSkillCredit)
            {
                exact++;
            }
            var match = new SkillMatch(uri, _taxonomy.Skills[edges.Skills[found]].Uri, kind, importance, credit / (double)SkillGraph.CreditUnit);
            (kind == SkillMatchKind.Exact ? matched : through).Add(match);
        }
        var parts = MatchScorer.Score(essential, essentialCount, optional, optionalCount, exact, profileSkills.Length, distanceKm, radiusKm, contract, contractWishes, requirement, yearsAsked, seekerYears);
        return new MatchExplanation(matched, through, missingEssential, missingOptional, distanceKm, parts);
    }

    // ---------------------------------------------------------------- supply and demand

    /// <summary>Offers and profiles per area id (-1 = unknown), for a skill (exact) or an occupation, within a radius of a place when given.</summary>
    public Dictionary<int, (long Offers, long Profiles)> SupplyDemand(int skill, int occupation, Place? place, double radiusKm)
    {
        var areas = new Dictionary<int, (long Offers, long Profiles)>();
        var box = place is null ? RadiusBox.Everywhere : RadiusBox.Around(place.Latitude, radiusKm);
        bool Within(double lat, double lon) =>
            place is null || (!double.IsNaN(lat) && !box.SurelyBeyond(place.Latitude, place.Longitude, lat, lon)
                && MatchScorer.DistanceKm(lat, lon, place.Latitude, place.Longitude) <= radiusKm);

        if (skill >= 0)
        {
            foreach (var posting in Offers.Postings[skill].Span)
            {
                ref readonly var offer = ref Offers.Columns[posting & Packed.IdMask];
                if (offer.Alive && Within(offer.Latitude, offer.Longitude))
                {
                    Bump(areas, offer.Area, offers: 1, profiles: 0);
                }
            }
            foreach (var doc in Profiles.Postings[skill].Span)
            {
                ref readonly var profile = ref Profiles.Columns[doc];
                if (profile.Alive && Within(profile.Latitude, profile.Longitude))
                {
                    Bump(areas, profile.Area, offers: 0, profiles: 1);
                }
            }
        }
        else
        {
            for (var doc = 0; doc < Offers.HighWater; doc++)
            {
                ref readonly var offer = ref Offers.Columns[doc];
                if (offer.Alive && offer.Occupation == occupation && Within(offer.Latitude, offer.Longitude))
                {
                    Bump(areas, offer.Area, offers: 1, profiles: 0);
                }
            }
            for (var doc = 0; doc < Profiles.HighWater; doc++)
            {
                ref readonly var profile = ref Profiles.Columns[doc];
                if (profile.Alive && Profiles.Occupations(doc).Contains(occupation) && Within(profile.Latitude, profile.Longitude))
                {
                    Bump(areas, profile.Area, offers: 0, profiles: 1);
                }
            }
        }
        return areas;
    }

    private static void Bump(Dictionary<int, (long Offers, long Profiles)> areas, int area, long offers, long profiles)
    {
        var (o, p) = areas.GetValueOrDefault(area);
        areas[area] = (o + offers, p + profiles);
    }

    // ---------------------------------------------------------------- helpers

    private static double? Years(double years) => double.IsNaN(years) ? null : years;

    /// <param name="more">Whether a hit after the cursor was left out of this page.</param>
    private static string? NextCursor(MatchHit[] hits, bool more) =>
        more && hits.Length > 0 ? new PageCursor(hits[^1].Score, hits[^1].Id).Encode() : null;

    private static int CheckSize(int size) =>
        size is >= 1 and <= QueryScratch.MaxPageSize
            ? size
            : throw new IndexValidationException([new IndexValidationError("query", "Size", $"must be between 1 and {QueryScratch.MaxPageSize}.")]);

    private static void CheckRadius(double radius)
    {
        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new IndexValidationException([new IndexValidationError("query", "RadiusKm", "must be a finite number of km ≥ 0.")]);
        }
    }

    /// <summary>Facets of a candidate search, over every profile passing the filters.</summary>
    private sealed class FacetCounter
    {
        private static readonly IReadOnlyList<string> s_distanceBands = DistanceBands.All;
        private static readonly string[] s_experienceBands = ["0-1", "1-3", "3-5", "5+"];
        private readonly long[] _distance = new long[s_distanceBands.Count];
        private readonly long[] _experience = new long[s_experienceBands.Length];
        private readonly long[] _contracts = new long[Enum.GetValues<ContractType>().Length];
        private long _anyContract;

        public void Count(double? distanceKm, int wishes, double years)
        {
            _distance[DistanceBands.IndexOf(distanceKm)]++;
            _experience[years switch
            {
                < 1 => 0,
                < 3 => 1,
                < 5 => 2,
                _ => 3,
            }]++;
            if (wishes == 0 || (wishes & MatchScorer.ContractMask(ContractType.Unspecified)) != 0)
            {
                _anyContract++;
                return;
            }
            for (var c = 1; c < _contracts.Length; c++)
            {
                if ((wishes & (1 << c)) != 0)
                {
                    _contracts[c]++;
                }
            }
        }

        public CandidateFacets ToFacets()
        {
            var contracts = new List<FacetBucket>();
            for (var c = 1; c < _contracts.Length; c++)
            {
                if (_contracts[c] > 0)
                {
                    contracts.Add(new FacetBucket(((ContractType)c).ToString(), _contracts[c]));
                }
            }
            if (_anyContract > 0)
            {
                contracts.Add(new FacetBucket("Any", _anyContract));
            }
            return new CandidateFacets(
                [.. s_distanceBands.Select((key, i) => new FacetBucket(key, _distance[i])).Where(b => b.Count > 0 || b.Key != "unknown")],
                contracts,
                [.. s_experienceBands.Select((key, i) => new FacetBucket(key, _experience[i]))]);
        }
    }
}
