using BenchmarkDotNet.Attributes;
using Matching.Engine.Data;
using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;

namespace Matching.Benchmarks.ReferenceData;

/// <summary>
/// Start-up cost of the reference data: the taxonomy alone, and everything Coach loads before it
/// is ready (taxonomy, geography, market, label indexes). Goal: under 5 s and under 1 GB.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReferenceDataLoadBenchmarks
{
    private readonly string _dataPath = DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"));

    [Benchmark(Baseline = true)]
    public SkillsTaxonomy Taxonomy() => TaxonomyLoader.Load(_dataPath);

    [Benchmark]
    public Matching.Engine.Hosting.ReferenceData Everything() => Matching.Engine.Hosting.ReferenceData.Load(_dataPath);

    [Benchmark]
    public void VerifyUncached() => DataFolder.Verify(_dataPath);

    [GlobalCleanup]
    public void ReportWorkingSet()
    {
        var data = Matching.Engine.Hosting.ReferenceData.Load(_dataPath);
        GC.Collect();
        Console.WriteLine($"// Retained after load: {GC.GetTotalMemory(true) / 1024 / 1024} MB managed, working set {Environment.WorkingSet / 1024 / 1024} MB ({data.Taxonomy.Skills.Count} skills)");
    }
}
