using System.Diagnostics;
using Matching.Engine.Data;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Hosting;

/// <summary>Everything Coach loads from the reference data folder, immutable once built.</summary>
public sealed class ReferenceData
{
    public required string DataPath { get; init; }
    public required SkillsTaxonomy Taxonomy { get; init; }
    public required TimeSpan LoadTime { get; init; }

    /// <summary>Verifies the folder (cached per content) and loads it.</summary>
    public static ReferenceData Load(string dataPath, string? cacheDirectory = null)
    {
        var watch = Stopwatch.StartNew();
        DataFolder.Verify(dataPath, cacheDirectory);
        var taxonomy = TaxonomyLoader.Load(dataPath);
        return new ReferenceData { DataPath = dataPath, Taxonomy = taxonomy, LoadTime = watch.Elapsed };
    }
}
