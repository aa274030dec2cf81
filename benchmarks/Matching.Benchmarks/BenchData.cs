using Matching.Engine.Corpus;
using Matching.Engine.Data;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Benchmarks;

/// <summary>
/// What every benchmark shares: the reference data, the corpus generator (seed 42), and the
/// cache folder for built stores (<c>data/corpus/</c>, git-ignored) so that a 1M-document store
/// is built once and reused by later runs (each BenchmarkDotNet job is a new process).
/// </summary>
internal static class BenchData
{
    public const int Seed = 42;

    private static readonly Lazy<string> s_dataPath = new(() => DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory));
    private static readonly Lazy<SkillsTaxonomy> s_taxonomy = new(() => TaxonomyLoader.Load(DataPath));
    private static readonly Lazy<CorpusGenerator> s_generator = new(() => new CorpusGenerator(Taxonomy, CorpusSources.Load(DataPath), Seed));

    private static readonly Lazy<GeographyData> s_geography = new(() => GeographyData.Load(DataPath));

    public static string DataPath => s_dataPath.Value;

    /// <summary>Corpus sizes of the match benchmarks: 100k, 1M and 3M, or those of <c>COACH_BENCH_SIZES</c> (e.g. "100000,1000000").</summary>
    public static IEnumerable<int> Sizes =>
        Environment.GetEnvironmentVariable("COACH_BENCH_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)
            : [100_000, 1_000_000, 3_000_000];

    public static GeographyData Geography => s_geography.Value;

    public static SkillsTaxonomy Taxonomy => s_taxonomy.Value;

    public static CorpusGenerator Generator => s_generator.Value;

    /// <summary>
    /// Identifies what a cached store depends on: the store's format (bump <see cref="StoreFormat"/> when
    /// DocumentStore's schema changes) and the generated corpus (a hash of its first documents), so a
    /// cache survives engine changes that touch neither (the in-memory index validates its own snapshot).
    /// </summary>
    public static string EngineBuild => s_engineBuild.Value;

    private const string StoreFormat = "store3";

    private static readonly Lazy<string> s_engineBuild = new(() =>
    {
        var sample = string.Join('\n', Generator.Offers(200).Select(o => System.Text.Json.JsonSerializer.Serialize(o))
            .Concat(Generator.Profiles(200).Select(p => System.Text.Json.JsonSerializer.Serialize(p))));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(StoreFormat + sample));
        return Convert.ToHexString(hash)[..8].ToLowerInvariant();
    });

    /// <summary>
    /// <c>data/corpus/{name}-{engine build}</c> in the repository (found from Coach.sln upwards),
    /// created on demand; caches of the same name left by other engine builds are deleted (a 1M + 1M store is ~2.3 GB with its snapshot since store version 5, was ~10 GB).
    /// </summary>
    public static string CacheFolder(string name)
    {
        var corpus = Path.Combine(RepositoryRoot(), "data", "corpus");
        var path = Path.Combine(corpus, $"{name}-{EngineBuild}");
        if (!System.IO.Directory.Exists(path) && System.IO.Directory.Exists(corpus))
        {
            foreach (var stale in System.IO.Directory.GetDirectories(corpus, name + "-*"))
            {
                if (Path.GetFileName(stale).Length == name.Length + 9)
                {
                    System.IO.Directory.Delete(stale, recursive: true);
                }
            }
        }
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Opens the embedded store holding <paramref name="size"/> generated offers and as many
    /// profiles, building it first (batches of 1,000) when it is not cached yet.
    /// </summary>
    public static EmbeddedMatchIndex OpenEngine(int size)
    {
        var path = EnginePath(size);
        var folder = Path.GetDirectoryName(path)!;
        if (!IsComplete(folder))
        {
            foreach (var file in System.IO.Directory.GetFiles(folder))
            {
                File.Delete(file);
            }
            using var building = OpenEngineAt(path);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            // Batches of 1,000 as the ingest benchmark; 10,000 past 1M documents, to keep the build of the largest store within an hour.
            var batchSize = size > 1_000_000 ? 10_000 : 1_000;
            foreach (var batch in Generator.Offers(size).Chunk(batchSize))
            {
                building.UpsertOffersAsync(batch).GetAwaiter().GetResult();
            }
            Console.WriteLine($"// BUILD {size:N0} offers generated and upserted in batches of {batchSize:N0}: {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            foreach (var batch in Generator.Profiles(size).Chunk(batchSize))
            {
                building.UpsertProfilesAsync(batch).GetAwaiter().GetResult();
            }
            Console.WriteLine($"// BUILD {size:N0} profiles generated and upserted: {watch.Elapsed.TotalSeconds:F1} s");
            MarkComplete(folder);
        }
        return OpenEngineAt(path);
    }

    /// <summary>Where the cached store of <paramref name="size"/> offers and profiles lives.</summary>
    public static string EnginePath(int size) => Path.Combine(CacheFolder($"engine-{size}-s{Seed}"), "coach.db");

    /// <summary>Opens (or creates) an embedded store at a path, with the real employment areas.</summary>
    public static EmbeddedMatchIndex OpenEngineAt(string path) =>
        EmbeddedMatchIndex.Open(path, Taxonomy, commune => Geography.EmploymentAreaOf(commune)?.Code, area => Geography.EmploymentArea(area)?.Name);

    /// <summary>True when a cached store was completed (the marker is written last).</summary>
    public static bool IsComplete(string folder) => File.Exists(Path.Combine(folder, ".complete"));

    public static void MarkComplete(string folder) => File.WriteAllText(Path.Combine(folder, ".complete"), DateTimeOffset.UtcNow.ToString("O"));

    /// <summary>
    /// Query profiles: generated profiles of ~25 skills (20 to 30), the size the brief measures,
    /// drawn from a stream of their own so they are not documents of the corpus.
    /// </summary>
    public static ProfileDocument[] QueryProfiles(int count)
    {
        var generator = new CorpusGenerator(Taxonomy, CorpusSources.Load(DataPath), Seed + 1);
        return [.. generator.Profiles(count * 20).Where(p => p.Skills.Count is >= 20 and <= 30).Take(count)];
    }

    /// <summary>Query offers: generated offers of another seed with 10 skills or more.</summary>
    public static OfferDocument[] QueryOffers(int count)
    {
        var generator = new CorpusGenerator(Taxonomy, CorpusSources.Load(DataPath), Seed + 1);
        return [.. generator.Offers(count * 20).Where(o => o.Skills.Count >= 10).Take(count)];
    }

    private static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("COACH_REPO") is { Length: > 0 } repository)
        {
            return repository;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coach.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Coach.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository.");
    }
}
