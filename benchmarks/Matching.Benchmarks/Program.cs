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

if (args is ["probe", var probeSize, .. var probeRest])
{
    // CPU time per query of the match benchmarks' queries (see ProbeRun): a quick comparison of two builds on a shared machine.
    ProbeRun.Run(int.Parse(probeSize, System.Globalization.CultureInfo.InvariantCulture), probeRest is [var rounds] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

if (args is ["probe-ab", var abSize, var abRounds, .. var abShares])
{
    // Profile -> offers without a place, RarestFirst off and at the shares given, interleaved in one process (see ProbeRun.RunAb).
    ProbeRun.RunAb(int.Parse(abSize, System.Globalization.CultureInfo.InvariantCulture), int.Parse(abRounds, System.Globalization.CultureInfo.InvariantCulture),
        [.. abShares.Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture))]);
    return;
}

if (args is ["probe-ab-candidates", var abcSize, var abcRounds])
{
    // Offer -> candidates without a place, the target jobs' seekers first off and on, interleaved in one process (see ProbeRun.RunAbCandidates).
    ProbeRun.RunAbCandidates(int.Parse(abcSize, System.Globalization.CultureInfo.InvariantCulture), int.Parse(abcRounds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["probe-iter", var iterSize, .. var iterRest])
{
    // The probe in BenchmarkDotNet's order (see ProbeRun.RunIterations): where the wall time of a one-query iteration goes.
    ProbeRun.RunIterations(int.Parse(iterSize, System.Globalization.CultureInfo.InvariantCulture),
        iterRest is [var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 101, iterRest.Contains("gc"), iterRest.Contains("odd"));
    return;
}

if (args is ["coldstart", var documents])
{
    // One cold start of the cached store of N + N in a fresh process (as a restarted server): the reference data is loaded first,
    // then EmbeddedMatchIndex.Open is timed (wall and process CPU) until it answers a count.
    var path = BenchData.EnginePath(int.Parse(documents, System.Globalization.CultureInfo.InvariantCulture));
    if (!BenchData.IsComplete(Path.GetDirectoryName(path)!))
    {
        Console.Error.WriteLine($"No complete store at {path}: run prepare-engine {documents} first.");
        return;
    }
    _ = BenchData.Taxonomy;
    _ = BenchData.Geography;
    var process = System.Diagnostics.Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = System.Diagnostics.Stopwatch.StartNew();
    using (var index = BenchData.OpenEngineAt(path))
    {
        var counts = index.CountAsync().GetAwaiter().GetResult();
        process.Refresh();
        Console.WriteLine($"// COLDSTART {counts.Offers:N0} offers + {counts.Profiles:N0} profiles: {watch.Elapsed.TotalSeconds:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU; " +
            $"process start to open (taxonomy and geography loaded first): {(DateTime.Now - process.StartTime).TotalSeconds:F2} s wall, {process.TotalProcessorTime.TotalSeconds:F2} s CPU");
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
