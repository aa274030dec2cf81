using Matching.Engine.Taxonomy;

namespace Matching.Engine.Careers;

/// <summary>The local market of a job: live offers from the index, and DARES figures of the seeker's employment area.</summary>
/// <param name="LiveOffersWithinRadius">Open offers within the seeker's radius (index); null when unknown.</param>
/// <param name="OffersPerTenJobSeekers">DARES offers per ten job seekers in the seeker's area for the job's ROME code.</param>
/// <param name="TensionIndicator">DARES ind_tension_d, 1 (few offers for many seekers) to 5 (employers struggle).</param>
public sealed record LocalMarket(int? LiveOffersWithinRadius, double? OffersPerTenJobSeekers, int? TensionIndicator)
{
    public static LocalMarket Unknown { get; } = new(null, null, null);
}

/// <summary>An occupation reachable from the seeker's skills.</summary>
/// <param name="Score">Weighted coverage of the occupation's skills by the seeker's, in [0, 1].</param>
/// <param name="EssentialCoverage">Credited share of the essential skills alone, in [0, 1].</param>
/// <param name="SkillsToAdd">Essential skills the seeker meets in no way, most specific first.</param>
/// <param name="Market">From the caller's delegate; <see cref="LocalMarket.Unknown"/> without one.</param>
public sealed record CloseJob(
    Occupation Occupation,
    IReadOnlyList<string> RomeCodes,
    double Score,
    double EssentialCoverage,
    IReadOnlyList<GapSkill> SkillsToAdd,
    LocalMarket Market);

/// <summary>
/// Occupations a seeker could reach with few new skills, over every ESCO occupation. Built once per taxonomy
/// (an inverted index skill → occupations, a few MB), then each call touches only the occupations sharing a
/// skill with the seeker: a few milliseconds. Thread-safe.
/// </summary>
/// <remarks>
/// Score of occupation o for a seeker: Σ w(s) c(s) over o's skills / Σ w(s) over o's skills, where c(s) is the
/// seeker's credit for s (1 exact, 0.8/0.6/0.5 through a narrower/broader/related skill, as the matcher) and
/// w(s) = importance × reuse: essential 1, optional <see cref="OptionalWeight"/>; transversal skills
/// × <see cref="TransversalWeight"/>, since "work in teams" says little about which job fits. An occupation
/// sharing nothing but transversal skills therefore never tops one sharing its core skills.
/// </remarks>
public sealed class CloseJobs
{
    public const double OptionalWeight = 0.3;
    public const double TransversalWeight = 0.4;

    /// <summary>Occupations must share at least this credited weight of essential skills to be proposed.</summary>
    private const double MinEssentialCoverage = 0.05;

    private readonly SkillsTaxonomy _taxonomy;
    // Postings: for each skill, the occupations needing it (essential flag in the sign bit of a packed int would be
    // smaller; two arrays read clearer and 125k links fit either way).
    private readonly int[][] _essentialOf;
    private readonly int[][] _optionalOf;
    private readonly double[] _totalWeight;
    private readonly double[] _essentialWeight;

    public CloseJobs(SkillsTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        var skills = taxonomy.Skills.Count;
        var essential = new List<int>?[skills];
        var optional = new List<int>?[skills];
        _totalWeight = new double[taxonomy.Occupations.Count];
        _essentialWeight = new double[taxonomy.Occupations.Count];
        foreach (var occupation in taxonomy.Occupations)
        {
            foreach (var s in occupation.EssentialSkills)
            {
                (essential[s] ??= []).Add(occupation.Id);
                var w = Weight(s, essential: true);
                _totalWeight[occupation.Id] += w;
                _essentialWeight[occupation.Id] += w;
            }
            foreach (var s in occupation.OptionalSkills)
            {
                (optional[s] ??= []).Add(occupation.Id);
                _totalWeight[occupation.Id] += Weight(s, essential: false);
            }
        }
        _essentialOf = [.. essential.Select(l => l?.ToArray() ?? [])];
        _optionalOf = [.. optional.Select(l => l?.ToArray() ?? [])];
    }

