using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Matching.Engine.Geography;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The in-memory half of the embedded index: a table per side (block postings, forward skills,
/// per-doc columns, block summaries) and the two query paths. A query runs in two steps that both
/// directions share: (1) one pass over the block postings of every skill the query reaches gives, per
/// block, the docs that match (the exact <see cref="MatchPage.Total"/>, with every hard filter) and
/// the inputs of a score bound; (2) <see cref="BlockSearch"/> scores the candidates of the blocks by
/// decreasing bound until no block can enter the page. Explanations are computed for the page's hits only.
/// It holds no documents (only their matching projection); it is not thread-safe for writes, and
/// <see cref="EmbeddedMatchIndex"/> runs queries under a read lock.
/// </summary>
internal sealed class InMemoryIndex
{
    private readonly Func<string, string?> _areaOfCommune;
    private readonly ScratchPool _scratch;
    private readonly MatchExplainer _explainer;
    private readonly List<string> _areaCodes = [];
    private readonly Dictionary<string, int> _areaIds = new(StringComparer.Ordinal);
    private readonly OccupationRelations _relations;
    private readonly List<string> _romeCodes = [];
    private readonly List<string?> _romeFamilies = [];
    private readonly Dictionary<string, int> _romeIds = new(StringComparer.Ordinal);
    private readonly PlaceAreaMap? _places;
    private readonly List<string> _placeAreaKeys = [];
    private readonly Dictionary<string, int> _placeAreaIds = new(StringComparer.Ordinal);

    /// <param name="places">The ground of départements and régions: an offer given by one of them is within a seeker's radius when the
    /// circle reaches it (docs/scoring.md). Without it, such an offer passes every radius, as France does.</param>
    public InMemoryIndex(SkillsTaxonomy taxonomy, SkillGraph graph, Func<string, string?> areaOfCommune, PlaceAreaMap? places = null)
    {
        Graph = graph;
        _places = places;
        _relations = OccupationRelations.For(taxonomy);
        _areaOfCommune = areaOfCommune;
        _scratch = new ScratchPool(graph.SkillCount);
        _explainer = new MatchExplainer(taxonomy, graph);
        Offers = new OfferTable(graph.SkillCount);
        Profiles = new ProfileTable(graph.SkillCount);
        MaxNonExactCredit = MaxCreditOtherThanExact(graph);
    }

    public SkillGraph Graph { get; }

    /// <summary>The offers; replaced whole by <see cref="RebuildOffers"/>.</summary>
    public OfferTable Offers { get; private set; }

    /// <summary>The profiles; replaced whole by <see cref="RebuildProfiles"/>.</summary>
    public ProfileTable Profiles { get; private set; }

    /// <summary>The best credit of a match that is not the same skill (exact or aligned), from the graph's edges (the bound of a doc met only that way).</summary>
    public int MaxNonExactCredit { get; }

    public void Add(OfferRow row) => Offers.Add(row, AreaOf(row.Commune), RomeOf(row.RomeCode), PlaceAreaOf(row.Area));

    /// <summary>Whether the index reads offers' places wider than a commune (<see cref="PlaceAreaMap"/>); without it they are all 0.</summary>
    public bool HasPlaceAreaMap => _places is not null;

    /// <summary>The area keys of the offers' places wider than a commune (<see cref="PlaceAreaMap"/>), by id - 1, for a snapshot.</summary>
    public IReadOnlyList<string> PlaceAreaKeys => _placeAreaKeys;

    public void RestorePlaceAreaKeys(IEnumerable<string> keys)
    {
        _placeAreaKeys.Clear();
        _placeAreaIds.Clear();
        foreach (var key in keys)
        {
            _placeAreaKeys.Add(key);
            _placeAreaIds[key] = _placeAreaKeys.Count;
        }
    }

    /// <summary>Sets the place areas of the offers of a snapshot that did not keep them (version 5), from the store.</summary>
    public void FillPlaceAreas(IEnumerable<(string Id, PlaceArea Area)> areas)
    {
        foreach (var (id, area) in areas)
        {
            if (Offers.TryGetDoc(id, out var doc) && double.IsNaN(Offers.Column(doc).Latitude) && PlaceAreaOf(area) is var placeArea and > 0)
            {
                Offers.SetPlaceArea(doc, placeArea);
            }
        }
    }

    /// <summary>The id + 1 of an offer's area in <see cref="PlaceAreaKeys"/>; 0 for none (a located offer, France, remote work, abroad, an unknown name).</summary>
    private int PlaceAreaOf(PlaceArea? area)
    {
        if (area is null || _places?.KeyOf(area) is not { } key)
        {
            return 0;
        }
        if (!_placeAreaIds.TryGetValue(key, out var id))
        {
            _placeAreaKeys.Add(key);
            id = _placeAreaKeys.Count;
            _placeAreaIds[key] = id;
        }
        return id;
    }

    /// <summary>
    /// Per query, whether the seeker's circle reaches each place area of the offers (<see cref="PlaceAreaMap.Reaches"/>), computed
    /// the first time an offer of that area is checked: the rule costs nothing to a query that meets no such offer.
    /// </summary>
    private sealed class AreaReach(PlaceAreaMap places, List<string> keys, double latitude, double longitude, double radius)
    {
        private readonly sbyte[] _known = new sbyte[keys.Count];

        /// <param name="placeArea">An <see cref="OfferColumns.PlaceArea"/>, above 0.</param>
        public bool Reaches(int placeArea)
        {
            ref var known = ref _known[placeArea - 1];
            if (known == 0)
            {
                known = places.Reaches(keys[placeArea - 1], latitude, longitude, radius) ? (sbyte)1 : (sbyte)-1;
            }
            return known > 0;
        }
    }

    public void Add(ProfileRow row) => Profiles.Add(row, AreaOf(row.Commune), [.. (row.RomeCodes ?? []).Select(RomeOf)]);

    /// <summary>The offers table renumbered in clustering order, without tombstones (built from the current one, which is only read).</summary>
    public OfferTable RebuildOffers() => (OfferTable)Offers.Rebuild(RomeRanks());

    public ProfileTable RebuildProfiles() => (ProfileTable)Profiles.Rebuild(RomeRanks());

    /// <summary>Per ROME code id, the code's rank in ordinal order: docs of neighbouring codes (one family, one domain) share blocks.</summary>
    private int[] RomeRanks()
    {
        var ids = Enumerable.Range(0, _romeCodes.Count).ToArray();
        Array.Sort(ids, (a, b) => string.CompareOrdinal(_romeCodes[a], _romeCodes[b]));
        var ranks = new int[ids.Length];
        for (var rank = 0; rank < ids.Length; rank++)
        {
            ranks[ids[rank]] = rank;
        }
        return ranks;
    }

    /// <summary>Swaps in rebuilt tables (under the caller's write lock).</summary>
    public void Replace(OfferTable? offers, ProfileTable? profiles)
    {
        Offers = offers ?? Offers;
        Profiles = profiles ?? Profiles;
    }

    /// <summary>Rebuilds both tables in place (not concurrently with queries): after a bulk load.</summary>
    public void RebuildAll() => Replace(RebuildOffers(), RebuildProfiles());

    public string AreaCode(int area) => _areaCodes[area];

    /// <summary>Area codes by id, for a snapshot.</summary>
    public IReadOnlyList<string> AreaCodes => _areaCodes;

    public void RestoreAreaCodes(IEnumerable<string> codes)
    {
        _areaCodes.Clear();
        _areaIds.Clear();
        foreach (var code in codes)
        {
            _areaIds[code] = _areaCodes.Count;
            _areaCodes.Add(code);
        }
    }

    /// <summary>The ROME codes the documents state (offers' codes, profiles' target codes), by id, for a snapshot.</summary>
    public IReadOnlyList<string> RomeCodes => _romeCodes;

    public void RestoreRomeCodes(IEnumerable<string> codes)
    {
        _romeCodes.Clear();
        _romeFamilies.Clear();
        _romeIds.Clear();
        foreach (var code in codes)
        {
            _romeIds[code] = _romeCodes.Count;
            _romeCodes.Add(code);
            _romeFamilies.Add(_relations.FamilyOf(code));
        }
    }

    private int RomeOf(string? code)
    {
        if (code is null)
        {
            return -1;
        }
        if (!_romeIds.TryGetValue(code, out var id))
        {
            id = _romeCodes.Count;
            _romeCodes.Add(code);
            _romeFamilies.Add(_relations.FamilyOf(code));
            _romeIds[code] = id;
        }
        return id;
    }

    /// <summary>
    /// Per ROME code id, the occupation factor of a doc of that code (an offer's code, or one of a seeker's target codes) against
    /// <paramref name="codes"/> (the other side's codes): 1 for one of them, <see cref="MatchScorer.OccupationClose"/> for a code
    /// close to one (<see cref="OccupationRelations.Close"/>), else <see cref="MatchScorer.OccupationOther"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double[] FactorsByRome(IReadOnlyList<string> codes)
    {
        var factors = new double[_romeCodes.Count];
        Array.Fill(factors, MatchScorer.OccupationOther);
        foreach (var code in codes)
        {
            var family = _relations.FamilyOf(code);
            var mobilities = _relations.MobilitiesOf(code);
            for (var c = 0; c < factors.Length; c++)
            {
                if (factors[c] < MatchScorer.OccupationClose
                    && ((family is not null && family == _romeFamilies[c]) || mobilities.Contains(_romeCodes[c])))
                {
                    factors[c] = MatchScorer.OccupationClose;
                }
            }
        }
        foreach (var code in codes)
        {
            if (_romeIds.TryGetValue(code, out var id))
            {
                factors[id] = 1;
            }
        }
        return factors;
    }

    /// <summary>Profile → offers: each offer's occupation factor for one seeker's targets (<see cref="OccupationRelations.Fit(string?, string?, IReadOnlyCollection{string}, IReadOnlyCollection{string})"/>).</summary>
    private OfferOccupations OfferOccupationsFor(ProfileRow profile)
    {
        var codes = profile.RomeCodes ?? [];
        return codes.Length == 0 && profile.Occupations.Length == 0
            ? default
            : new OfferOccupations(FactorsByRome(codes), codes.Length > 0, profile.Occupations);
    }

    /// <summary>Offer → profiles: each profile's occupation factor for one offer's job, from the factor of each target code
    /// (<paramref name="byRome"/>, null when the offer states no job).</summary>
    private static ProfileOccupations ProfileOccupationsFor(OfferRow offer, double[]? byRome) =>
        byRome is null ? default : new ProfileOccupations(byRome, offer.RomeCode is not null, offer.Occupation);

    /// <summary>Offer → profiles: per ROME code id, the factor of a seeker targeting it (<see cref="FactorsByRome"/>); null when the offer states no job.</summary>
    private double[]? TargetFactors(OfferRow offer) =>
        offer.RomeCode is null && offer.Occupation < 0 ? null : FactorsByRome(offer.RomeCode is { } code ? [code] : []);

    /// <summary>The fit from what both sides state, as <see cref="OccupationRelations.Fit(string?, string?, IReadOnlyCollection{string}, IReadOnlyCollection{string})"/>:
    /// the ROME codes decide when both sides state some (<paramref name="byRome"/>, the same ESCO occupation lifting another job to a close
    /// one), the ESCO occupation otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Fit(bool bothRome, double byRome, bool sameOccupation) =>
        bothRome
            ? byRome == MatchScorer.OccupationOther && sameOccupation ? MatchScorer.OccupationClose : byRome
            : sameOccupation ? 1 : MatchScorer.OccupationOther;

    /// <param name="byRome">Null when the seeker has no target: every factor is 1.</param>
    /// <param name="hasCodes">Whether the seeker states target ROME codes.</param>
    private readonly struct OfferOccupations(double[]? byRome, bool hasCodes, int[] targets)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Of(in OfferColumns offer) => Of(offer.Rome, offer.Occupation);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double Of(int rome, int occupation)
        {
            if (byRome is null || (rome < 0 && occupation < 0))
            {
                return 1;
            }
            var bothRome = hasCodes && rome >= 0;
            return Fit(bothRome, bothRome ? byRome[rome] : 0, occupation >= 0 && Array.IndexOf(targets, occupation) >= 0);
        }

        /// <summary>At least <see cref="Of(in OfferColumns)"/> of the offer whose key this is (1 when its code or occupation did not fit the key).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Of(in OfferKey key) =>
            key.Rome == OfferKey.Unknown || key.Occupation == OfferKey.Unknown ? 1 : Of(key.Rome - 1, key.Occupation - 1);

        /// <summary>Whether the offer is of one of the seeker's target jobs (<see cref="OccupationFit.Target"/>, not merely unknown).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool IsTarget(in OfferColumns offer) => byRome is not null && (offer.Rome >= 0 || offer.Occupation >= 0) && Of(offer) == 1;
    }

    /// <param name="byTarget">Null when the offer states no occupation: every factor is 1.</param>
    /// <param name="hasCode">Whether the offer states a ROME code.</param>
    private readonly struct ProfileOccupations(double[]? byTarget, bool hasCode, int occupation)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Of(ReadOnlySpan<int> romes, ReadOnlySpan<int> occupations)
        {
            if (byTarget is null || (romes.Length == 0 && occupations.Length == 0))
            {
                return 1;
            }
            // Target 1 > close > other: the best of the seeker's target codes.
            var best = MatchScorer.OccupationOther;
            foreach (var rome in romes)
            {
                best = Math.Max(best, byTarget[rome]);
            }
            return Fit(hasCode && romes.Length > 0, best, occupation >= 0 && occupations.Contains(occupation));
        }
    }

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

    private static int MaxCreditOtherThanExact(SkillGraph graph)
    {
        var max = 0;
        for (var skill = 0; skill < graph.SkillCount; skill++)
        {
            var edges = graph.MeetersOf(skill);
            for (var i = 0; i < edges.Length; i++)
            {
                if (edges.Credits[i] < SkillGraph.SameSkillCredit)
                {
                    max = Math.Max(max, edges.Credits[i]);
                }
            }
        }
        return max;
    }

    // ---------------------------------------------------------------- profile -> offers

    /// <param name="excludedOccupations">Taxonomy ids of <see cref="MatchOptions.ExcludedOccupationUris"/>: their offers are not matches.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchPage MatchOffers(ProfileRow profile, MatchOptions options, HashSet<int>? excludedOccupations = null)
    {
        // Options and cursor were checked by IndexValidation before the read lock.
        var minScore = Math.Max(0, options.MinScore);
        var size = options.Size;
        var cursor = PageCursor.Decode(options.Cursor);
        var radius = options.RadiusKm ?? profile.RadiusKm;
        var offers = Offers;
        var s = _scratch.Rent(offers.BlockCount);
        try
        {
            // 1. Best credit per demanded skill that the profile's skills can meet; the profile's own skills are exact.
            var maxNonExact = 0;
            foreach (var supplied in profile.Skills)
            {
                var edges = Graph.DemandsMetBy(supplied, options.AllowRelated);
                for (var i = 0; i < edges.Length; i++)
                {
                    var demanded = edges.Skills[i];
                    var current = s.SkillCredit[demanded];
                    if (current == 0)
                    {
                        s.TouchSkill(demanded);
                    }
                    if (edges.Credits[i] > current)
                    {
                        s.SkillCredit[demanded] = edges.Credits[i];
                    }
                }
            }
            // A demanded skill met as the same skill (itself, or aligned across ESCO and ROME 4.0) counts in SupplyUse.
            var exactSkills = 0;
            for (var k = 0; k < s.TouchedSkillCount; k++)
            {
                var demanded = s.TouchedSkills[k];
                if (s.SkillCredit[demanded] >= SkillGraph.SameSkillCredit)
                {
                    s.Exact[demanded] = 1;
                    exactSkills++;
                }
                else
                {
                    maxNonExact = Math.Max(maxNonExact, s.SkillCredit[demanded]);
                }
            }

            // 2. Blocks within reach (every block when the profile has no place), then one pass over the block postings of the reached skills
            //    (MatchOffersByPass). Without a place and with a capped total (MatchOptions.TotalUpTo), first the rarest of the skills the
            //    profile has exactly (RarestFirst), then, when that did not settle the page, the skills it has exactly (see step 4).
            var box = profile.HasPlace ? RadiusBox.Around(profile.Latitude, radius) : RadiusBox.Everywhere;
            var cosLatitude = Math.Cos(profile.Latitude * Math.PI / 180);
            var reach = profile.HasPlace;
            // Offers given by a département or a région: within the radius when the circle reaches their ground (PlaceAreaMap).
            var areas = reach && _places is not null && offers.HasAreal ? new AreaReach(_places, _placeAreaKeys, profile.Latitude, profile.Longitude, radius) : null;
            if (reach)
            {
                MarkBlocks(offers, s, profile.HasPlace, profile.Latitude, profile.Longitude, cosLatitude, box, radius, radius, areas is null ? null : offers.Areal);
            }
            var cap = options.TotalUpTo ?? long.MaxValue;
            var collector = new MatchCollector(s.Heap.AsSpan(0, size), offers.Ids, cursor);
            var occupations = OfferOccupationsFor(profile);
            var scorer = new OfferScorer(offers, s, profile, radius, maxNonExact, exactSkills <= ExactPlanes.ExactLimit, occupations);
            scorer.FillExactBounds();
            var filters = new OfferFilters(profile, radius, box, cosLatitude, reach, minScore, excludedOccupations, occupations, areas);
            var lowerBound = RarestFirstOn && !reach && options.TotalUpTo is not null && exactSkills >= 2 && exactSkills <= ExactPlanes.ExactLimit
                && profile.Skills.Length is >= 2 and <= ExactPlanes.ExactLimit
                && RarestFirst(offers, s, exactSkills, RarestFirstShare, in filters, ref scorer, ref collector, cap, RarestFirstPages);
            if (!lowerBound)
            {
                s.ClearBlocks();
                collector.Clear();
                lowerBound = MatchOffersByPass(offers, s, exactSkills, options, in filters, ref scorer, ref collector);
            }
            // A page of the exact-first passes has a match after it (the pass stopped with more than it); past the cap, the total says
            // "more than the cap" however it was found.
            var more = lowerBound || collector.More;
            lowerBound |= collector.Total > cap;
            var total = lowerBound ? cap : collector.Total;
            var sorted = collector.Sorted();
            var hits = new MatchHit[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var (score, doc) = sorted[i];
                ref readonly var offer = ref offers.Column(doc);
                var explanation = _explainer.Explain(offers.Skills(doc), profile.Skills, options.AllowRelated, OfferDistance(offer, profile), radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, Years(offer.ExperienceYears), profile.ExperienceYears, placeUnknown: PlaceUnknown(profile.HasPlace, offer.Latitude),
                    occupation: occupations.Of(offer), met: s.SkillCredit);
                hits[i] = new MatchHit(offers.Ids[doc], score, explanation);
            }
            return new MatchPage(hits, total, NextCursor(hits, more), lowerBound);
        }
        finally
        {
            _scratch.Return(s);
        }
    }

    /// <summary>The share of the skills a profile has exactly (of the fewer of its skills and those) that a first try of <see cref="RarestFirst"/>
    /// assumes the page's worst hit needs (any share gives the same pages: it only moves the work between the tries).</summary>
    internal double RarestFirstShare { get; set; } = 0.3;

    /// <summary>Whether <see cref="RarestFirst"/> runs (off: the pass of every exact skill first, as before it), for comparing the two in one
    /// process (<c>probe-ab</c> of the benchmarks).</summary>
    internal bool RarestFirstOn { get; set; } = true;

    /// <summary>Pages <see cref="RarestFirst"/> found exact at its first and its second try (for tests; not synchronised).</summary>
    internal sealed class RarestFirstCounts
    {
        public long First;
        public long Second;
    }

    internal RarestFirstCounts RarestFirstPages { get; } = new();

    /// <summary>
    /// Profile → offers without a place, with a capped total: MaxScore over the demanded skills the profile has exactly (E of them). An
    /// offer's score is at most the bound of its exact count e (<see cref="QueryScratch.ExactBounds"/>, times the unknown distance when
    /// every offer has a place), so once the page's worst hit needs e ≥ k, an offer of the page holds one of the E - k + 1 skills with the
    /// fewest postings. Those postings alone make the blocks passed over; the other exact skills' postings are added only in those
    /// blocks, so each of their docs has its exact count. Of these blocks, the hot ones hold a doc of an exact count of k or more: the
    /// must-have postings of every reached skill are added in those only, and they alone are candidates, bounded and visited as in the
    /// full pass; the others add to the total their live docs without a must-have skill (with a score floor or excluded jobs every
    /// block is hot). Every offer of another block, or of no hot block, has an exact count below k: when more than the cap matched, the
    /// page is full and its worst hit is above the bound of an exact count of k - 1, the page is exact and the total "more than the
    /// cap" (true: what was counted are matches). The first try takes k from
    /// <see cref="RarestFirstShare"/>; when its page is full but its worst hit too low, that worst hit (at most the exact page's) gives
    /// the k a second try needs. Returns false when neither held (the scratch's blocks and the collector are then to be cleared).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool RarestFirst(OfferTable offers, QueryScratch s, int exactSkills, double share, in OfferFilters filters, ref OfferScorer scorer,
        ref MatchCollector collector, long cap, RarestFirstCounts counts)
    {
        // The exact skills, fewest posting blocks first (insertion sort: at most 63).
        Span<int> lists = stackalloc int[exactSkills];
        var n = 0;
        for (var t = 0; t < s.TouchedSkillCount; t++)
        {
            var skill = s.TouchedSkills[t];
            if (s.Exact[skill] == 0)
            {
                continue;
            }
            var length = offers.Postings.Blocks(skill).Length;
            var at = n++;
            while (at > 0 && offers.Postings.Blocks(lists[at - 1]).Length > length)
            {
                lists[at] = lists[at - 1];
                at--;
            }
            lists[at] = skill;
        }
        var p = filters.Profile.Skills.Length;
        // An offer out of the blocks passed over has a place, so the unknown distance, unless some offer has none.
        var distance = offers.AnyUnlocated ? 1.0 : MatchScorer.UnknownDistance;
        var bounds = s.ExactBounds;
        var k = Math.Clamp((int)(share * Math.Min(p, exactSkills)), 2, Math.Min(p, exactSkills));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (attempt > 0)
            {
                s.ClearBlocks();
                collector.Clear();
            }
            var essential = exactSkills - k + 1;
            for (var i = 0; i < exactSkills; i++)
            {
                var blocks = offers.Postings.Blocks(lists[i]);
                var masks = offers.Postings.Masks(lists[i]);
                if (i < essential)
                {
                    Accumulate<No, Yes>(blocks, masks, s, tally: false);
                }
                else
                {
                    AccumulateWithin(blocks, masks, s);
                }
            }
            s.ListTouched(offers.BlockCount);
            // Hot blocks: those holding a doc of an exact count of k or more. If this try holds, the page is theirs; the other blocks
            // only count in the total, and without a score floor or excluded jobs their docs without a must-have skill are counted
            // alone (the total past the cap is then still a count of matches).
            var lean = filters.MinScore <= 0 && filters.ExcludedOccupations is null;
            var state = s.State;
            for (var t = 0; t < s.TouchedBlockCount; t++)
            {
                var b = s.TouchedBlocks[t];
                state[b] = !lean || s.ExactCounts[b].MaxExact(s.Union[b]) >= k ? Hot : Inside;
            }
            // Must-have skills met (every reached skill, exact or not), in the hot blocks only.
            for (var t = 0; t < s.TouchedSkillCount; t++)
            {
                var skill = s.TouchedSkills[t];
                var blocks = offers.MustPostings.Blocks(skill);
                var masks = offers.MustPostings.Masks(skill);
                var union = s.Union;
                var accumulators = s.Blocks;
                for (var j = 0; j < blocks.Length; j++)
                {
                    var b = blocks[j];
                    if (union[b] != 0 && state[b] == Hot)
                    {
                        accumulators[b].AddMust(masks[j]);
                    }
                }
            }
            var candidates = OfferCandidates(offers, s, in filters, ref scorer, ref collector, save: false, hotOnly: true);
            if (collector.Total <= cap)
            {
                return false;
            }
            BlockSearch.Run(ref scorer, s, candidates, ref collector);
            if (!collector.IsFull)
            {
                return false;
            }
            // The best an offer out of these blocks (an exact count below k) or in them but met by none of the exact skills can score.
            var worst = collector.WorstScore;
            var outside = 0.0;
            for (var e = 0; e < k; e++)
            {
                outside = Math.Max(outside, bounds[e] * distance);
            }
            if (outside < worst)
            {
                // A page with nothing after it (a cap below the page's size) is left to the full pass, which counts it.
                if (!collector.More)
                {
                    return false;
                }
                if (attempt == 0)
                {
                    counts.First++;
                }
                else
                {
                    counts.Second++;
                }
                return true;
            }
            // The exact page's worst hit is at least this one: the largest k whose bound is below it is enough.
            var next = 0;
            var below = 0.0;
            while (next < k && (below = Math.Max(below, bounds[next] * distance)) < worst)
            {
                next++;
            }
            if (next < 2)
            {
                return false;
            }
            k = next;
        }
        return false;
    }

    /// <summary>
    /// Steps 2 to 4 of <see cref="MatchOffers"/> as one pass over every reached skill's postings (with a capped total and no place, the
    /// exact skills' first). Returns whether the page was found exact with a total past the cap from the exact skills alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MatchOffersByPass(OfferTable offers, QueryScratch s, int exactSkills, MatchOptions options, in OfferFilters filters,
        ref OfferScorer scorer, ref MatchCollector collector)
    {
        var reach = filters.Reach;
        var cap = options.TotalUpTo ?? long.MaxValue;
        // Not with a place: a radius leaves few blocks to pass over, and its total is often under the cap (the pass would run twice).
        var exactFirst = !reach && options.TotalUpTo is not null && exactSkills > 0 && exactSkills < s.TouchedSkillCount;
        var tally = exactSkills > ExactPlanes.ExactLimit;
        for (var k = 0; k < s.TouchedSkillCount; k++)
        {
            var demanded = s.TouchedSkills[k];
            var exact = s.Exact[demanded] != 0;
            if (exact || !exactFirst)
            {
                Accumulate(offers, s, demanded, reach, exact, tally);
            }
            // Must-have skills met, counted per doc in three bit planes (carry-save addition): every reached skill, exact or not.
            var blocks = offers.MustPostings.Blocks(demanded);
            var masks = offers.MustPostings.Masks(demanded);
            var accumulators = s.Blocks;
            var state = s.State;
            for (var j = 0; j < blocks.Length; j++)
            {
                var b = blocks[j];
                if (!reach || state[b] != Skip)
                {
                    accumulators[b].AddMust(masks[j]);
                }
            }
        }
        s.ListTouched(offers.BlockCount);

        // 3. Candidates per block: alive, every must-have met, within the radius, of an occupation not excluded, and
        //    (with a score floor) scoring at least the floor. Their count is the total; each candidate block's bound is taken here.
        var candidates = OfferCandidates(offers, s, in filters, ref scorer, ref collector, exactFirst);

        // 4. The page. With the skills the profile has exactly alone, the candidates are the docs that meet one of them (an exact count
        //    of at least 1); the others (met only through related skills) score at most the bound of an exact count of 0. When the page
        //    is full and its worst hit is above that bound, none of them can enter it: the page is exact, and when more than the cap
        //    matched among the first, the total is "more than the cap". Otherwise the other skills' postings are added and it runs again.
        var lowerBound = false;
        if (exactFirst)
        {
            if (collector.Total > cap)
            {
                BlockSearch.Run(ref scorer, s, candidates, ref collector);
                lowerBound = collector.IsFull && s.ExactBounds[0] < collector.WorstScore && collector.More;
                if (lowerBound)
                {
                    // Step 2 added the must-have counts of every reached skill, also to blocks only the skills met through related
                    // ones reach, which the exact pass did not list as touched: cleared here, or the next query on this pooled
                    // scratch would read them (the scratch's reset clears the touched blocks only).
                    for (var k = 0; k < s.TouchedSkillCount; k++)
                    {
                        var demanded = s.TouchedSkills[k];
                        if (s.Exact[demanded] == 0)
                        {
                            foreach (var b in offers.MustPostings.Blocks(demanded))
                            {
                                s.Blocks[b] = default;
                            }
                        }
                    }
                }
            }
            if (!lowerBound)
            {
                var reached = s.Reached;
                for (var t = 0; t < s.TouchedBlockCount; t++)
                {
                    s.Union[s.TouchedBlocks[t]] = reached[s.TouchedBlocks[t]];
                }
                for (var k = 0; k < s.TouchedSkillCount; k++)
                {
                    var demanded = s.TouchedSkills[k];
                    if (s.Exact[demanded] == 0)
                    {
                        Accumulate(offers, s, demanded, reach, exact: false, tally);
                    }
                }
                s.ListTouched(offers.BlockCount);
                collector.Clear();
                candidates = OfferCandidates(offers, s, in filters, ref scorer, ref collector, save: false);
            }
        }
        if (!lowerBound)
        {
            BlockSearch.Run(ref scorer, s, candidates, ref collector);
        }
        return lowerBound;
    }

    /// <summary>What a candidate offer must pass besides being reached: <see cref="OfferCandidates"/>.</summary>
    private readonly record struct OfferFilters(ProfileRow Profile, double Radius, RadiusBox Box, double CosLatitude, bool Reach, double MinScore,
        HashSet<int>? ExcludedOccupations, OfferOccupations Occupations, AreaReach? Areas);

    /// <summary>
    /// Step 3 of <see cref="MatchOffers"/>: per reached block, the candidates (alive, every must-have met, within the radius, of an
    /// occupation not excluded, at least the floor) left in <see cref="QueryScratch.Union"/>, counted in the collector's total; the
    /// candidate blocks and their bounds listed. With <paramref name="save"/>, each block's reached docs are kept in
    /// <see cref="QueryScratch.Reached"/> first (the pass may go on).
    /// </summary>
    /// <param name="hotOnly">Only the blocks <see cref="RarestFirst"/> marked hot (<see cref="QueryScratch.State"/>) are candidates; the
    /// others add to the total their reached live docs without a must-have skill.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OfferCandidates(OfferTable offers, QueryScratch s, in OfferFilters f, ref OfferScorer scorer, ref MatchCollector collector, bool save,
        bool hotOnly = false)
    {
        var candidates = 0;
        var union = s.Union;
        var profile = f.Profile;
        for (var t = 0; t < s.TouchedBlockCount; t++)
        {
            var b = s.TouchedBlocks[t];
            if (save)
            {
                s.Reached[b] = union[b];
            }
            if (hotOnly && s.State[b] != Hot)
            {
                collector.Total += BitOperations.PopCount(union[b] & offers.Alive[b]
                    & ~(offers.Must0[b] | offers.Must1[b] | offers.Must2[b] | offers.MustOverflow[b]));
                continue;
            }
            ref var acc = ref s.Blocks[b];
            var reached = union[b] & offers.Alive[b];
            var must = offers.Must0[b] | offers.Must1[b] | offers.Must2[b];
            var allMet = ~((acc.Must0 ^ offers.Must0[b]) | (acc.Must1 ^ offers.Must1[b]) | (acc.Must2 ^ offers.Must2[b]));
            var overflow = reached & offers.MustOverflow[b];
            var passing = (reached & ~must & ~offers.MustOverflow[b]) | (reached & must & allMet);
            while (overflow != 0)
            {
                var doc = (b << 6) + BitOperations.TrailingZeroCount(overflow);
                overflow &= overflow - 1;
                if (EveryMustHaveMet(offers.Skills(doc), s.SkillCredit))
                {
                    passing |= 1UL << (doc & 63);
                }
            }
            if (f.Reach && s.State[b] == Mixed)
            {
                passing = WithinRadius(offers, b, passing, profile.Latitude, profile.Longitude, f.CosLatitude, f.Box, f.Radius, f.Areas);
            }
            if (f.ExcludedOccupations is not null && passing != 0)
            {
                passing = WithoutOccupations(offers, b, passing, f.ExcludedOccupations);
            }
            union[b] = passing;
            if (f.MinScore > 0 && passing != 0)
            {
                // The floor is part of the total: a block whose bound (computed without the occupation factor) is below it goes
                // whole, but for the offers of the seeker's target jobs, which the floor spares; the others doc by doc.
                passing = scorer.Bound(b) < f.MinScore ? Targets(offers, b, passing, f.Occupations) : AtLeast(ref scorer, b, passing, f.MinScore, f.Occupations);
                union[b] = passing;
            }
            if (passing != 0)
            {
                s.Bounds[candidates] = scorer.Bound(b);
                s.Candidates[candidates++] = b;
                collector.Total += BitOperations.PopCount(passing);
            }
        }
        return candidates;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(OfferTable offers, QueryScratch s, int demanded, bool reach, bool exact, bool tally)
    {
        var blocks = offers.Postings.Blocks(demanded);
        var masks = offers.Postings.Masks(demanded);
        switch (reach, exact)
        {
            case (false, false):
                Accumulate<No, No>(blocks, masks, s, tally);
                break;
            case (false, true):
                Accumulate<No, Yes>(blocks, masks, s, tally);
                break;
            case (true, false):
                Accumulate<Yes, No>(blocks, masks, s, tally);
                break;
            default:
                Accumulate<Yes, Yes>(blocks, masks, s, tally);
                break;
        }
    }

    private static ulong WithoutOccupations(OfferTable offers, int block, ulong docs, HashSet<int> excluded)
    {
        var check = docs;
        while (check != 0)
        {
            var bit = BitOperations.TrailingZeroCount(check);
            check &= check - 1;
            if (excluded.Contains(offers.Column((block << 6) + bit).Occupation))
            {
                docs &= ~(1UL << bit);
            }
        }
        return docs;
    }

    /// <summary>The docs scoring at least <paramref name="minScore"/> apart from the occupation factor, and the offers of the seeker's target
    /// jobs whatever their score (<see cref="MatchOptions.MinScore"/>).</summary>
    private static ulong AtLeast(ref OfferScorer scorer, int block, ulong docs, double minScore, OfferOccupations occupations)
    {
        var check = docs;
        while (check != 0)
        {
            var bit = BitOperations.TrailingZeroCount(check);
            check &= check - 1;
            if (occupations.IsTarget(scorer.Offers.Column((block << 6) + bit)))
            {
                continue;
            }
            var score = scorer.Score((block << 6) + bit);
            // The floor is on the fit apart from the job (Total / Occupation, compared as Total < floor × Occupation, as every index does).
            if (score <= 0 || score < minScore * occupations.Of(scorer.Offers.Column((block << 6) + bit)))
            {
                docs &= ~(1UL << bit);
            }
        }
        return docs;
    }

    /// <summary>The offers of the seeker's target jobs among <paramref name="docs"/>.</summary>
    private static ulong Targets(OfferTable offers, int block, ulong docs, OfferOccupations occupations)
    {
        var kept = docs;
        while (docs != 0)
        {
            var bit = BitOperations.TrailingZeroCount(docs);
            docs &= docs - 1;
            if (!occupations.IsTarget(offers.Column((block << 6) + bit)))
            {
                kept &= ~(1UL << bit);
            }
        }
        return kept;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool EveryMustHaveMet(ReadOnlySpan<int> skills, byte[] credit)
    {
        foreach (var packed in skills)
        {
            if ((packed & Packed.MustHave) != 0 && credit[packed & Packed.IdMask] == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Profile → offers: the score of one offer, and the bound of a block of offers.</summary>
    /// <param name="exactPlanesHold">Whether the exact-count planes hold every doc's count (at most <see cref="ExactPlanes.ExactLimit"/> demanded skills met as the same skill).</param>
    /// <remarks>Bounds take the occupation factor as 1 (it is at most 1), except a doc's own bound in <see cref="Worth"/>, which reads it.</remarks>
    private readonly struct OfferScorer(OfferTable offers, QueryScratch s, ProfileRow profile, double radius, int maxNonExact, bool exactPlanesHold,
        OfferOccupations occupations) : IBlockScorer
    {
        public OfferTable Offers => offers;

        private readonly int _contractFits = profile.ContractWishes == 0 || (profile.ContractWishes & MatchScorer.ContractMask(ContractType.Unspecified)) != 0
            ? -1
            : profile.ContractWishes | MatchScorer.ContractMask(ContractType.Unspecified);

        // A doc met only by non-exact edges has a demand of at most the best such credit (with a margin for rounding).
        private readonly double _demandWithoutExact = Math.Min(1, maxNonExact / (double)SkillGraph.CreditUnit * (1 + 1e-9));

        /// <summary>Fills <see cref="QueryScratch.ExactBounds"/>: the skills part's bound of a doc by its exact count alone (0 to 63).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FillExactBounds()
        {
            var p = profile.Skills.Length;
            var bounds = s.ExactBounds;
            for (var e = 0; e <= Math.Min(p, ExactPlanes.ExactLimit); e++)
            {
                bounds[e] = MatchScorer.Skills(e > 0 ? 1.0 : _demandWithoutExact, MatchScorer.SupplyUse(e, p));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Bound(int block)
        {
            // Distance and experience at most 1; the contract from the block's contracts.
            // The most exact matches of a candidate doc (exact to the doc when the planes hold the counts): the skills part from
            // the table of FillExactBounds when it holds the count, by the same operations otherwise.
            var docs = s.Union[block];
            var p = profile.Skills.Length;
            double skills;
            if (exactPlanesHold)
            {
                skills = s.ExactBounds[Math.Min(s.ExactCounts[block].MaxExact(docs), p)];
            }
            else
            {
                int exact = s.ExactTally[block];
                skills = MatchScorer.Skills(exact > 0 ? 1.0 : _demandWithoutExact, MatchScorer.SupplyUse(Math.Min(exact, p), p));
            }
            var contract = (offers.ContractMask[block] & _contractFits) != 0 ? 1.0 : MatchScorer.ContractMismatch;
            return skills * BlockDistance(block, docs) * contract * 1.0;
        }

        /// <summary>The distance factor's bound for the candidates <paramref name="docs"/> of a block: a seeker without a place and offers that all have one
        /// are at an unknown distance (<see cref="MatchScorer.UnknownDistance"/>, exactly); otherwise at most 1.</summary>
        private double BlockDistance(int block, ulong docs) =>
            !profile.HasPlace && (offers.Unlocated[block] & docs) == 0 ? MatchScorer.UnknownDistance : 1.0;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ulong Worth(int block, ulong docs, double worst)
        {
            var p = profile.Skills.Length;
            if (p > ExactPlanes.ExactLimit || !exactPlanesHold)
            {
                return docs;
            }
            // The fewest exact matches a doc needs (its bound by that count alone), then each survivor's own contract and experience.
            var bounds = s.ExactBounds;
            var needed = 0;
            var blockDistance = BlockDistance(block, docs);
            while (needed <= p && bounds[needed] * blockDistance < worst)
            {
                needed++;
            }
            ref readonly var planes = ref s.ExactCounts[block];
            var kept = planes.AtLeast(docs, needed);
            var keys = offers.Keys;
            var check = kept;
            while (check != 0)
            {
                var bit = BitOperations.TrailingZeroCount(check);
                check &= check - 1;
                // The doc's key (OfferKey): its columns, or values that can only raise the bound.
                ref readonly var key = ref keys[(block << 6) + bit];
                // An ESCO skill aligned to two ROME items meets both: a doc's count can pass p, where SupplyUse is 1 anyway.
                var distance = profile.HasPlace == key.Unlocated ? MatchScorer.UnknownDistance : 1.0;
                var bound = bounds[Math.Min(p, planes.ExactOf(bit))] * distance * MatchScorer.Contract((ContractType)key.Contract, profile.ContractWishes)
                    * MatchScorer.Experience((ExperienceRequirement)key.Experience, Years(key.YearsAsked), profile.ExperienceYears) * 1.0 * occupations.Of(key);
                if (bound < worst)
                {
                    kept &= ~(1UL << bit);
                }
            }
            return kept;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Prefetch(int doc)
        {
            // The columns and the first skills: a record's first three cache lines.
            offers.PrefetchRecord(doc, 3);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Score(int doc)
        {
            var credit = s.SkillCredit;
            int essential = 0, optional = 0, exact = 0;
            foreach (var packed in offers.Skills(doc))
            {
                int c = credit[packed & Packed.IdMask];
                if ((packed & Packed.Optional) != 0)
                {
                    optional += c;
                }
                else
                {
                    essential += c;
                }
                // Met as the same skill (QueryScratch.Exact): a credit of at least SameSkillCredit.
                exact += c >= SkillGraph.SameSkillCredit ? 1 : 0;
            }
            ref readonly var offer = ref offers.Column(doc);
            return MatchScorer.Total(essential, offer.EssentialCount, optional, offer.OptionalCount, exact, profile.Skills.Length, OfferDistance(offer, profile), radius,
                offer.Contract, profile.ContractWishes, offer.Experience, Years(offer.ExperienceYears), profile.ExperienceYears, placeUnknown: PlaceUnknown(profile.HasPlace, offer.Latitude),
                occupation: occupations.Of(offer));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double? OfferDistance(in OfferColumns offer, ProfileRow profile) =>
        profile.HasPlace && !double.IsNaN(offer.Latitude)
            ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude)
            : null;

    private interface IFlag
    {
        bool On { get; }
    }

    private readonly struct Yes : IFlag
    {
        public bool On => true;
    }

    private readonly struct No : IFlag
    {
        public bool On => false;
    }

    /// <summary>
    /// Profile → offers: ORs one demanded skill's block postings into <see cref="QueryScratch.Union"/>, and for a skill the profile
    /// has itself (<typeparamref name="TExact"/>) adds them to the exact-count planes. Specialised by JIT per flag: without a place
    /// (<typeparamref name="TReach"/> off) every block is within reach and no state is read; the hot loop then does one OR per entry.
    /// </summary>
    /// <param name="tally">Whether the exact planes overflow (more than 63 exact skills): count exact skills per block instead.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate<TReach, TExact>(ReadOnlySpan<int> blocks, ReadOnlySpan<ulong> masks, QueryScratch s, bool tally)
        where TReach : struct, IFlag
        where TExact : struct, IFlag
    {
        // Posting blocks are below the table's block count, within the scratch arrays (QueryScratch.Ensure): no bound checks.
        ref var union = ref MemoryMarshal.GetArrayDataReference(s.Union);
        ref var planes = ref MemoryMarshal.GetArrayDataReference(s.ExactCounts);
        ref var mask = ref MemoryMarshal.GetReference(masks);
        var state = s.State;
        for (var j = 0; j < blocks.Length; j++)
        {
            var b = blocks[j];
            if (default(TReach).On && state[b] == Skip)
            {
                continue;
            }
            var m = Unsafe.Add(ref mask, j);
            Unsafe.Add(ref union, b) |= m;
            if (default(TExact).On)
            {
                Unsafe.Add(ref planes, b).AddExact(m);
                if (tally)
                {
                    s.ExactTally[b]++;
                }
            }
        }
    }

    /// <summary>
    /// <see cref="RarestFirst"/>: adds one exact skill's postings to the exact-count planes in the blocks already reached only (a
    /// non-empty <see cref="QueryScratch.Union"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateWithin(ReadOnlySpan<int> blocks, ReadOnlySpan<ulong> masks, QueryScratch s)
    {
        // Posting blocks are below the table's block count, within the scratch arrays (QueryScratch.Ensure): no bound checks.
        ref var union = ref MemoryMarshal.GetArrayDataReference(s.Union);
        ref var planes = ref MemoryMarshal.GetArrayDataReference(s.ExactCounts);
        ref var mask = ref MemoryMarshal.GetReference(masks);
        for (var j = 0; j < blocks.Length; j++)
        {
            var b = blocks[j];
            ref var u = ref Unsafe.Add(ref union, b);
            if (u != 0)
            {
                var m = Unsafe.Add(ref mask, j);
                u |= m;
                Unsafe.Add(ref planes, b).AddExact(m);
            }
        }
    }

    // ---------------------------------------------------------------- blocks and radius

    private const byte Skip = 0;
    private const byte Inside = 1;
    private const byte Mixed = 2;
    /// <summary><see cref="RarestFirst"/>'s mark of a block that may hold a page doc (a query without a place has no other use of the states).</summary>
    private const byte Hot = 3;

    /// <summary>
    /// Per block: skipped (no live doc, or every located doc surely beyond the radius and none unlocated),
    /// inside (every doc surely within), or mixed (docs checked one by one). Without a centre every
    /// block with a live doc is inside.
    /// </summary>
    /// <param name="box">Box of the largest radius any doc can have.</param>
    /// <param name="minRadius">The smallest radius any doc can have (the same as the largest when the radius is the query's).</param>
    /// <param name="areal">Per block, the offers given by a département or a région (checked one by one: a block holding some is mixed); null when none is checked.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MarkBlocks(DocumentTable table, QueryScratch s, bool hasCentre, double latitude, double longitude, double cosLatitude, RadiusBox box, double minRadius, double maxRadius,
        ulong[]? areal = null)
    {
        var count = table.BlockCount;
        var alive = table.Alive;
        var state = s.State;
        if (!hasCentre)
        {
            for (var b = 0; b < count; b++)
            {
                state[b] = alive[b] != 0 ? Inside : Skip;
            }
            return;
        }
        var profiles = table as ProfileTable;
        for (var b = 0; b < count; b++)
        {
            if (alive[b] == 0)
            {
                state[b] = Skip;
                continue;
            }
            var minLat = table.MinLatitude[b];
            var checkAreas = areal is not null && (areal[b] & alive[b]) != 0;
            if (double.IsNaN(minLat))
            {
                state[b] = checkAreas ? Mixed : Inside;
                continue;
            }
            var low = minRadius;
            var high = maxRadius;
            if (profiles is not null && double.IsNaN(minRadius))
            {
                low = profiles.MinRadius[b];
                high = profiles.MaxRadius[b];
            }
            var maxLat = table.MaxLatitude[b];
            var minLon = table.MinLongitude[b];
            var maxLon = table.MaxLongitude[b];
            var beyond = box.BoxSurelyBeyond(latitude, longitude, minLat, maxLat, minLon, maxLon)
                || (latitude < minLat ? minLat - latitude : latitude > maxLat ? latitude - maxLat : 0) > RadiusBox.DegreesOfLatitude(high);
            // Docs without coordinates may pass the radius (always, but for the offers of a département or a région): a block holding some is never skipped.
            state[b] = beyond
                ? table.Unlocated[b] != 0 ? Mixed : Skip
                : !checkAreas && RadiusBox.BoxSurelyWithin(latitude, longitude, cosLatitude, minLat, maxLat, minLon, maxLon, low) ? Inside : Mixed;
        }
    }

    /// <summary>The area of an offer given by a département or a région, checked against each profile's circle (<see cref="PlaceAreaMap.Reaches"/>); no key: none.</summary>
    private readonly record struct AreaCheck(PlaceAreaMap Places, string? Key);

    /// <summary>
    /// Offer → profiles for an offer given by a département or a région: a block whose located profiles are all farther in latitude from the
    /// area's communes than the block's largest radius (or the query's) plus the largest commune extent is skipped (mixed when it also holds
    /// profiles without a place, which pass); a block of profiles without a place is inside; every other block mixed (checked one by one).
    /// </summary>
    private static void MarkAreaBlocks(ProfileTable profiles, QueryScratch s, (double MinLatitude, double MaxLatitude, double MaxExtentKm) band, double? radiusOverride)
    {
        var state = s.State;
        for (var b = 0; b < profiles.BlockCount; b++)
        {
            if (profiles.Alive[b] == 0)
            {
                state[b] = Skip;
                continue;
            }
            var minLat = profiles.MinLatitude[b];
            if (double.IsNaN(minLat))
            {
                state[b] = Inside;
                continue;
            }
            var maxLat = profiles.MaxLatitude[b];
            var gap = minLat > band.MaxLatitude ? minLat - band.MaxLatitude : band.MinLatitude > maxLat ? band.MinLatitude - maxLat : 0;
            // A degree of latitude is more than 111 km at the index's Earth radius: the gap in km is at least this.
            var beyond = gap * 111.0 > (radiusOverride ?? profiles.MaxRadius[b]) + band.MaxExtentKm;
            state[b] = beyond && profiles.Unlocated[b] == 0 ? Skip : Mixed;
        }
    }

    /// <summary>The docs of a mixed block within the radius of the centre: a doc without coordinates always is, but for an offer given by a
    /// département or a région whose ground the circle does not reach (<paramref name="areas"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong WithinRadius(OfferTable offers, int block, ulong docs, double latitude, double longitude, double cosLatitude, RadiusBox box, double radius,
        AreaReach? areas)
    {
        var kept = docs;
        while (docs != 0)
        {
            var bit = BitOperations.TrailingZeroCount(docs);
            docs &= docs - 1;
            ref readonly var offer = ref offers.Column((block << 6) + bit);
            if (double.IsNaN(offer.Latitude))
            {
                if (areas is not null && offer.PlaceArea > 0 && !areas.Reaches(offer.PlaceArea))
                {
                    kept &= ~(1UL << bit);
                }
                continue;
            }
            if (box.SurelyBeyond(latitude, longitude, offer.Latitude, offer.Longitude)
                || (!RadiusBox.SurelyWithin(latitude, longitude, cosLatitude, offer.Latitude, offer.Longitude, radius)
                    && MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, latitude, longitude) > radius))
            {
                kept &= ~(1UL << bit);
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------- offer -> profiles

    /// <summary>Hard filters of a recruiter's search, on top of those of a match.</summary>
    public sealed record CandidateFilter(int ContractMask, double? MinExperienceYears);

    public MatchPage MatchProfiles(OfferRow offer, MatchOptions options) =>
        MatchProfiles(offer, options.AllowRelated, options.RadiusKm, options.SearchableOnly, null, options.Size, options.Cursor, null, options.BandedDistance, options.TotalUpTo);

    public CandidateSearchResult SearchCandidates(CandidateQuery query, OfferRow probe)
    {
        var filter = new CandidateFilter(query.Contracts is { Count: > 0 } c ? MatchScorer.ContractMask(c) : 0, query.MinExperienceYears);
        var facets = new FacetCounter();
        var page = MatchProfiles(probe, query.AllowRelated, query.RadiusKm, searchableOnly: true, filter, query.Size, query.Cursor, facets, banded: true, totalUpTo: null);
        return new CandidateSearchResult(page.Hits, page.Total, page.NextCursor, facets.ToFacets());
    }

    /// <param name="banded">What a recruiter sees: score, rank and explain by the distance band's floor (the radius filter stays exact).</param>
    /// <param name="totalUpTo">The total is exact up to this count (<see cref="MatchOptions.TotalUpTo"/>); null: exact (facets count every candidate).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private MatchPage MatchProfiles(OfferRow offer, bool allowRelated, double? radiusOverride, bool searchableOnly, CandidateFilter? filter, int pageSize, string? cursorText,
        FacetCounter? facets, bool banded, int? totalUpTo)
    {
        var size = pageSize;
        var cursor = PageCursor.Decode(cursorText);
        var profiles = Profiles;
        var s = _scratch.Rent(profiles.BlockCount);
        try
        {
            // 1. For each supplied skill, the demanded skills of the offer it meets and with which credit.
            var n = offer.Skills.Length;
            int essentialCount = 0, optionalCount = 0, mustCount = 0;
            var slots = 0;
            var meets = 0;
            var sameSkillEdges = 0;
            for (var i = 0; i < n; i++)
            {
                var packed = offer.Skills[i];
                if ((packed & Packed.Optional) != 0)
                {
                    optionalCount++;
                }
                else
                {
                    essentialCount++;
                }
                if ((packed & Packed.MustHave) != 0)
                {
                    mustCount++;
                }
                var edges = Graph.MeetersOf(packed & Packed.IdMask, allowRelated);
                foreach (var supplied in edges.Skills)
                {
                    if (s.MeetSlot[supplied] < 0)
                    {
                        s.MeetBits[supplied >> 6] |= 1UL << supplied;
                        s.MeetSlot[supplied] = slots++;
                        s.TouchSkill(supplied);
                    }
                    meets++;
                }
                foreach (var credit in edges.Credits)
                {
                    sameSkillEdges += credit >= SkillGraph.SameSkillCredit ? 1 : 0;
                }
            }
            BuildMeets(s, offer.Skills, allowRelated, slots, meets);

            // 2. Blocks within reach (each profile's own radius unless the query sets one; every block when the offer has no place).
            var box = offer.HasPlace ? RadiusBox.Around(offer.Latitude, radiusOverride ?? profiles.MaxRadiusKm) : RadiusBox.Everywhere;
            var cosLatitude = Math.Cos(offer.Latitude * Math.PI / 180);
            // An offer given by a département or a région: a located profile whose circle does not reach its ground is not a match (the same rule both ways).
            var areaKey = !offer.HasPlace && _places is not null ? _places.KeyOf(offer.Area) : null;
            var reach = offer.HasPlace || areaKey is not null;
            if (offer.HasPlace)
            {
                MarkBlocks(profiles, s, offer.HasPlace, offer.Latitude, offer.Longitude, cosLatitude, box, radiusOverride ?? double.NaN, radiusOverride ?? double.NaN);
            }
            else if (areaKey is not null)
            {
                MarkAreaBlocks(profiles, s, _places!.BandOf(areaKey)!.Value, radiusOverride);
            }
            var areaCheck = areaKey is null ? default : new AreaCheck(_places!, areaKey);

            // With a capped total (MatchOptions.TotalUpTo), the pass first follows the same-skill edges alone (and every edge of a
            // must-have skill): a profile met otherwise has an exact count of 0 (see step 5). A demanded skill not met the same way in
            // a block is then credited the best credit of its other edges (NonExactBest), so the block bound stays a bound.
            var cap = totalUpTo ?? long.MaxValue;
            var (nonExactEssential, nonExactOptional, nonExactEdges) = NonExactBest(s, offer.Skills, allowRelated);
            FillDemandByExact(s, offer.Skills, essentialCount, optionalCount);
            // Not with a place: a radius leaves few blocks to pass over, and its total is often under the cap (the pass would run twice).
            var exactFirst = !reach && totalUpTo is not null && sameSkillEdges > 0 && nonExactEdges;
            // What a profile met only otherwise (an exact count of 0) scores at most: every skill at its other edges' best, the supply-use floor.
            var others = MatchScorer.Skills(
                MatchScorer.Skills(MatchScorer.Coverage(s.NonExact[n], essentialCount), essentialCount, MatchScorer.Coverage(s.NonExact[n + 1], optionalCount), optionalCount),
                MatchScorer.SupplyUse(0, 1));
            var lowerBound = false;
            var collector = new MatchCollector(s.Heap.AsSpan(0, size), profiles.Ids, cursor);
            var byRome = TargetFactors(offer);
            var occupations = ProfileOccupationsFor(offer, byRome);
            // Without a place and with a capped total, the seekers of the offer's job and of the close ones first (MarkTargets): the
            // others score at most the factor of another job (see step 5).
            var targetsFirst = TargetsFirstOn && !reach && totalUpTo is not null && byRome is not null && MarkTargets(profiles, s, offer, byRome);
            var jobs = s.Jobs;
            var jobBits = s.JobBits;
            while (true)
            {
                // 3. One pass: for each demanded skill, the block postings of the skills that meet it, best
                //    credit first, so the first time a block is reached for that skill gives its best credit
                //    (the block-level bound); must-have skills fold their docs into an AND per block.
                var mustSeen = 0;
                var tally = sameSkillEdges > ExactPlanes.ExactLimit;
                for (var i = 0; i < n; i++)
                {
                    var packed = offer.Skills[i];
                    var demanded = packed & Packed.IdMask;
                    var optional = (packed & Packed.Optional) != 0;
                    var must = (packed & Packed.MustHave) != 0;
                    var stamp = (ushort)(i + 1);
                    var mustBlocks = 0;
                    var edges = Graph.MeetersOf(demanded, allowRelated);
                    // Exact first: what the skill is credited in a block beyond its other edges' best, counted apart (NonExactBest).
                    var beyond = exactFirst && !must ? s.NonExact[i] : 0;
                    for (var e = 0; e < edges.Length; e++)
                    {
                        var supplied = edges.Skills[e];
                        int credit = edges.Credits[e];
                        // Itself or aligned: the same skill, counted in SupplyUse (several such edges of one doc only loosen the bound).
                        var exact = credit >= SkillGraph.SameSkillCredit;
                        if (!exact && exactFirst && !must)
                        {
                            break;
                        }
                        credit -= beyond;
                        var blocks = profiles.Postings.Blocks(supplied);
                        var masks = profiles.Postings.Masks(supplied);
                        var accumulators = s.Blocks;
                        var stamps = s.Stamps;
                        // Posting blocks are below the table's block count, within the scratch arrays (QueryScratch.Ensure): no bound checks.
                        ref var union = ref MemoryMarshal.GetArrayDataReference(s.Union);
                        ref var planes = ref MemoryMarshal.GetArrayDataReference(s.ExactCounts);
                        var state = s.State;
                        for (var j = 0; j < blocks.Length; j++)
                        {
                            var b = blocks[j];
                            if (reach && state[b] == Skip)
                            {
                                continue;
                            }
                            var m = masks[j];
                            if (targetsFirst)
                            {
                                // The docs of the jobs alone: the blocks' credits, counts and candidates are theirs.
                                if ((jobBits[b >> 6] & (1UL << b)) == 0)
                                {
                                    continue;
                                }
                                m &= jobs[b];
                                if (m == 0)
                                {
                                    continue;
                                }
                            }
                            Unsafe.Add(ref union, b) |= m;
                            if (exact)
                            {
                                Unsafe.Add(ref planes, b).AddExact(m);
                                if (tally)
                                {
                                    s.ExactTally[b]++;
                                }
                            }
                            if (stamps[b] != stamp)
                            {
                                stamps[b] = stamp;
                                ref var acc = ref accumulators[b];
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
                                    s.Ordered[mustBlocks++] = b;
                                }
                            }
                            if (must)
                            {
                                accumulators[b].Must1 |= m;
                            }
                        }
                    }
                    if (must)
                    {
                        for (var k = 0; k < mustBlocks; k++)
                        {
                            ref var acc = ref s.Blocks[s.Ordered[k]];
                            if (acc.MustMet == mustSeen)
                            {
                                acc.Must0 = mustSeen == 0 ? acc.Must1 : acc.Must0 & acc.Must1;
                                acc.MustMet++;
                            }
                            acc.Must1 = 0;
                        }
                        mustSeen++;
                    }
                }
                s.ListTouched(profiles.BlockCount);

                // 4. Candidates per block: alive, consenting when asked, every must-have met, the search's
                //    filters, within the radius. Their count is the total; a candidate search counts facets. Each candidate block's bound is taken here.
                var scorer = new ProfileScorer(profiles, s, offer, radiusOverride, essentialCount, optionalCount, banded, sameSkillEdges <= ExactPlanes.ExactLimit, occupations,
                    exactFirst ? nonExactEssential : 0, exactFirst ? nonExactOptional : 0, targetsFirst ? s.Targets : null);
                var candidates = 0;
                var unions = s.Union;
                for (var t = 0; t < s.TouchedBlockCount; t++)
                {
                    var b = s.TouchedBlocks[t];
                    var passing = unions[b] & profiles.Alive[b];
                    if (searchableOnly)
                    {
                        passing &= profiles.Searchable[b];
                    }
                    if (mustCount > 0)
                    {
                        ref var acc = ref s.Blocks[b];
                        passing &= acc.MustMet == mustCount ? acc.Must0 : 0;
                    }
                    var mixed = reach && s.State[b] == Mixed;
                    if (passing != 0 && (filter is not null || facets is not null || mixed))
                    {
                        passing = CheckEach(profiles, b, passing, offer, radiusOverride, cosLatitude, mixed, filter, facets, areaCheck);
                    }
                    unions[b] = passing;
                    if (passing != 0)
                    {
                        var bound = scorer.Bound(b);
                        // A block none of whose candidates may be of the offer's job: their factor is at most a close job's, a power of
                        // two (the product stays exact, the score's last factor; the evidence before it is at most 1).
                        if (targetsFirst && (passing & s.Targets[b]) == 0)
                        {
                            bound *= MatchScorer.OccupationClose;
                        }
                        s.Bounds[candidates] = bound;
                        s.Candidates[candidates++] = b;
                        collector.Total += BitOperations.PopCount(passing);
                    }
                }

                // 5. The page. After the same-skill edges alone, a profile left out (met only otherwise: an exact count of 0) scores at most
                //    the demand of every skill met at its other edges' best, times the supply-use floor; when the page is full and its worst
                //    hit is above that, the page is exact and the total "more than the cap" if more matched. Otherwise the pass runs again whole.
                //    With the target jobs first, a profile out of their docs is of another job: its score is at most that factor (times
                //    the unknown distance when every profile has a place); when the page's worst hit is above it too, the page is exact.
                //    Otherwise the pass runs again over every profile (the same skills first when it can).
                if (targetsFirst || exactFirst)
                {
                    if (collector.Total > cap)
                    {
                        BlockSearch.Run(ref scorer, s, candidates, ref collector);
                        var outside = exactFirst ? others : 0;
                        if (targetsFirst)
                        {
                            outside = Math.Max(outside, (profiles.AnyUnlocated ? 1.0 : MatchScorer.UnknownDistance) * MatchScorer.OccupationOther);
                        }
                        lowerBound = collector.IsFull && outside < collector.WorstScore && collector.More;
                        if (lowerBound)
                        {
                            TargetsFirstPages += targetsFirst ? 1 : 0;
                            break;
                        }
                    }
                    if (targetsFirst)
                    {
                        targetsFirst = false;
                        s.ClearJobs();
                    }
                    else
                    {
                        exactFirst = false;
                    }
                }
                else
                {
                    BlockSearch.Run(ref scorer, s, candidates, ref collector);
                    break;
                }
                s.ClearBlocks();
                collector = new MatchCollector(s.Heap.AsSpan(0, size), profiles.Ids, cursor);
            }

            var sorted = collector.Sorted();
            var hits = new MatchHit[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var (score, doc) = sorted[i];
                ref readonly var profile = ref profiles.Column(doc);
                var radius = radiusOverride ?? profile.RadiusKm;
                var explanation = _explainer.Explain(offer.Skills, profiles.Skills(doc), allowRelated, Scored(ProfileDistance(offer, profile), banded), radius,
                    offer.Contract, profile.ContractWishes, offer.Experience, Years(offer.ExperienceYears), profile.ExperienceYears, Evidence(profile, banded), placeUnknown: PlaceUnknown(offer.HasPlace, profile.Latitude),
                    occupation: occupations.Of(profiles.Romes(doc), profiles.Occupations(doc)));
                hits[i] = new MatchHit(profiles.Ids[doc], score, explanation);
            }
            // Past the cap the total says "more than the cap", however it was found.
            var more = lowerBound || collector.More;
            return lowerBound || collector.Total > cap
                ? new MatchPage(hits, cap, NextCursor(hits, more), TotalIsLowerBound: true)
                : new MatchPage(hits, collector.Total, NextCursor(hits, more));
        }
        finally
        {
            _scratch.Return(s);
        }
    }

    /// <summary>Whether <see cref="MatchProfiles(OfferRow, MatchOptions)"/> passes over the seekers of the offer's job and of the close ones first
    /// (off: over every profile, as before it), for comparing the two in one process.</summary>
    internal bool TargetsFirstOn { get; set; } = true;

    /// <summary>Pages found exact among the seekers of the offer's job and of the close ones (for tests; not synchronised).</summary>
    internal long TargetsFirstPages { get; private set; }

    /// <summary>
    /// Offer → profiles: marks in <see cref="QueryScratch.Jobs"/> the profiles whose occupation factor (<see cref="ProfileOccupations"/>)
    /// can be above <see cref="MatchScorer.OccupationOther"/>: those targeting a code of factor 1 or close (<paramref name="byRome"/>), the
    /// offer's ESCO occupation (lifted to close, or 1 when codes do not decide), or no job at all (1); of them, in
    /// <see cref="QueryScratch.Targets"/>, those whose factor can be 1 (all but the close codes'). Every other profile targets some job, none
    /// of factor above <see cref="MatchScorer.OccupationOther"/> and not the offer's occupation: that is its factor. Returns whether any was marked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MarkTargets(ProfileTable profiles, QueryScratch s, OfferRow offer, double[] byRome)
    {
        Mark(s, profiles.UntargetedPostings.Blocks(0), profiles.UntargetedPostings.Masks(0), target: true);
        if (offer.Occupation >= 0)
        {
            Mark(s, profiles.OccupationPostings.Blocks(offer.Occupation), profiles.OccupationPostings.Masks(offer.Occupation), target: true);
        }
        // Without the offer's code, codes do not decide (every factor is another job's): the occupation alone.
        if (offer.RomeCode is not null)
        {
            for (var rome = 0; rome < byRome.Length; rome++)
            {
                if (byRome[rome] >= MatchScorer.OccupationClose)
                {
                    Mark(s, profiles.RomePostings.Blocks(rome), profiles.RomePostings.Masks(rome), target: byRome[rome] == 1);
                }
            }
        }
        return s.JobBlockCount > 0;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static void Mark(QueryScratch s, ReadOnlySpan<int> blocks, ReadOnlySpan<ulong> masks, bool target)
        {
            var jobs = s.Jobs;
            for (var j = 0; j < blocks.Length; j++)
            {
                var b = blocks[j];
                if (jobs[b] == 0)
                {
                    s.JobBlocks[s.JobBlockCount++] = b;
                    s.JobBits[b >> 6] |= 1UL << b;
                }
                jobs[b] |= masks[j];
                if (target)
                {
                    s.Targets[b] |= masks[j];
                }
            }
        }
    }

    /// <summary>Flattens, per supplied skill slot, the (demanded skill index, credit) pairs it meets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildMeets(QueryScratch s, int[] offerSkills, bool allowRelated, int slots, int meets)
    {
        if (s.MeetStart.Length < slots + 1)
        {
            s.MeetStart = new int[Math.Max(slots + 1, s.MeetStart.Length * 2)];
        }
        if (s.MeetIndex.Length < meets)
        {
            s.MeetIndex = new int[Math.Max(meets, s.MeetIndex.Length * 2)];
            s.MeetCredit = new byte[s.MeetIndex.Length];
        }
        var start = s.MeetStart.AsSpan(0, slots + 1);
        start.Clear();
        for (var i = 0; i < offerSkills.Length; i++)
        {
            foreach (var supplied in Graph.MeetersOf(offerSkills[i] & Packed.IdMask, allowRelated).Skills)
            {
                start[s.MeetSlot[supplied] + 1]++;
            }
        }
        for (var k = 0; k < slots; k++)
        {
            start[k + 1] += start[k];
        }
        Span<int> fill = slots <= 1024 ? stackalloc int[slots] : new int[slots];
        start[..slots].CopyTo(fill);
        for (var i = 0; i < offerSkills.Length; i++)
        {
            var edges = Graph.MeetersOf(offerSkills[i] & Packed.IdMask, allowRelated);
            for (var e = 0; e < edges.Length; e++)
            {
                var at = fill[s.MeetSlot[edges.Skills[e]]]++;
                s.MeetIndex[at] = i;
                s.MeetCredit[at] = edges.Credits[e];
            }
        }
    }

    /// <summary>
    /// Per demanded skill of the query offer, the best credit of its edges other than the same skill (in <see cref="QueryScratch.NonExact"/>[i]),
    /// and their sums over the essential and the optional skills (also left at <see cref="QueryScratch.NonExact"/>[n] and [n + 1], every skill
    /// counted); <c>Essential</c>/<c>Optional</c> leave out the must-have skills, whose edges an exact-first pass follows all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Essential, int Optional, bool Any) NonExactBest(QueryScratch s, int[] offerSkills, bool allowRelated)
    {
        int essential = 0, optional = 0, allEssential = 0, allOptional = 0;
        var any = false;
        var n = offerSkills.Length;
        for (var i = 0; i < n; i++)
        {
            var packed = offerSkills[i];
            var edges = Graph.MeetersOf(packed & Packed.IdMask, allowRelated);
            var best = 0;
            foreach (var credit in edges.Credits)
            {
                if (credit < SkillGraph.SameSkillCredit)
                {
                    best = Math.Max(best, credit);
                    any = true;
                }
            }
            s.NonExact[i] = best;
            var must = (packed & Packed.MustHave) != 0;
            if ((packed & Packed.Optional) != 0)
            {
                allOptional += best;
                optional += must ? 0 : best;
            }
            else
            {
                allEssential += best;
                essential += must ? 0 : best;
            }
        }
        s.NonExact[n] = allEssential;
        s.NonExact[n + 1] = allOptional;
        return (essential, optional, any);
    }

    /// <summary>
    /// Per exact count x (0 to <see cref="ExactPlanes.ExactLimit"/>), in <see cref="QueryScratch.DemandByExact"/>, the most demand a profile
    /// meeting x of the offer's skills the same way can have: each other skill at its best other credit (<see cref="QueryScratch.NonExact"/>),
    /// x skills at a full credit, those that gain the most, over every split of x between essential and optional skills; by the scorer's own
    /// operations on counts each at least the doc's, so a bound to the last bit. A doc's count in the exact planes is at least its own
    /// (an aligned skill and itself count twice), and the demand grows with the count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillDemandByExact(QueryScratch s, int[] offerSkills, int essentialCount, int optionalCount)
    {
        var n = offerSkills.Length;
        Span<int> essential = stackalloc int[essentialCount + 1];
        Span<int> optional = stackalloc int[optionalCount + 1];
        int e = 0, o = 0, baseEssential = 0, baseOptional = 0;
        for (var i = 0; i < n; i++)
        {
            var other = s.NonExact[i];
            if ((offerSkills[i] & Packed.Optional) != 0)
            {
                optional[++o] = SkillGraph.CreditUnit - other;
                baseOptional += other;
            }
            else
            {
                essential[++e] = SkillGraph.CreditUnit - other;
                baseEssential += other;
            }
        }
        // Largest gains first, then prefix sums: [k] = what the k best gain together.
        TopSums(essential[..(e + 1)]);
        TopSums(optional[..(o + 1)]);
        var demand = s.DemandByExact;
        var last = 0.0;
        for (var x = 0; x < demand.Length; x++)
        {
            if (x <= e + o)
            {
                last = 0;
                for (var xe = Math.Max(0, x - o); xe <= Math.Min(x, e); xe++)
                {
                    last = Math.Max(last, MatchScorer.Skills(MatchScorer.Coverage(baseEssential + essential[xe], essentialCount), essentialCount,
                        MatchScorer.Coverage(baseOptional + optional[x - xe], optionalCount), optionalCount));
                }
            }
            demand[x] = last;
        }

        // [1..] sorted by decreasing gain (an insertion sort: a few dozen at most), then [k] = the sum of the k largest ([0] = 0).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static void TopSums(Span<int> gains)
        {
            for (var i = 2; i < gains.Length; i++)
            {
                var gain = gains[i];
                var at = i;
                while (at > 1 && gains[at - 1] < gain)
                {
                    gains[at] = gains[at - 1];
                    at--;
                }
                gains[at] = gain;
            }
            for (var k = 1; k < gains.Length; k++)
            {
                gains[k] += gains[k - 1];
            }
        }
    }

    /// <summary>The docs of a block passing the per-doc checks: the radius (mixed blocks; for an offer given by a département or a région,
    /// whether the profile's circle reaches it: <paramref name="area"/>), the search's filters; counts facets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong CheckEach(ProfileTable profiles, int block, ulong docs, OfferRow offer, double? radiusOverride, double cosLatitude, bool checkRadius, CandidateFilter? filter, FacetCounter? facets,
        AreaCheck area)
    {
        var kept = docs;
        while (docs != 0)
        {
            var bit = BitOperations.TrailingZeroCount(docs);
            docs &= docs - 1;
            ref readonly var profile = ref profiles.Column((block << 6) + bit);
            if (filter is not null && !Passes(filter, profile))
            {
                kept &= ~(1UL << bit);
                continue;
            }
            var radius = radiusOverride ?? profile.RadiusKm;
            double? distance = null;
            if (offer.HasPlace && !double.IsNaN(profile.Latitude))
            {
                if (checkRadius && (RadiusBox.LatitudesSurelyBeyond(offer.Latitude, profile.Latitude, radius)
                    || (!RadiusBox.SurelyWithin(offer.Latitude, offer.Longitude, cosLatitude, profile.Latitude, profile.Longitude, radius)
                        && MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude) > radius)))
                {
                    kept &= ~(1UL << bit);
                    continue;
                }
                if (facets is not null)
                {
                    distance = MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude);
                }
            }
            else if (checkRadius && area.Key is not null && !double.IsNaN(profile.Latitude) && !area.Places.Reaches(area.Key, profile.Latitude, profile.Longitude, radius))
            {
                kept &= ~(1UL << bit);
                continue;
            }
            facets?.Count(distance, profile.ContractWishes, profile.ExperienceYears);
        }
        return kept;
    }

    /// <summary>Offer → profiles: the score of one profile, and the bound of a block of profiles.</summary>
    /// <remarks>Bounds take the distance factor as 1 (but for an offer without a place against profiles that all have one: the unknown distance's
    /// factor, exactly), so they hold for banded scores too (a band's floor only raises the factor), and the occupation
    /// factor as 1 except in a doc's own bound (<see cref="Worth"/>), which reads it.</remarks>
    /// <param name="exactPlanesHold">Whether the exact-count planes hold every doc's count (at most <see cref="ExactPlanes.ExactLimit"/> same-skill edges in all).</param>
    /// <param name="baseEssential">Credit units every block is credited on top of its accumulated essential credits (an exact-first pass: what
    /// the skills not met the same way in the block can at best be met with); 0 after a whole pass.</param>
    /// <param name="targets">With the target jobs first (<see cref="MarkTargets"/>): per block, the docs whose occupation factor can be 1 (the
    /// others' is at most a close job's); null otherwise.</param>
    private readonly struct ProfileScorer(ProfileTable profiles, QueryScratch s, OfferRow offer, double? radiusOverride, int essentialCount, int optionalCount, bool banded, bool exactPlanesHold,
        ProfileOccupations occupations, int baseEssential, int baseOptional, ulong[]? targets) : IBlockScorer
    {
        private readonly int _contractFits = MatchScorer.ContractMask(offer.Contract) | MatchScorer.ContractMask(ContractType.Unspecified);
        private readonly double? _years = Years(offer.ExperienceYears);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Bound(int block)
        {
            ref readonly var acc = ref s.Blocks[block];
            var docs = s.Union[block];
            var demand = MatchScorer.Skills(MatchScorer.Coverage(acc.Essential + baseEssential, essentialCount), essentialCount,
                MatchScorer.Coverage(acc.Optional + baseOptional, optionalCount), optionalCount);
            var fewest = profiles.MinSkillCount[block];
            var exact = exactPlanesHold ? s.ExactCounts[block].MaxExact(docs) : s.ExactTally[block];
            if (exactPlanesHold)
            {
                // No doc of the block meets more skills the same way than the most: its demand is at most that count's.
                demand = Math.Min(demand, s.DemandByExact[exact]);
            }
            var skills = MatchScorer.Skills(demand, MatchScorer.SupplyUse(Math.Min(exact, fewest), fewest));
            var contract = offer.Contract == ContractType.Unspecified || (profiles.WishesMask[block] & _contractFits) != 0 ? 1.0 : MatchScorer.ContractMismatch;
            var experience = MatchScorer.Experience(offer.Experience, _years, profiles.MaxYears[block]);
            // An offer without a place and profiles that all have one: the distance is unknown (exactly its factor); otherwise at most 1.
            var distance = !offer.HasPlace && (profiles.Unlocated[block] & docs) == 0 ? MatchScorer.UnknownDistance : 1.0;
            return skills * distance * contract * experience;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ulong Worth(int block, ulong docs, double worst)
        {
            if (!exactPlanesHold)
            {
                return docs;
            }
            ref readonly var acc = ref s.Blocks[block];
            ref readonly var planes = ref s.ExactCounts[block];
            var demand = MatchScorer.Skills(MatchScorer.Coverage(acc.Essential + baseEssential, essentialCount), essentialCount,
                MatchScorer.Coverage(acc.Optional + baseOptional, optionalCount), optionalCount);
            // First by the exact count alone: a doc supplies at least the block's fewest skills, so its supply use is at most that
            // of the same count over the fewest (with no supply, SupplyUse is 0 whatever the count: no cut), and its distance at most
            // the block's; the other factors are at most 1. The docs below the fewest count that can reach the page's worst go whole.
            var fewest = profiles.MinSkillCount[block];
            var kept = docs;
            if (fewest > 0)
            {
                var blockDistance = !offer.HasPlace && (profiles.Unlocated[block] & docs) == 0 ? MatchScorer.UnknownDistance : 1.0;
                // The smallest count whose bound reaches the worst (the bound grows with the count): a binary search over 0 to 64.
                int low = 0, high = ExactPlanes.ExactLimit + 1;
                while (low < high)
                {
                    var middle = (low + high) >> 1;
                    if (MatchScorer.Skills(demand, MatchScorer.SupplyUse(middle, fewest)) * blockDistance < worst)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }
                kept = planes.AtLeast(docs, low);
            }
            var keys = profiles.Keys;
            var demandByExact = s.DemandByExact;
            var check = kept;
            while (check != 0)
            {
                var bit = BitOperations.TrailingZeroCount(check);
                check &= check - 1;
                var doc = (block << 6) + bit;
                // The doc's key (ProfileKey): its columns, or values that can only raise the bound.
                ref readonly var key = ref keys[doc];
                var exact = planes.ExactOf(bit);
                // Its demand: at most the block's, and at most that of its exact count (DemandByExact).
                var skills = MatchScorer.Skills(Math.Min(demand, demandByExact[exact]), MatchScorer.SupplyUse(exact, key.SkillCount));
                var distance = offer.HasPlace == key.Unlocated ? MatchScorer.UnknownDistance : 1.0;
                var bound = skills * distance * MatchScorer.Contract(offer.Contract, key.Wishes) * MatchScorer.Experience(offer.Experience, _years, key.Years)
                    * 1.0;
                // The occupation factor is at most 1, or a close job's out of the target jobs' docs (a product by it is at most the product
                // by its bound): the doc's own is read only for a doc that can still reach.
                var most = targets is not null && (targets[block] & (1UL << bit)) == 0 ? MatchScorer.OccupationClose : 1.0;
                if (bound * most < worst || bound * occupations.Of(profiles.Romes(doc), profiles.Occupations(doc)) < worst)
                {
                    kept &= ~(1UL << bit);
                }
            }
            return kept;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Prefetch(int doc)
        {
            // The columns, the skills and the target jobs: a record's first three cache lines.
            profiles.PrefetchRecord(doc, 3);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Score(int doc)
        {
            var n = offer.Skills.Length;
            var best = s.Best.AsSpan(0, n);
            best.Clear();
            var exact = 0;
            var meetBits = s.MeetBits;
            foreach (var supplied in profiles.Skills(doc))
            {
                if ((meetBits[supplied >> 6] & (1UL << supplied)) == 0)
                {
                    continue;
                }
                var slot = s.MeetSlot[supplied];
                for (var k = s.MeetStart[slot]; k < s.MeetStart[slot + 1]; k++)
                {
                    var i = s.MeetIndex[k];
                    if (s.MeetCredit[k] > best[i])
                    {
                        best[i] = s.MeetCredit[k];
                    }
                }
            }
            int essential = 0, optional = 0;
            for (var i = 0; i < n; i++)
            {
                exact += best[i] >= SkillGraph.SameSkillCredit ? 1 : 0;
                if ((offer.Skills[i] & Packed.Optional) != 0)
                {
                    optional += best[i];
                }
                else
                {
                    essential += best[i];
                }
            }
            ref readonly var profile = ref profiles.Column(doc);
            var radius = radiusOverride ?? profile.RadiusKm;
            // Evidence ≤ 1: the block and doc bounds above, computed without it, stay upper bounds.
            return MatchScorer.Total(essential, essentialCount, optional, optionalCount, exact, profile.SkillCount, Scored(ProfileDistance(offer, profile), banded), radius,
                offer.Contract, profile.ContractWishes, offer.Experience, _years, profile.ExperienceYears, Evidence(profile, banded), placeUnknown: PlaceUnknown(offer.HasPlace, profile.Latitude),
                occupation: occupations.Of(profiles.Romes(doc), profiles.Occupations(doc)));
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

    private static double? Scored(double? distanceKm, bool banded) => banded ? DistanceBands.Floor(distanceKm) : distanceKm;

    /// <summary>What a recruiter sees weighs how well the candidate's skills are evidenced; a seeker's own matches do not.</summary>
    private static double Evidence(in ProfileColumns profile, bool banded) => banded ? MatchScorer.Evidence(profile.Attested) : 1;

    private static double? ProfileDistance(OfferRow offer, in ProfileColumns profile) =>
        offer.HasPlace && !double.IsNaN(profile.Latitude)
            ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude)
            : null;

    // ---------------------------------------------------------------- explanations, supply and demand

    public MatchExplanation Explain(ReadOnlySpan<int> offerSkills, ReadOnlySpan<int> profileSkills, bool allowRelated, double? distanceKm, double radiusKm,
        ContractType contract, int contractWishes, ExperienceRequirement requirement, double? yearsAsked, double seekerYears, bool placeUnknown = false, double occupation = 1) =>
        _explainer.Explain(offerSkills, profileSkills, allowRelated, distanceKm, radiusKm, contract, contractWishes, requirement, yearsAsked, seekerYears, placeUnknown: placeUnknown,
            occupation: occupation);

    /// <summary>Offers and profiles per area id (-1 = unknown), for a skill (exact) or an occupation, within a radius of a place when given.</summary>
    public Dictionary<int, (long Offers, long Profiles)> SupplyDemand(int skill, int occupation, Place? place, double radiusKm) =>
        SupplyDemandCounter.Count(Offers, Profiles, skill, occupation, place, radiusKm);

    // ---------------------------------------------------------------- helpers

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double? Years(double years) => double.IsNaN(years) ? null : years;

    /// <summary>One side has a place and the other none (NaN latitude): the distance is unknown (<see cref="MatchScorer.UnknownDistance"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool PlaceUnknown(bool hasPlace, double otherLatitude) => hasPlace == double.IsNaN(otherLatitude);

    /// <param name="more">Whether a hit after the cursor was left out of this page.</param>
    private static string? NextCursor(MatchHit[] hits, bool more) =>
        more && hits.Length > 0 ? new PageCursor(hits[^1].Score, hits[^1].Id).Encode() : null;

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
