using System.Diagnostics;
using Matching.Engine.Data;
using Matching.Engine.Geography;
using Matching.Engine.Ingest;
using Matching.Engine.Market;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Hosting;

/// <summary>Everything Coach loads from the reference data folder, immutable once built.</summary>
public sealed class ReferenceData
{
    public required string DataPath { get; init; }
    public required SkillsTaxonomy Taxonomy { get; init; }
    public required GeographyData Geography { get; init; }
    public required MarketData Market { get; init; }
    public required TaxonomySearch Search { get; init; }
    /// <summary>Free-text job titles read as ESCO occupations with their ROME codes (profile entry).</summary>
    public required TitleUnderstanding Titles { get; init; }
    /// <summary>Free-text job titles read as ROME 4.0 job titles (appellations), the words of real offers.</summary>
    public required AppellationSearch Appellations { get; init; }
    public required PlaceSearch Places { get; init; }

    /// <summary>The ground of départements and régions, for offers given by one of them (built from <see cref="Geography"/> on first use when not set).</summary>
    public PlaceAreaMap PlaceAreas
    {
        get => LazyInitializer.EnsureInitialized(ref _placeAreas, () => new PlaceAreaMap(Geography));
        init => _placeAreas = value;
    }

    private PlaceAreaMap? _placeAreas;
    /// <summary>
    /// Ranks ROME 4.0 codes for offers that carry none: built and trained (seconds) on first use, then kept
    /// in the cache folder; <see cref="ReferenceDataProvider"/> starts it in the background once the data is loaded.
    /// </summary>
    public required Lazy<OfferOccupationClassifier> OccupationClassifier { get; init; }
    public required TimeSpan LoadTime { get; init; }

    /// <summary>Verifies the folder (cached per content) and loads it; independent parts load in parallel.</summary>
    public static ReferenceData Load(string dataPath, string? cacheDirectory = null)
    {
        var watch = Stopwatch.StartNew();
        DataFolder.Verify(dataPath, cacheDirectory);
        var geography = Task.Run(() =>
        {
            var g = GeographyData.Load(dataPath);
            return (Geography: g, Places: new PlaceSearch(g), Areas: new PlaceAreaMap(g));
        });
        var market = Task.Run(() => MarketData.Load(dataPath));
        var taxonomy = TaxonomyLoader.Load(dataPath, cacheDirectory);
        var titles = Task.Run(() => new TitleUnderstanding(taxonomy));
        var appellations = Task.Run(() => new AppellationSearch(taxonomy));
        var search = new TaxonomySearch(taxonomy);
        return new ReferenceData
        {
            DataPath = dataPath,
            Taxonomy = taxonomy,
            Geography = geography.Result.Geography,
            Market = market.Result,
            Search = search,
            Titles = titles.Result,
            Appellations = appellations.Result,
            Places = geography.Result.Places,
            PlaceAreas = geography.Result.Areas,
            OccupationClassifier = new(() => OfferOccupationClassifier.LoadOrTrain(taxonomy, cacheDirectory, DataKey(dataPath), market.Result.OfferCounts.TotalsByRome)),
            LoadTime = watch.Elapsed,
        };
    }

    private static string? DataKey(string dataPath)
    {
        var sums = Path.Combine(dataPath, "SHA256SUMS");
        return File.Exists(sums) ? File.ReadAllText(sums) : null;
    }
}
