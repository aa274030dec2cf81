using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// Cold start: reopen a store of N offers and N profiles until it answers: the in-memory index is
/// read from the snapshot written when the cached store was last disposed (or rebuilt from SQLite
/// when there is none). Target: 10 s or less with 1M offers and 1M profiles.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmark
{
    private string _path = "";

    [Params(100_000, 1_000_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Builds the cached store once if needed; the measured opens read it back.
        using var index = BenchData.OpenEngine(Documents);
        _path = BenchData.EnginePath(Documents);
        _ = BenchData.Geography;
    }

    [Benchmark]
    public long Open()
    {
        using var index = BenchData.OpenEngineAt(_path);
        return index.CountAsync().GetAwaiter().GetResult().Offers;
    }
}
