namespace Matching.Engine.Indexing;

/// <summary>
/// Distance bands: the candidate-search facet, and what a recruiter sees instead of a distance
/// (an exact distance from a chosen centre would locate a seeker's home).
/// </summary>
public static class DistanceBands
{
    public const string Unknown = "unknown";

    /// <summary>Every band, nearest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["0-10", "10-25", "25-50", "50+", Unknown];

    public static int IndexOf(double? km) => km switch
    {
        null => 4,
        < 10 => 0,
        < 25 => 1,
        < 50 => 2,
        _ => 3,
    };

    public static string Of(double? km) => All[IndexOf(km)];

    /// <summary>The lower bound of the band of <paramref name="km"/> (0, 10, 25 or 50 km), null when unknown: the only distance a recruiter's score may use.</summary>
    public static double? Floor(double? km) => IndexOf(km) switch
    {
        0 => 0,
        1 => 10,
        2 => 25,
        3 => 50,
        _ => null,
    };
}
