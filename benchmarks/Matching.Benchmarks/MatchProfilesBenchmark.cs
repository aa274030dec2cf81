using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// An offer to its top 20 candidates among the profiles: embedded index (with explanations),
/// Lucene.Net BM25 baseline, naive full scan with the engine's score. Cycles through 64 query offers.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchProfilesBenchmark
{
    private static readonly MatchOptions s_options = new(Size: 20);

    private OfferDocument[] _queries = [];
    private string[][] _querySkills = [];
    private NaiveScan.Demand[] _naiveQueries = [];
    private int _next;
    private EmbeddedMatchIndex? _engine;
    private LuceneSkillIndex? _lucene;
    private NaiveScan? _naive;
    private NaiveScan.Supply[] _naiveProfiles = [];

    [Params(100_000, 1_000_000)]
    public int Profiles { get; set; }

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
            BenchData.CacheFolder($"lucene-profiles-{Profiles}-s{BenchData.Seed}"),
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
    public MatchPage Engine() => _engine!.MatchProfilesAsync(_queries[Next()], s_options).GetAwaiter().GetResult();

    [Benchmark]
    public string[] Lucene() => _lucene!.Search(_querySkills[Next()], 20);

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
        _querySkills = [.. _queries.Select(o => o.Skills.Select(s => s.SkillUri).ToArray())];
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
