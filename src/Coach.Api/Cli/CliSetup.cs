using System.Globalization;
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
            commune => data.Geography.EmploymentAreaOf(commune)?.Code, area => data.Geography.EmploymentArea(area)?.Name, data.PlaceAreas);

    /// <summary>
    /// Reads the <c>--name value</c> and <c>--flag</c> options of <paramref name="args"/> from <paramref name="start"/>:
    /// <paramref name="apply"/> takes each option's name and a reader of its value, and says whether it knows the option.
    /// Null when every option was read; else the exit code (0 after <c>--help</c>, 2 after an unknown option or a bad or
    /// missing value, the reason said on the console with <paramref name="usage"/>).
    /// </summary>
    public static int? ReadOptions(IAnsiConsole console, string[] args, int start, string usage, Func<string, Func<string>, bool> apply)
    {
        for (var i = start; i < args.Length; i++)
        {
            var option = args[i];
            if (option is "--help" or "-h")
            {
                console.WriteLine(usage);
                return 0;
            }
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            try
            {
                if (!apply(option, Value))
                {
                    console.MarkupLineInterpolated($"[red]Unknown option {option}.[/] {usage}");
                    return 2;
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                console.MarkupLineInterpolated($"[red]{e.Message}[/] {usage}");
                return 2;
            }
        }
        return null;
    }

    /// <summary>An option's whole-number value; a <see cref="FormatException"/> names the option when it is not one.</summary>
    public static int Number(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{option} needs a whole number, not '{value}'.");
}
