using Matching.Engine.Data;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests;

/// <summary>The real reference data, loaded once for every test that needs it.</summary>
public sealed class TaxonomyFixture
{
    private static readonly Lazy<string> s_dataPath = new(() => DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory));
    private static readonly Lazy<SkillsTaxonomy> s_taxonomy = new(() => TaxonomyLoader.Load(DataPath));

    public static string DataPath => s_dataPath.Value;

    public static SkillsTaxonomy Taxonomy => s_taxonomy.Value;
}
