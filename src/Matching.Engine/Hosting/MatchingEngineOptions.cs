using System.ComponentModel.DataAnnotations;

namespace Matching.Engine.Hosting;

/// <summary>Configuration section <c>Coach</c>.</summary>
public sealed class MatchingEngineOptions
{
    public const string Section = "Coach";

    /// <summary>Reference data folder (environment <c>COACH_DATA</c>); defaults to ../shared/data when present.</summary>
    public string? DataPath { get; set; }

    /// <summary>The embedded store (SQLite file); default <c>data/coach.db</c> under the content root.</summary>
    public string StorePath { get; set; } = "data/coach.db";

    /// <summary>Where Coach keeps what it can recompute (the data folder verification marker).</summary>
    public string CachePath { get; set; } = "data/cache";

    /// <summary>
    /// Where what Coach derives from the reference data alone is kept (the ROME 4.0 - ESCO alignment, the occupation
    /// classifier), keyed by the data and the build, so instances may share it; default <see cref="CachePath"/>.
    /// </summary>
    public string? ReferenceCachePath { get; set; }

    /// <summary>Where <c>coach train</c> saves the versioned ranking models, and the engine reads the latest.</summary>
    public string ModelPath { get; set; } = "data/models";

    /// <summary>Offers generated into an empty store at first start, so a newcomer sees matches at once (0 to disable).</summary>
    [Range(0, 2_000_000)]
    public int SeedOffers { get; set; } = 20_000;

    /// <summary>Profiles generated into an empty store at first start (0 to disable).</summary>
    [Range(0, 2_000_000)]
    public int SeedProfiles { get; set; } = 5_000;

    /// <summary>Seekers' pages of matches kept between reads (<see cref="Seekers.SeekerMatchPages"/>; 0: computed every time).</summary>
    [Range(0, 1_000_000)]
    public int MatchPagesKept { get; set; } = Seekers.SeekerMatchPages.DefaultCapacity;

    /// <summary>Seed of the first-start corpus.</summary>
    public int SeedRandom { get; set; } = 42;
}
