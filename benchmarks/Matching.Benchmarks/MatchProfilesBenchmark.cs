using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// An offer to its top 20 candidates among the profiles: embedded index (with explanations),
/// Lucene.Net BM25 baseline (the same radius filter), naive full scan with the engine's score (each
/// profile's own radius: not run in the radius variant). Cycles through 64 query offers.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchProfilesBenchmark
{
    private MatchOptions _options = new(Size: 20);

    private OfferDocument[] _queries = [];
    private string[][] _querySkills = [];
    private NaiveScan.Demand[] _naiveQueries = [];
    private int _next;
    private EmbeddedMatchIndex? _engine;
    private LuceneSkillIndex? _lucene;
    private NaiveScan? _naive;
    private NaiveScan.Supply[] _naiveProfiles = [];

    /// <summary>100k, 1M and 3M documents, or the sizes listed in <c>COACH_BENCH_SIZES</c> (comma-separated).</summary>
    [ParamsSource(typeof(BenchData), nameof(BenchData.Sizes))]
    public int Profiles { get; set; }

    /// <summary>"none": the query has no place, every document is in reach; "30km": the query's place and a radius of 30 km (Lucene gets the same filter).</summary>
    [Params("none", "30km")]
    public string Radius { get; set; } = "none";

    [GlobalSetup(Target = nameof(Engine))]
    public void SetupEngine()
    {
        SetupQueries();
        _engine = BenchData.OpenEngine(Profiles);
    }

    [GlobalSetup(Target = nameof(Lucene))]
    public void SetupLucene()
    {
        SetupQueries();
        _lucene = LuceneSkillIndex.OpenOrBuild(
            BenchData.CacheFolder($"lucene-profiles-geo-{Profiles}-s{BenchData.Seed}"),
            () => LuceneSkillIndex.Of(BenchData.Generator.Profiles(Profiles)));
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        SetupQueries();
        _naive = new NaiveScan(BenchData.Taxonomy, new SkillGraph(BenchData.Taxonomy));
        _naiveProfiles = [.. BenchData.Generator.Profiles(Profiles).Select(_naive.Compile)];
        _naiveQueries = [.. _queries.Select(_naive.Compile)];
    }

    [Benchmark(Baseline = true)]
    public MatchPage Engine() => _engine!.MatchProfilesAsync(_queries[Next()], _options).GetAwaiter().GetResult();

    [Benchmark]
    public string[] Lucene()
    {
        var next = Next();
        return _lucene!.Search(_querySkills[next], 20, _queries[next].Place, _options.RadiusKm);
    }

    [Benchmark]
    public (string Id, double Score)[] Naive() => _naive!.TopProfiles(_naiveQueries[Next()], _naiveProfiles, 20);

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine?.Dispose();
        _lucene?.Dispose();
    }

    private void SetupQueries()
    {
        _queries = BenchData.QueryOffers(64);
        // Without a radius the query has no place: every document is in reach (and the distance factor is 1).
        _queries = Radius == "none" ? [.. _queries.Select(o => o with { Place = null })] : _queries;
        _options = Radius == "none" ? new MatchOptions(Size: 20) : new MatchOptions(Size: 20, RadiusKm: 30);
        _querySkills = [.. _queries.Select(o => o.Skills.Select(s => s.SkillUri).ToArray())];
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