    /// <summary>
    /// The <paramref name="limit"/> occupations the seeker's skills cover best, best first, excluding
    /// <paramref name="excludedOccupationUris"/> (the target). Ties go to the lower occupation id, so results are stable.
    /// </summary>
    /// <param name="localMarket">Called for the returned occupations only; null leaves the market unknown.</param>
    /// <param name="offersWithinRadius">Offers near the seeker asking for a skill (by URI), to rank the skills to add; null counts 0.</param>
    public IReadOnlyList<CloseJob> Find(
        IEnumerable<string> seekerSkillUris,
        IEnumerable<string> excludedOccupationUris,
        int limit = 10,
        Func<Occupation, LocalMarket>? localMarket = null,
        Func<string, int>? offersWithinRadius = null)
    {
        ArgumentNullException.ThrowIfNull(excludedOccupationUris);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 200);
        var seeker = SeekerSkills.Resolve(_taxonomy, seekerSkillUris, nameof(seekerSkillUris));
        var excluded = new HashSet<int>();
        foreach (var uri in excludedOccupationUris)
        {
            var occupation = _taxonomy.OccupationByUri(uri)
                ?? throw new ArgumentException($"excludedOccupationUris: '{uri}' is not an ESCO occupation URI of the loaded taxonomy.", nameof(excludedOccupationUris));
            excluded.Add(occupation.Id);
        }

        var occupations = _taxonomy.Occupations.Count;
        var credited = new double[occupations];
        var essentialCredited = new double[occupations];
        foreach (var (skill, credit) in seeker.Reached)
        {
            var essentialWeight = Weight(skill, essential: true) * credit.Credit;
            foreach (var o in _essentialOf[skill])
            {
                credited[o] += essentialWeight;
                essentialCredited[o] += essentialWeight;
            }
            var optionalWeight = Weight(skill, essential: false) * credit.Credit;
            foreach (var o in _optionalOf[skill])
            {
                credited[o] += optionalWeight;
            }
        }

        var top = new PriorityQueue<int, (double Score, int Id)>(limit + 1, Worst.Instance);
        for (var o = 0; o < occupations; o++)
        {
            if (credited[o] <= 0 || excluded.Contains(o) || _essentialWeight[o] <= 0
                || essentialCredited[o] / _essentialWeight[o] < MinEssentialCoverage)
            {
                continue;
            }
            top.Enqueue(o, (credited[o] / _totalWeight[o], o));
            if (top.Count > limit)
            {
                top.Dequeue();
            }
        }

        var results = new List<CloseJob>(top.Count);
        while (top.TryDequeue(out var o, out var key))
        {
            var occupation = _taxonomy.Occupations[o];
            results.Add(new CloseJob(
                occupation,
                occupation.RomeCodes,
                key.Score,
                essentialCredited[o] / _essentialWeight[o],
                SkillsToAdd(occupation, seeker, offersWithinRadius),
                localMarket?.Invoke(occupation) ?? LocalMarket.Unknown));
        }
        results.Reverse();
        return results;
    }

    private List<GapSkill> SkillsToAdd(Occupation occupation, SeekerSkills seeker, Func<string, int>? offersWithinRadius) =>
        [.. occupation.EssentialSkills
            .Where(s => seeker.CreditFor(s) is null)
            .Select(s => _taxonomy.Skills[s])
            .Select(s => new GapSkill(s.Uri, s.Label("fr"), s.LabelEn, s.Reuse, offersWithinRadius?.Invoke(s.Uri) ?? 0))
            .Order(GapOrder.Instance)];

    private double Weight(int skill, bool essential) =>
        (essential ? 1.0 : OptionalWeight) * (_taxonomy.Skills[skill].Reuse == ReuseLevel.Transversal ? TransversalWeight : 1.0);

    /// <summary>Min-heap order: the worst kept result (lowest score, then highest id) is dequeued first.</summary>
    private sealed class Worst : IComparer<(double Score, int Id)>
    {
        public static readonly Worst Instance = new();

        public int Compare((double Score, int Id) x, (double Score, int Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
        }
    }
}
