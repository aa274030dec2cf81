using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;

namespace Matching.Benchmarks;

/// <summary>
/// A profile (~25 skills) to its top 20 offers: the embedded index with explanations, the
/// Lucene.Net BM25 baseline (ids only) and a naive full scan with the engine's score.
/// Each method cycles through 64 query profiles, so the median is over varied queries.
/// </summary>
[MemoryDiagnoser]
public class MatchOffersBenchmark
{
    private ProfileDocument[] _queries = [];
    private string[][] _querySkills = [];
    private int _next;
    private LuceneSkillIndex? _lucene;

    [Params(100_000, 1_000_000)]
    public int Offers { get; set; }

    [GlobalSetup(Target = nameof(Lucene))]
    public void SetupLucene()
    {
        SetupQueries();
        _lucene = LuceneSkillIndex.OpenOrBuild(
            BenchData.CacheFolder($"lucene-offers-{Offers}-s{BenchData.Seed}"),
            () => LuceneSkillIndex.Of(BenchData.Generator.Offers(Offers)));
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
        _queries = BenchData.QueryProfiles(64);
        _querySkills = [.. _queries.Select(p => p.Skills.Select(s => s.SkillUri).ToArray())];
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
