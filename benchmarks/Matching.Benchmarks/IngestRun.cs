using System.Diagnostics;

namespace Matching.Benchmarks;

/// <summary><c>ingest N</c>: the 1M-offer ingest of issue 13 with a stopwatch (see Program.cs); prints wall and CPU time of the upserts and the store's size.</summary>
internal static class IngestRun
{
    public static void Run(int count, bool keep = false)
    {
        var folder = Path.Combine(BenchData.CacheFolder("ingest"), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "coach.db");
        var process = Process.GetCurrentProcess();
        var wall = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        try
        {
            using (var index = BenchData.OpenEngineAt(path))
            {
                var done = 0;
                foreach (var batch in BenchData.Generator.Offers(count).Chunk(1_000))
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    index.UpsertOffersAsync(batch).GetAwaiter().GetResult();
                    wall += watch.Elapsed;
                    process.Refresh();
                    cpu += process.TotalProcessorTime - cpuBefore;
                    done += batch.Length;
                    if (done % 100_000 == 0)
                    {
                        Console.WriteLine($"// {done:N0} offers: upserts {wall.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU");
                    }
                }
                var size = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
                Console.WriteLine($"// INGEST {count:N0} offers in batches of 1,000: {wall.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU (upserts only); files {size / 1e6:F0} MB ({size / (double)count:F0} B per offer, WAL included)");
            }
            Console.WriteLine($"// store after close: {new FileInfo(path).Length / 1e6:F0} MB");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"// kept {path}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
