using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// A profile (~25 skills) to its top 20 offers: the embedded index with explanations, the
/// Lucene.Net BM25 baseline (ids only, no related skills; the same radius filter) and a naive full
/// scan with the engine's score. Each method cycles through 64 query profiles, so the median is over varied queries.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchOffersBenchmark
{
    private MatchOptions _options = new(Size: 20);

    private ProfileDocument[] _queries = [];
    private string[][] _querySkills = [];
    private NaiveScan.Supply[] _naiveQueries = [];
    private int _next;
    private EmbeddedMatchIndex? _engine;
    private LuceneSkillIndex? _lucene;
    private NaiveScan? _naive;
    private NaiveScan.Demand[] _naiveOffers = [];

    /// <summary>100k, 1M and 3M documents, or the sizes listed in <c>COACH_BENCH_SIZES</c> (comma-separated).</summary>
    [ParamsSource(typeof(BenchData), nameof(BenchData.Sizes))]
    public int Offers { get; set; }

    /// <summary>"none": the query has no place, every document is in reach; "30km": the query's place and a radius of 30 km (Lucene gets the same filter).</summary>
    [Params("none", "30km")]
    public string Radius { get; set; } = "none";

    [GlobalSetup(Target = nameof(Engine))]
    public void SetupEngine()
    {
        SetupQueries();
        _engine = BenchData.OpenEngine(Offers);
    }

    [GlobalSetup(Target = nameof(Lucene))]
    public void SetupLucene()
    {
        SetupQueries();
        _lucene = LuceneSkillIndex.OpenOrBuild(
            BenchData.CacheFolder($"lucene-offers-geo-{Offers}-s{BenchData.Seed}"),
            () => LuceneSkillIndex.Of(BenchData.Generator.Offers(Offers)));
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        SetupQueries();
        _naive = new NaiveScan(BenchData.Taxonomy, new SkillGraph(BenchData.Taxonomy));
        _naiveOffers = [.. BenchData.Generator.Offers(Offers).Select(_naive.Compile)];
        _naiveQueries = [.. _queries.Select(p => _naive.Compile(_options.RadiusKm is { } r ? p with { RadiusKm = r } : p))];
        if (Offers <= 100_000)
        {
            CheckAgainstEngine();
        }
    }

    [Benchmark(Baseline = true)]
    public MatchPage Engine() => _engine!.MatchOffersAsync(_queries[Next()], _options).GetAwaiter().GetResult();

    [Benchmark]
    public string[] Lucene()
    {
        var next = Next();
        return _lucene!.Search(_querySkills[next], 20, _queries[next].Place, _options.RadiusKm);
    }

    [Benchmark]
    public (string Id, double Score)[] Naive() => _naive!.TopOffers(_naiveQueries[Next()], _naiveOffers, 20);

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine?.Dispose();
        _lucene?.Dispose();
    }

    // The naive scan is only a fair baseline if it computes the engine's score: compare the top
    // scores of a few queries with the engine's (ties may order differently, scores may not).
    private void CheckAgainstEngine()
    {
        using var engine = BenchData.OpenEngine(Offers);
        for (var q = 0; q < 8; q++)
        {
            var expected = engine.MatchOffersAsync(_queries[q], _options).GetAwaiter().GetResult().Hits.Select(h => h.Score).ToArray();
            var actual = _naive!.TopOffers(_naiveQueries[q], _naiveOffers, 20).Select(h => h.Score).ToArray();
            Console.WriteLine(expected.SequenceEqual(actual)
                ? $"// NAIVE CHECK query {q}: same {actual.Length} top scores as the engine"
                : $"// NAIVE CHECK query {q}: MISMATCH engine [{string.Join(", ", expected.Take(5))}] naive [{string.Join(", ", actual.Take(5))}]");
        }
    }

    private void SetupQueries()
    {
        _queries = BenchData.QueryProfiles(64);
        // Without a radius the query has no place: every document is in reach (and the distance factor is 1).
        _queries = Radius == "none" ? [.. _queries.Select(p => p with { Place = null })] : _queries;
        _options = Radius == "none" ? new MatchOptions(Size: 20) : new MatchOptions(Size: 20, RadiusKm: 30);
        _querySkills = [.. _queries.Select(p => p.Skills.Select(s => s.SkillUri).ToArray())];
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
