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
                q => index.MatchOffersAsync(profileQueries[q], options).GetAwaiter().GetResult().Hits.Count);
            Report($"offer -> candidates, {(radius is null ? "none" : "30km")}", rounds, offerQueries.Length,
                q => index.MatchProfilesAsync(offerQueries[q], options).GetAwaiter().GetResult().Hits.Count);
        }
    }

    private static void Report(string name, int rounds, int count, Func<int, int> query)
    {
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
        Console.WriteLine($"// PROBE {name}: CPU median {cpu[cpu.Count / 2]:F3} ms, mean {cpu.Average():F3} ms; wall median {wall[wall.Count / 2]:F3} ms ({cpu.Count} queries)");
    }

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
