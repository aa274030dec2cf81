using BenchmarkDotNet.Attributes;
using Matching.Engine.Corpus;

namespace Matching.Benchmarks;

/// <summary>Generator throughput: the target is 1M offers in a few seconds.</summary>
[MemoryDiagnoser]
public class GenerateOffersBenchmark
{
    private CorpusGenerator _generator = null!;

    [Params(1_000_000)]
    public int Offers { get; set; }

    [GlobalSetup]
    public void Setup() => _generator = BenchData.Generator;

    [Benchmark]
    public int GenerateOffers()
    {
        var skills = 0;
        foreach (var offer in _generator.Offers(Offers))
        {
            skills += offer.Skills.Count;
        }
        return skills;
    }

    [Benchmark]
    public int GenerateProfiles()
    {
        var skills = 0;
        foreach (var profile in _generator.Profiles(Offers))
        {
            skills += profile.Skills.Count;
        }
        return skills;
    }
}
