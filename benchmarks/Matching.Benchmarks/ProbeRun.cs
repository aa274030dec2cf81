using System.Diagnostics;
using System.Runtime.InteropServices;
using Matching.Engine.Indexing;

namespace Matching.Benchmarks;

/// <summary>
/// <c>probe N [rounds]</c>: the match benchmarks' 64 queries of each direction on the cached N + N store, without a radius and with 30 km,
/// timed by the calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>), which a shared machine's load disturbs far less than wall time.
/// Prints the median and mean per query over every round (after one warm-up round).
/// </summary>
internal static class ProbeRun
{
    public static void Run(int size, int rounds)
    {
        var profiles = BenchData.QueryProfiles(64);
        var offers = BenchData.QueryOffers(64);
        using var index = BenchData.OpenEngine(size);
        foreach (var radius in new double?[] { null, 30 })
        {
            var options = new MatchOptions(Size: 20, RadiusKm: radius);
            var profileQueries = radius is null ? [.. profiles.Select(p => p with { Place = null })] : profiles;
            var offerQueries = radius is null ? [.. offers.Select(o => o with { Place = null })] : offers;
            Report($"profile -> offers, {(radius is null ? "none" : "30km")}", rounds, profileQueries.Length,
                q => Counted(index.MatchOffersAsync(profileQueries[q], options).GetAwaiter().GetResult()));
            Report($"offer -> candidates, {(radius is null ? "none" : "30km")}", rounds, offerQueries.Length,
                q => Counted(index.MatchProfilesAsync(offerQueries[q], options).GetAwaiter().GetResult()));
        }
    }

