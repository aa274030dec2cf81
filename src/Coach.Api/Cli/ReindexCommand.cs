using System.Diagnostics;
using System.Globalization;
using Matching.Elasticsearch;
using Matching.Engine.Data;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace Coach.Api.Cli;

/// <summary>
/// <c>coach reindex --to elasticsearch [--url URL] [--api-key KEY] [--store PATH] [--batch N] [--restart]</c>: copies the
/// embedded store into an Elasticsearch cluster (the <c>Coach:Index:Elasticsearch</c> configuration, or the options),
/// with a progress bar. It resumes where a stopped copy stopped (checkpoint in <c>Coach:CachePath</c>).
/// </summary>
public static class ReindexCommand
{
    private const string Usage = "Usage: coach reindex --to elasticsearch [--url URL] [--api-key KEY] [--store PATH] [--batch N] [--restart]";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "reindex";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        string? to = null, url = null, apiKey = null, store = null;
        var batch = 1_000;
        var restart = false;
        if (CliSetup.ReadOptions(AnsiConsole.Console, args, 1, Usage, (option, value) =>
            {
                switch (option)
                {
                    case "--to": to = value(); return true;
                    case "--url": url = value(); return true;
                    case "--api-key": apiKey = value(); return true;
                    case "--store": store = value(); return true;
                    case "--batch": batch = CliSetup.Number(option, value()); return true;
                    case "--restart": restart = true; return true;
                    default: return false;
                }
            }) is { } exit)
        {
            return exit;
        }
        if (!string.Equals(to, "elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]--to elasticsearch is required[/] (the only target). {Usage}");
            return 2;
        }
        if (batch is < 1 or > 10_000)
        {
            AnsiConsole.MarkupLine("[red]--batch must be between 1 and 10000.[/]");
            return 2;
        }
        var options = new ElasticsearchIndexOptions();
        configuration.GetSection(ElasticsearchIndexOptions.Section).Bind(options);
        options.Url = url ?? options.Url;
        options.ApiKey = apiKey ?? options.ApiKey;
        // A bulk load does not wait for each batch to become searchable; one refresh at the end.
        options.Refresh = "False";
        var invalid = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), invalid, validateAllProperties: true))
        {
            foreach (var error in invalid)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{error.ErrorMessage}[/] (set Coach:Index:Elasticsearch:Url or --url)");
            }
            return 2;
        }

        ReferenceData data;
        string storePath, cachePath;
        try
        {
            var dataPath = DataFolder.Resolve(configuration["Coach:DataPath"] ?? configuration["COACH_DATA"]);
            storePath = Path.GetFullPath(store ?? CliSetup.RepositoryPath(configuration["Coach:StorePath"] ?? "data/coach.db"));
            cachePath = CliSetup.RepositoryPath(configuration["Coach:CachePath"] ?? "data/cache");
            data = AnsiConsole.Status().Start("Loading reference data…", _ => ReferenceData.Load(dataPath, cachePath));
        }
        catch (ReferenceDataException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        if (!File.Exists(storePath))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No embedded store at {storePath}[/] (--store PATH).");
            return 1;
        }

        using var source = EmbeddedMatchIndex.Open(storePath, data.Taxonomy,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code, area => data.Geography.EmploymentArea(area)?.Name, data.PlaceAreas);
        await using var target = ElasticsearchMatchIndex.Start(options, data.Taxonomy, source.Graph,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code, area => data.Geography.EmploymentArea(area)?.Name, NullLogger.Instance, data.PlaceAreas);
        var opened = await AnsiConsole.Status().StartAsync($"Contacting Elasticsearch at {options.Url ?? options.CloudId}…", _ => target.WaitUntilOpenAsync(TimeSpan.FromSeconds(60)));
        if (!opened)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{target.Health.Detail}[/]");
            return 1;
        }

        var key = CoachHash($"{options.Url}{options.CloudId}|{options.IndexPrefix}|{storePath}");
        var checkpoint = Path.Combine(cachePath, $"reindex-elasticsearch-{key}.json");
        if (restart && File.Exists(checkpoint))
        {
            File.Delete(checkpoint);
        }
        var reindex = new Reindex(source, target, checkpoint, batch);
        var resumed = reindex.Load();
        if (resumed != ReindexCheckpoint.Start)
        {
            AnsiConsole.MarkupLineInterpolated($"Resuming: {resumed.OffersCopied:N0} offers and {resumed.ProfilesCopied:N0} profiles already copied ([grey]--restart[/] to start over).");
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var watch = Stopwatch.StartNew();
        try
        {
            var done = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var counts = await source.CountAsync();
                    var offers = context.AddTask($"Offers ({counts.Offers:N0})", maxValue: Math.Max(1, counts.Offers));
                    var profiles = context.AddTask($"Profiles ({counts.Profiles:N0})", maxValue: Math.Max(1, counts.Profiles));
                    var progress = new InlineProgress(p => (p.Side == "offers" ? offers : profiles).Value = Math.Max(1, p.Copied + p.Refused));
                    var result = await reindex.RunAsync(progress, cancel.Token);
                    offers.Value = offers.MaxValue;
                    profiles.Value = profiles.MaxValue;
                    return result;
                });
            await target.RefreshAsync();
            var counts = await target.CountAsync();
            AnsiConsole.MarkupLineInterpolated($"[green]Done[/] in {watch.Elapsed.TotalSeconds:F1} s: {done.OffersCopied:N0} offers and {done.ProfilesCopied:N0} profiles copied; the cluster holds {counts.Offers:N0} offers and {counts.Profiles:N0} profiles.");
            foreach (var refused in reindex.RefusedItems.Take(20))
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]refused[/] {refused}");
            }
            if (done.Refused > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{done.Refused:N0} item(s) refused by the cluster[/] (listed above, first 20).");
            }
            AnsiConsole.MarkupLine("Start Coach with [bold]Coach__Index__Kind=Elasticsearch[/] to serve from the cluster.");
            return done.Refused > 0 ? 3 : 0;
        }
        catch (Exception e) when (e is OperationCanceledException or IndexUnavailableException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Stopped:[/] {e.Message} Run the same command again to resume from the last batch.");
            return 1;
        }
    }

    private static string CoachHash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];


    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }
}
