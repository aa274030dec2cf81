using System.Text.Json;
using Coach.Api.Cli;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing.Embedded;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Coach.Api.Tests.Cli;

/// <summary><c>coach import offers PATH</c> on real-format France Travail offers: a folder with a JSON array and NDJSON.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-import-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Offer(string id, string? title, string romeCode = "N1103") => JsonSerializer.Serialize(new
    {
        id,
        intitule = title,
        description = "Préparation de commandes avec lecteur de codes-barres. Conduite de chariot élévateur. Permis B apprécié.",
        romeCode,
        lieuTravail = new { libelle = "74 - ANNECY", latitude = 45.899, longitude = 6.129, codePostal = "74000", commune = "74010" },
        typeContrat = "CDI",
        competences = new[] { new { code = "300645", libelle = "Préparer les commandes en suivant les procédures", exigence = "E" } },
    });

    private async Task<(int Code, string Output)> ImportAsync(string path, params string[] more)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        // One line per message, as a wide terminal shows it.
        console.Profile.Width = 1000;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coach:DataPath"] = ReferenceDataProvider.RepositoryPath("../shared/data", AppContext.BaseDirectory),
            ["Coach:CachePath"] = ReferenceDataProvider.RepositoryPath(Path.Combine("data", "cache", "tests"), AppContext.BaseDirectory),
        }).Build();
        var code = await ImportCommand.RunAsync(["import", "offers", path, "--store", Path.Combine(_root, "coach.db"), .. more], configuration, console);
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_folder_of_a_json_array_and_ndjson_is_imported_idempotently_with_the_apis_report_and_a_summary()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.json"), $"[{Offer("IMP1", "Préparateur de commandes (H/F)")},{Offer("IMP2", "Cariste (H/F)", "N1101")}]");
        // The second file repeats IMP1 and has one offer without its title.
        await File.WriteAllTextAsync(Path.Combine(folder, "b.ndjson"), $"{Offer("IMP3", "Magasinier (H/F)", "N1103")}\n{Offer("IMP4", null)}\n{Offer("IMP1", "Préparateur de commandes (H/F)")}\n");
        var report = Path.Combine(_root, "report.json");

        var (code, output) = await ImportAsync(folder, "--report", report);

        Assert.Equal(3, code);
        Assert.Contains("3 created, 1 updated, 1 invalid", output, StringComparison.Ordinal);
        Assert.Contains("occupation unknown 0", output, StringComparison.Ordinal);
        Assert.Contains("OfferCode 4", output, StringComparison.Ordinal);
        // The invalid item is named with its field, as the API names it.
        Assert.Contains("IMP4", output, StringComparison.Ordinal);
        Assert.Contains("intitule", output, StringComparison.Ordinal);
        var answers = JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement;
        var second = answers.GetProperty(Path.Combine(folder, "b.ndjson"));
        Assert.Equal(["created", "invalid", "updated"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!.ToLowerInvariant()));

        // Again: every valid offer is an update, nothing is created twice.
        var (_, again) = await ImportAsync(folder);
        Assert.Contains("0 created, 4 updated, 1 invalid", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_without_offers_is_refused_with_the_usage()
    {
        var (code, output) = await ImportAsync(Path.Combine(_root, "nothing-here"));

        Assert.Equal(2, code);
        Assert.Contains("No offers at", output, StringComparison.Ordinal);
    }
}
