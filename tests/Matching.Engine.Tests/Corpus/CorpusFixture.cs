using Matching.Engine.Corpus;

namespace Matching.Engine.Tests.Corpus;

/// <summary>The generator's real inputs (communes, offer counts), read once for every test.</summary>
public static class CorpusFixture
{
    private static readonly Lazy<CorpusSources> s_sources = new(() => CorpusSources.Load(TaxonomyFixture.DataPath));

    public static CorpusSources Sources => s_sources.Value;

    public static CorpusGenerator Generator(int seed) => new(TaxonomyFixture.Taxonomy, Sources, seed);
}
