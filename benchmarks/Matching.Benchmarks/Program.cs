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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
