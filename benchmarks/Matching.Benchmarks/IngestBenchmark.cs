using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// Bulk ingest: <see cref="IMatchIndex.UpsertOffersAsync"/> in batches of 1,000 into a fresh store
/// (created before each iteration, deleted after). The documents are generated once, outside the
/// measurement. Target: 1M offers in 60 s or less.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmark
{
    private OfferDocument[][] _batches = [];
    private string _folder = "";
    private EmbeddedMatchIndex? _index;

    [Params(100_000)]
    public int Offers { get; set; }

    [GlobalSetup]
    public void Setup() => _batches = [.. BenchData.Generator.Offers(Offers).Chunk(1_000)];

    [IterationSetup]
    public void CreateStore()
    {
        _folder = Path.Combine(BenchData.CacheFolder("ingest"), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _index = BenchData.OpenEngineAt(Path.Combine(_folder, "coach.db"));
    }

    [Benchmark]
    public async Task<long> UpsertOffers()
    {
        long created = 0;
        foreach (var batch in _batches)
        {
            created += (await _index!.UpsertOffersAsync(batch)).Created;
        }
        return created;
    }

    [IterationCleanup]
    public void DeleteStore()
    {
        _index?.Dispose();
        _index = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
