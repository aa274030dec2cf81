using Matching.Engine.Hosting;
using Matching.Engine.Ingest;

namespace Matching.Engine.Tests.Ingest;

/// <summary>The occupation classifier trained once per test run (kept in the repository's untracked data/cache between runs).</summary>
internal static class ClassifierFixture
{
    private static readonly Lazy<OfferOccupationClassifier> s_classifier = new(() =>
        OfferOccupationClassifier.LoadOrTrain(TaxonomyFixture.Taxonomy, CacheDirectory, File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "SHA256SUMS")), OffersByRome));

    /// <summary>The 2021 offers per ROME code, the classifier's market prior.</summary>
    public static IReadOnlyDictionary<string, int> OffersByRome => Geography.TestData.Market.OfferCounts.TotalsByRome;

    public static string CacheDirectory => ReferenceDataProvider.RepositoryPath(Path.Combine("data", "cache", "tests"), AppContext.BaseDirectory);

    public static OfferOccupationClassifier Classifier => s_classifier.Value;

    public static OfferDocumentBuilder Builder() => new(TaxonomyFixture.Taxonomy, IngestTestData.ResolvePlace, () => Classifier);
}
