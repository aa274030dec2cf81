using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Benchmarks;

/// <summary>
/// Process memory with N offers and N profiles loaded: the benchmark opens the cached store and
/// keeps it open; the cleanup prints the managed heap (after a full GC) and the working set.
/// Target: 1.5 GB or less with 1M offers and 1M profiles.
/// </summary>
[MemoryDiagnoser]
public class MemoryBenchmark
{
    private string _path = "";
    private EmbeddedMatchIndex? _open;
    private long _managed;
    private long _workingSet;
    private long _baselineWorkingSet;

    [Params(1_000_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using (BenchData.OpenEngine(Documents))
        {
        }
        _path = BenchData.EnginePath(Documents);
        // The taxonomy and geography are loaded before the baseline: the figure is the index's own, and the process total is printed too.
        _ = BenchData.Taxonomy;
        _ = BenchData.Geography;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _baselineWorkingSet = Process.GetCurrentProcess().WorkingSet64;
    }

    [Benchmark]
    public long OpenAndHold()
    {
        _open?.Dispose();
        _open = null;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _open = BenchData.OpenEngineAt(_path);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        _workingSet = process.WorkingSet64;
        return _open.CountAsync().GetAwaiter().GetResult().Profiles;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// MEMORY {Documents:N0} offers + {Documents:N0} profiles: managed heap {_managed / 1048576.0:F0} MB, " +
            $"working set {_workingSet / 1048576.0:F0} MB (before opening: {_baselineWorkingSet / 1048576.0:F0} MB)");
        _open?.Dispose();
    }
}
