using Matching.Engine.Geography;
using Matching.Engine.Market;

namespace Matching.Engine.Tests.Geography;

/// <summary>
/// The shared reference data folder: <c>COACH_DATA</c> when set, else <c>../shared/data</c> next to
/// the checkout (the folder holding <c>Coach.sln</c>). Loaded data is shared: it is immutable.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> s_dataPath = new(FindDataPath);
    private static readonly Lazy<GeographyData> s_geography = new(() => GeographyData.Load(DataPath));
    private static readonly Lazy<MarketData> s_market = new(() => MarketData.Load(DataPath));

    public static string DataPath => s_dataPath.Value;

    public static GeographyData Geography => s_geography.Value;

    public static MarketData Market => s_market.Value;

    private static string FindDataPath()
    {
        if (Environment.GetEnvironmentVariable("COACH_DATA") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coach.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }
        throw new DirectoryNotFoundException(
            $"No Coach.sln above {AppContext.BaseDirectory}: set COACH_DATA to the reference data folder.");
    }
}