    /// <summary>
    /// <c>probe-ab N rounds share...</c>: profile → offers without a place, the pass over the rarest exact skills first
    /// (<c>InMemoryIndex.RarestFirst</c>) off and at each share given, every query run once per variant in a rotating order, in one process:
    /// thread CPU medians per variant, which a shared machine's load moves alike (each query's later runs find its data in cache, so
    /// the levels are below <c>probe</c>'s).
    /// </summary>
    public static void RunAb(int size, int rounds, double[] shares)
    {
        var profiles = BenchData.QueryProfiles(64);
        using var index = BenchData.OpenEngine(size);
        var inner = index.Memory;
        var options = new MatchOptions(Size: 20);
        var queries = profiles.Select(p => p with { Place = null }).ToArray();
        var variants = shares.Length + 1;
        var cpu = Enumerable.Range(0, variants).Select(_ => new List<double>()).ToArray();
        for (var r = -1; r < rounds; r++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                for (var i = 0; i < variants; i++)
                {
                    var v = (i + q + Math.Max(r, 0)) % variants;
                    inner.RarestFirstOn = v > 0;
                    if (v > 0)
                    {
                        inner.RarestFirstShare = shares[v - 1];
                    }
                    var c0 = ThreadCpuMs();
                    index.MatchOffersAsync(queries[q], options).GetAwaiter().GetResult();
                    if (r >= 0)
                    {
                        cpu[v].Add(ThreadCpuMs() - c0);
                    }
                }
            }
        }
        for (var v = 0; v < variants; v++)
        {
            cpu[v].Sort();
            Console.WriteLine($"// AB {(v == 0 ? "off" : "share " + shares[v - 1])}: CPU median {cpu[v][cpu[v].Count / 2]:F3} ms, mean {cpu[v].Average():F3} ms ({cpu[v].Count})");
        }
        Console.WriteLine($"// AB pages found by the rarest skills first: {inner.RarestFirstPages.First} at the first try, {inner.RarestFirstPages.Second} at the second");
    }

    /// <summary>
    /// <c>probe-ab-candidates N rounds</c>: offer → candidates without a place, the pass over the seekers of the offer's job and of the
    /// close ones first (<c>InMemoryIndex.TargetsFirstOn</c>) off and on, every query run once per variant in a rotating order, in one
    /// process: thread CPU medians per variant (as <see cref="RunAb"/>).
    /// </summary>
    public static void RunAbCandidates(int size, int rounds)
    {
        var offers = BenchData.QueryOffers(64);
        using var index = BenchData.OpenEngine(size);
        var inner = index.Memory;
        var options = new MatchOptions(Size: 20);
        var queries = offers.Select(o => o with { Place = null }).ToArray();
        var cpu = new[] { new List<double>(), new List<double>() };
        var pages = inner.TargetsFirstPages;
        var on = 0;
        for (var r = -1; r < rounds; r++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                for (var i = 0; i < 2; i++)
                {
                    var v = (i + q + Math.Max(r, 0)) % 2;
                    inner.TargetsFirstOn = v > 0;
                    on += v;
                    var c0 = ThreadCpuMs();
                    index.MatchProfilesAsync(queries[q], options).GetAwaiter().GetResult();
                    if (r >= 0)
                    {
                        cpu[v].Add(ThreadCpuMs() - c0);
                    }
                }
            }
        }
        inner.TargetsFirstOn = true;
        for (var v = 0; v < 2; v++)
        {
            cpu[v].Sort();
            Console.WriteLine($"// AB target jobs first {(v == 0 ? "off" : "on")}: CPU median {cpu[v][cpu[v].Count / 2]:F3} ms, mean {cpu[v].Average():F3} ms ({cpu[v].Count})");
        }
        Console.WriteLine($"// AB pages found among the target jobs' seekers: {inner.TargetsFirstPages - pages} of {on}");
    }

    private static int s_queries;
    private static int s_capped;

    /// <summary>Counts the pages whose total was capped (<see cref="MatchPage.TotalIsLowerBound"/>).</summary>
    private static int Counted(MatchPage page)
    {
        s_queries++;
        s_capped += page.TotalIsLowerBound ? 1 : 0;
        return page.Hits.Count;
    }

    private static void Report(string name, int rounds, int count, Func<int, int> query)
    {
        (s_queries, s_capped) = (0, 0);
        for (var q = 0; q < count; q++)
        {
            query(q);
        }
        var cpu = new List<double>();
        var wall = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            for (var q = 0; q < count; q++)
            {
                var c0 = ThreadCpuMs();
                var w0 = Stopwatch.GetTimestamp();
                query(q);
                wall.Add(Stopwatch.GetElapsedTime(w0).TotalMilliseconds);
                cpu.Add(ThreadCpuMs() - c0);
            }
        }
        cpu.Sort();
        wall.Sort();
        Console.WriteLine($"// PROBE {name}: CPU median {cpu[cpu.Count / 2]:F3} ms, mean {cpu.Average():F3} ms; wall median {wall[wall.Count / 2]:F3} ms ({cpu.Count} queries; totals capped {s_capped} of {s_queries})");
    }

    /// <summary>
    /// <c>probe-iter N [iterations] [gc]</c>: the benchmark harness's order rather than the probe's rounds: a fresh open of the store per case,
    /// 5 warm-up queries, then one query per iteration cycling the 64 (most of them run for the first time), as BenchmarkDotNet's
    /// <c>--runOncePerIteration --warmupCount 5</c> does. Per case: wall and thread-CPU medians, the median gap between them, and over the
    /// measured queries the collections, the GC's pause time, the thread's involuntary context switches and minor page faults.
    /// With <c>gc</c>, a blocking full collection after the open (what the open leaves for the GC to do, done before the queries); with
    /// <c>odd</c>, the odd queries run once before the measured ones (first and later runs then alternate).
    /// </summary>
    public static void RunIterations(int size, int iterations, bool collectFirst, bool oddFirst)
    {
        var profiles = BenchData.QueryProfiles(64);
        var offers = BenchData.QueryOffers(64);
        foreach (var radius in new double?[] { null, 30 })
        {
            var options = new MatchOptions(Size: 20, RadiusKm: radius);
            var profileQueries = radius is null ? [.. profiles.Select(p => p with { Place = null })] : profiles;
            var offerQueries = radius is null ? [.. offers.Select(o => o with { Place = null })] : offers;
            var suffix = radius is null ? "none" : "30km";
            using (var index = Fresh(size, collectFirst))
            {
                Iterate($"profile -> offers, {suffix}", iterations, oddFirst, profileQueries.Length, q => index.MatchOffersAsync(profileQueries[q], options).GetAwaiter().GetResult().Hits.Count);
            }
            using (var index = Fresh(size, collectFirst))
            {
                Iterate($"offer -> candidates, {suffix}", iterations, oddFirst, offerQueries.Length, q => index.MatchProfilesAsync(offerQueries[q], options).GetAwaiter().GetResult().Hits.Count);
            }
        }
    }

    private static Matching.Engine.Indexing.Embedded.EmbeddedMatchIndex Fresh(int size, bool collectFirst)
    {
        var index = BenchData.OpenEngine(size);
        if (collectFirst)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return index;
    }

    private static void Iterate(string name, int iterations, bool oddFirst, int count, Func<int, int> query)
    {
        var next = 0;
        for (var w = 0; w < 5; w++)
        {
            query(next = (next + 1) % count);
        }
        var seen = new HashSet<int>(Enumerable.Range(1, 5));
        // With oddFirst, the odd queries run once before the measured ones: first and later runs then alternate in the same minutes,
        // which tells the query's novelty from the time since the open.
        for (var q = 1; oddFirst && q < count; q += 2)
        {
            query(q);
            seen.Add(q);
        }
        var cpu = new List<double>();
        var wall = new List<double>();
        var gap = new List<double>();
        var first = new List<double>();
        var again = new List<double>();
        var gcs = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var pause = GC.GetTotalPauseDuration();
        Usage(out var switches0, out var faults0);
        for (var i = 0; i < iterations; i++)
        {
            next = (next + 1) % count;
            var c0 = ThreadCpuMs();
            var w0 = Stopwatch.GetTimestamp();
            query(next);
            var w = Stopwatch.GetElapsedTime(w0).TotalMilliseconds;
            var c = ThreadCpuMs() - c0;
            wall.Add(w);
            cpu.Add(c);
            gap.Add(w - c);
            (seen.Add(next) ? first : again).Add(c);
        }
        first.Sort();
        again.Sort();
        Usage(out var switches1, out var faults1);
        cpu.Sort();
        wall.Sort();
        gap.Sort();
        Console.WriteLine($"// ITER {name}: wall median {wall[wall.Count / 2]:F3} ms, CPU median {cpu[cpu.Count / 2]:F3} ms, gap median {gap[gap.Count / 2]:F3} ms; " +
            $"CPU median of a query's first run {(first.Count > 0 ? first[first.Count / 2] : 0):F3} ms ({first.Count}), of its later runs {(again.Count > 0 ? again[again.Count / 2] : 0):F3} ms ({again.Count}); " +
            $"GCs {GC.CollectionCount(0) - gcs[0]}/{GC.CollectionCount(1) - gcs[1]}/{GC.CollectionCount(2) - gcs[2]}, pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F1} ms, " +
            $"involuntary switches {switches1 - switches0}, minor faults {faults1 - faults0} ({iterations} queries)");
    }

    private static void Usage(out long involuntarySwitches, out long minorFaults)
    {
        var usage = new long[18];
        _ = GetRusage(1, usage); // RUSAGE_THREAD
        minorFaults = usage[4 + 4];
        involuntarySwitches = usage[4 + 13];
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);

    private static double ThreadCpuMs()
    {
        ClockGetTime(3, out var time);
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
