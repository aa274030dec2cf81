using BenchmarkDotNet.Running;
using Matching.Benchmarks;

if (args is ["prepare" or "prepare-engine", .. var sizes])
{
    var withLucene = args[0] == "prepare";
    // Builds the cached stores and Lucene indexes the match benchmarks read, and says how long each took.
    foreach (var size in sizes.Select(int.Parse))
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        BenchData.OpenEngine(size).Dispose();
        Console.WriteLine($"// PREPARE engine store {size:N0} + {size:N0}: {watch.Elapsed.TotalSeconds:F1} s");
        if (!withLucene)
        {
            continue;
        }
        watch.Restart();
        LuceneSkillIndex.OpenOrBuild(BenchData.CacheFolder($"lucene-offers-geo-{size}-s{BenchData.Seed}"), () => LuceneSkillIndex.Of(BenchData.Generator.Offers(size))).Dispose();
        LuceneSkillIndex.OpenOrBuild(BenchData.CacheFolder($"lucene-profiles-geo-{size}-s{BenchData.Seed}"), () => LuceneSkillIndex.Of(BenchData.Generator.Profiles(size))).Dispose();
        Console.WriteLine($"// PREPARE Lucene indexes {size:N0} + {size:N0}: {watch.Elapsed.TotalSeconds:F1} s");
    }
    return;
}

if (args is ["ingest", var count, .. var rest])
{
    // The ingest target (issue 13): N generated offers through IMatchIndex.UpsertOffersAsync in batches of 1,000 into a fresh store, as
    // IngestBenchmark does, at sizes whose documents do not fit in memory at once: each batch is generated before its upsert, and only the
    // upserts are timed (wall, and the process's CPU time across them).
    IngestRun.Run(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), keep: rest is ["keep"]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
