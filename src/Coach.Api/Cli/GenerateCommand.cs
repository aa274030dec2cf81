using System.Diagnostics;
using Matching.Engine.Corpus;
using Matching.Engine.Data;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Spectre.Console;

namespace Coach.Api.Cli;

/// <summary>
/// <c>coach generate --offers N --profiles M --seed S [--store PATH]</c>: writes a generated corpus
/// (real proportions of offers per commune and ROME code) into the embedded store, with a progress bar.
/// </summary>
public static class GenerateCommand
{
    private const int Batch = 2_000;
    private const string Usage = "Usage: coach generate --offers N --profiles M --seed S [--store PATH]";
    private const string FeedbackUsage = "Usage: coach generate feedback --preference permanent|near|none --seekers N --seed S [--store PATH]";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "generate";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args.Length > 1 && args[1] == "feedback")
        {
            return await FeedbackAsync(args, configuration);
        }
        int offers = 20_000, profiles = 5_000, seed = 42;
        string? store = null;
        if (CliSetup.ReadOptions(AnsiConsole.Console, args, 1, Usage, (option, value) =>
            {
                switch (option)
                {
                    case "--offers": offers = CliSetup.Number(option, value()); return true;
                    case "--profiles": profiles = CliSetup.Number(option, value()); return true;
                    case "--seed": seed = CliSetup.Number(option, value()); return true;
                    case "--store": store = value(); return true;
                    default: return false;
                }
            }) is { } exit)
        {
            return exit;
        }
        if (offers < 0 || profiles < 0)
        {
            AnsiConsole.MarkupLine("[red]--offers and --profiles must be zero or more.[/]");
            return 2;
        }

        if (CliSetup.Load(AnsiConsole.Console, configuration, store) is not { } loaded)
        {
            return 1;
        }
        var (data, storePath) = loaded;

        var watch = Stopwatch.StartNew();
        using var index = CliSetup.OpenIndex(storePath, data);
        var generator = new CorpusGenerator(data.Taxonomy, CorpusSources.From(data.Geography, data.Market.OfferCounts), seed);
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var offerTask = context.AddTask($"Offers ({offers:N0})", maxValue: Math.Max(1, offers));
                foreach (var batch in generator.Offers(offers).Chunk(Batch))
                {
                    await index.UpsertOffersAsync(batch);
                    offerTask.Increment(batch.Length);
                }
                offerTask.Value = offerTask.MaxValue;
                var profileTask = context.AddTask($"Profiles ({profiles:N0})", maxValue: Math.Max(1, profiles));
                foreach (var batch in generator.Profiles(profiles).Chunk(Batch))
                {
                    await index.UpsertProfilesAsync(batch);
                    profileTask.Increment(batch.Length);
                }
                profileTask.Value = profileTask.MaxValue;
            });
        var counts = await index.CountAsync();
        AnsiConsole.MarkupLineInterpolated($"[green]Done[/] in {watch.Elapsed.TotalSeconds:F1} s: the store {storePath} holds {counts.Offers:N0} offers and {counts.Profiles:N0} profiles (seed {seed}).");
        return 0;
    }

    /// <summary>
    /// <c>coach generate feedback --preference permanent|near|none --seekers N --seed S [--store PATH]</c>: generated
    /// advisers with a planted preference are shown the top 20 offers of N generated seekers, grade them, and generated
    /// recruiters ask for contact (impressions, reviews, contact requests in the store), so that <c>coach train ranking</c>
    /// can be tried end to end. For a scratch store: reviews are append-only, these stay.
    /// </summary>
    private static async Task<int> FeedbackAsync(string[] args, IConfiguration configuration)
    {
        int seekers = 600, seed = 5;
        string preferenceName = "permanent";
        string? store = null;
        if (CliSetup.ReadOptions(AnsiConsole.Console, args, 2, FeedbackUsage, (option, value) =>
            {
                switch (option)
                {
                    case "--seekers": seekers = CliSetup.Number(option, value()); return true;
                    case "--seed": seed = CliSetup.Number(option, value()); return true;
                    case "--preference": preferenceName = value(); return true;
                    case "--store": store = value(); return true;
                    default: return false;
                }
            }) is { } exit)
        {
            return exit;
        }
        if (PlantedPreference.Named(preferenceName) is not { } preference || seekers < 1)
        {
            AnsiConsole.MarkupLine("[red]--preference is permanent, near or none; --seekers at least 1.[/]");
            return 2;
        }
        if (CliSetup.Load(AnsiConsole.Console, configuration, store) is not { } loaded)
        {
            return 1;
        }
        var (data, storePath) = loaded;
        using var index = CliSetup.OpenIndex(storePath, data);
        using var impressions = new ImpressionLog(storePath);
        using var reviews = new ReviewStore(storePath);
        var contacts = new ContactRequests(new PrivacyDatabase(storePath), TimeProvider.System);
        var profiles = new CorpusGenerator(data.Taxonomy, CorpusSources.From(data.Geography, data.Market.OfferCounts), seed).Profiles(seekers);
        var summary = await AnsiConsole.Status().StartAsync($"Advisers who {preference.Description}…", _ =>
            new FeedbackGenerator(index, OfferRanking.Tension(data), seed)
                .GenerateAsync(profiles, preference, impressions, reviews, contacts));
        AnsiConsole.MarkupLineInterpolated($"[green]Done[/]: {summary.SeekersShown:N0} of {summary.Seekers:N0} seekers shown offers, {summary.Impressions:N0} impressions, {summary.OfferGrades:N0} grades, {summary.ContactRequests:N0} contact requests ({summary.Accepted:N0} accepted) in {storePath}.");
        return 0;
    }

}
