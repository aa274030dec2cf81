using Matching.Engine.Data;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing.Embedded;
using Spectre.Console;

namespace Coach.Api.Cli;

/// <summary>What the <c>coach</c> commands that work on the embedded store share: paths, the reference data, the index.</summary>
internal static class CliSetup
{
    /// <summary>A configured path, relative paths taken from the repository root as the server does.</summary>
    public static string RepositoryPath(string path) => ReferenceDataProvider.RepositoryPath(path, Directory.GetCurrentDirectory());

    /// <summary>
    /// The reference data (<c>Coach:DataPath</c>, cached under <c>Coach:CachePath</c>) and the store's full path
    /// (<paramref name="store"/>, else <c>Coach:StorePath</c>); null when the data cannot load, the reason said on the console.
    /// </summary>
    public static (ReferenceData Data, string StorePath)? Load(IAnsiConsole console, IConfiguration configuration, string? store)
    {
        try
        {
            var dataPath = DataFolder.Resolve(configuration["Coach:DataPath"] ?? configuration["COACH_DATA"]);
            var storePath = Path.GetFullPath(store ?? RepositoryPath(configuration["Coach:StorePath"] ?? "data/coach.db"));
            var data = console.Status().Start("Loading reference data…", _ => ReferenceData.Load(dataPath, RepositoryPath(configuration["Coach:CachePath"] ?? "data/cache")));
            return (data, storePath);
        }
        catch (ReferenceDataException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return null;
        }
    }

    /// <summary>The embedded index over the store, with the employment areas of the reference data.</summary>
    public static EmbeddedMatchIndex OpenIndex(string storePath, ReferenceData data) =>
        EmbeddedMatchIndex.Open(storePath, data.Taxonomy,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code, area => data.Geography.EmploymentArea(area)?.Name);
}
