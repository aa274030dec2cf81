using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;

namespace Matching.Benchmarks;

/// <summary>
/// An offer to its top 20 candidates among the profiles: embedded index, Lucene.Net BM25
/// baseline, naive full scan. Cycles through 64 query offers.
/// </summary>
[MemoryDiagnoser]
public class MatchProfilesBenchmark
{
    private OfferDocument[] _queries = [];
    private string[][] _querySkills = [];
    private int _next;
    private LuceneSkillIndex? _lucene;

    [Params(100_000, 1_000_000)]
    public int Profiles { get; set; }

    [GlobalSetup(Target = nameof(Lucene))]
    public void SetupLucene()
    {
        SetupQueries();
        _lucene = LuceneSkillIndex.OpenOrBuild(
            BenchData.CacheFolder($"lucene-profiles-{Profiles}-s{BenchData.Seed}"),
            () => LuceneSkillIndex.Of(BenchData.Generator.Profiles(Profiles)));
    }

    [Benchmark]
    public string[] Lucene() => _lucene!.Search(_querySkills[Next()], 20);

    [GlobalCleanup]
    public void Cleanup()
    {
        _lucene?.Dispose();
    }

    private void SetupQueries()
    {
        _queries = BenchData.QueryOffers(64);
        _querySkills = [.. _queries.Select(o => o.Skills.Select(s => s.SkillUri).ToArray())];
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
