using System.Diagnostics;
using System.Text.Json;
using Matching.Engine.Data;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Ingest;
using Spectre.Console;

namespace Coach.Api.Cli;

/// <summary>
/// <c>coach import offers PATH [--store PATH] [--report FILE]</c>: offers from a JSON array, NDJSON, or a folder of them
/// (France Travail's Offres d'emploi v2 or Coach's schema) into the embedded store, with a progress bar. Idempotent by id;
/// each item gets the API's answer (created, updated, invalid with the fields at fault), written whole with
/// <c>--report</c>; ends with a summary: created, updated, invalid, occupation unknown, skills by source.
/// </summary>
public static class ImportCommand
{
    private const string Usage = "Usage: coach import offers PATH [--store PATH] [--report FILE]   (PATH: a .json array, an .ndjson file, or a folder of them)";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "import";

    /// <summary>What an import did, summed over its files.</summary>
    public sealed record Summary(int Created, int Updated, int Invalid, int Failed, int OccupationUnknown, IReadOnlyDictionary<SkillSource, int> SkillsBySource);

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        if (args.Length < 3 || args[1] != "offers")
        {
            console.MarkupLineInterpolated($"[red]{Usage}[/]");
            return 2;
        }
        var path = args[2];
        string? store = null, report = null;
        if (CliSetup.ReadOptions(console, args, 3, Usage, (option, value) =>
            {
                switch (option)
                {
                    case "--store": store = value(); return true;
                    case "--report": report = value(); return true;
                    default: return false;
                }
            }) is { } exit)
        {
            return exit;
        }
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]No offers at {path}:[/] give a .json, .ndjson or .jsonl file, or a folder of them.");
            return 2;
        }

        if (CliSetup.Load(console, configuration, store) is not { } loaded)
        {
            return 1;
        }
        var (data, storePath) = loaded;

        var watch = Stopwatch.StartNew();
        using var index = CliSetup.OpenIndex(storePath, data);
        var builder = new OfferDocumentBuilder(data.Taxonomy, PlaceResolvers.From(data.Geography), () => data.OccupationClassifier.Value);
        var answers = new List<(string File, IngestResponse Response)>();
        int occupationUnknown = 0;
        var bySource = Enum.GetValues<SkillSource>().ToDictionary(s => s, _ => 0);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                foreach (var file in files)
                {
                    await using var stream = File.OpenRead(file);
                    var task = context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: Math.Max(1, stream.Length));
                    async IAsyncEnumerable<IngestOutcome<OfferDocument>> Read()
                    {
                        await foreach (var outcome in builder.BuildAsync(stream))
                        {
                            if (outcome.Document is { } document)
                            {
                                occupationUnknown += document.RomeCode is null ? 1 : 0;
                                foreach (var skill in document.Skills)
                                {
                                    bySource[skill.Source]++;
                                }
                            }
                            task.Value = stream.Position;
                            yield return outcome;
                        }
                    }
                    // The loop of POST /api/offers: the same per-item answers, batches durable before they are answered.
                    answers.Add((file, await BulkIngest.RunAsync(Read(), index.UpsertOffersAsync, o => o.Id, CancellationToken.None)));
                    task.Value = task.MaxValue;
                }
            });

        foreach (var (file, response) in answers)
        {
            foreach (var item in response.Items.Where(i => i.Status is IngestStatus.Invalid or IngestStatus.Failed).Take(20))
            {
                var errors = string.Join("; ", (item.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"));
                console.MarkupLineInterpolated($"[yellow]{Path.GetFileName(file)} #{item.Index} {item.Id ?? "(no id)"}[/] {item.Status}: {errors}");
            }
        }
        if (report is not null)
        {
            var json = answers.Count == 1
                ? JsonSerializer.Serialize(answers[0].Response, ReportJson)
                : JsonSerializer.Serialize(answers.ToDictionary(a => a.File, a => a.Response), ReportJson);
            await File.WriteAllTextAsync(report, json);
        }
        var summary = new Summary(answers.Sum(a => a.Response.Created), answers.Sum(a => a.Response.Updated), answers.Sum(a => a.Response.Invalid),
            answers.Sum(a => a.Response.Failed), occupationUnknown, bySource);
        console.MarkupLineInterpolated($"[green]Done[/] in {watch.Elapsed.TotalSeconds:F1} s, {files.Count} file(s) into {storePath}: {summary.Created:N0} created, {summary.Updated:N0} updated, {summary.Invalid:N0} invalid{(summary.Failed > 0 ? $", {summary.Failed:N0} failed" : "")}; occupation unknown {summary.OccupationUnknown:N0}; skills by source: {string.Join(", ", summary.SkillsBySource.Select(p => $"{p.Key} {p.Value:N0}"))}.");
        return summary.Invalid + summary.Failed > 0 ? 3 : 0;
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

}
