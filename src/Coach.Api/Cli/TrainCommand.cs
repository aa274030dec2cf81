using System.Globalization;
using Matching.Engine.Hosting;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Spectre.Console;

namespace Coach.Api.Cli;

/// <summary>
/// <c>coach train ranking|advice [--store PATH] [--models PATH] [--seed S]</c>: trains the offer ranking (impressions,
/// advisers' offer grades, contact requests) or the advice ranking (advisers' advice reviews) from the store, evaluates
/// it on the held-out split against the hand-tuned order (nDCG@10), and saves a new versioned model; the engine uses it
/// only when it won. Deterministic: the same store and seed give the same model and figures.
/// </summary>
public static class TrainCommand
{
    private const string Usage = "Usage: coach train ranking|advice [--store PATH] [--models PATH] [--seed S]";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "train";

    public static int Run(string[] args, IConfiguration configuration)
    {
        if (args.Length < 2 || args[1] is not ("ranking" or "advice"))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Say what to train.[/] {Usage}");
            return 2;
        }
        var what = args[1];
        string? store = null, models = null;
        var seed = new RankingTrainingOptions().Seed;
        if (CliSetup.ReadOptions(AnsiConsole.Console, args, 2, Usage, (option, value) =>
            {
                switch (option)
                {
                    case "--store": store = value(); return true;
                    case "--models": models = value(); return true;
                    case "--seed": seed = CliSetup.Number(option, value()); return true;
                    default: return false;
                }
            }) is { } exit)
        {
            return exit;
        }
        var storePath = Path.GetFullPath(store ?? CliSetup.RepositoryPath(configuration["Coach:StorePath"] ?? "data/coach.db"));
        var modelPath = Path.GetFullPath(models ?? CliSetup.RepositoryPath(configuration["Coach:ModelPath"] ?? "data/models"));
        if (!File.Exists(storePath))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No store at {storePath}[/]: start Coach once, or pass --store.");
            return 1;
        }
        using var reviews = new ReviewStore(storePath);
        var at = DateTimeOffset.UtcNow;
        return what == "ranking" ? Ranking(storePath, modelPath, reviews, seed, at) : Advice(modelPath, reviews, seed, at);
    }

    private static int Ranking(string storePath, string modelPath, ReviewStore reviews, int seed, DateTimeOffset at)
    {
        using var impressions = new ImpressionLog(storePath);
        var contacts = new ContactRequests(new PrivacyDatabase(storePath), TimeProvider.System);
        var report = OfferRankingTraining.Run(impressions, reviews, contacts, modelPath, at, new RankingTrainingOptions(Seed: seed));
        var d = report.Dataset;
        var table = new Table().AddColumns("feedback", "count");
        table.AddRow("impressions", Count(d.Impressions));
        table.AddRow("advisers' offer grades", Count(d.OfferGrades));
        table.AddRow("contact requests", Count(d.ContactRequests));
        table.AddRow("labelled pairs never shown (unusable)", Count(d.UnshownLabels));
        table.AddRow("impressions of older features (skipped)", Count(d.OldFeatureVersion));
        table.AddRow("groups with one label only (dropped)", Count(d.FlatGroups));
        table.AddRow("training groups / examples", $"{Count(d.Groups)} / {Count(d.Examples)}");
        AnsiConsole.Write(table);
        return Report(report.Evaluation, report.Card, report.ModelPath);
    }

    private static int Advice(string modelPath, ReviewStore reviews, int seed, DateTimeOffset at)
    {
        var report = AdviceRanking.Train(reviews, modelPath, at, AdviceRanking.DefaultOptions with { Seed = seed });
        var d = report.Dataset;
        var table = new Table().AddColumns("reviews", "count");
        table.AddRow("reviews", Count(reviews.CountReviews()));
        table.AddRow("with advice reviews", Count(d.Reviews));
        table.AddRow("with the snapshot the adviser saw", Count(d.ReviewsWithSnapshot));
        table.AddRow("advice reviews", Count(d.AdviceReviews));
        table.AddRow("scores changed (raised / lowered / hidden)", $"{Count(d.Changed)} ({Count(d.Raised)} / {Count(d.Lowered)} / {Count(d.Hidden)})");
        table.AddRow("training groups / examples", $"{Count(d.Groups)} / {Count(d.Examples)}");
        AnsiConsole.Write(table);
        if (d.ChangedPerModule.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Changed per module: {string.Join(", ", d.ChangedPerModule.Select(p => $"{p.Key} {p.Value}"))}");
        }
        return Report(report.Evaluation, report.Card, report.Card is null ? null : Path.Combine(modelPath, $"advice-v{report.Card.Version}.zip"));
    }

    private static int Report(RankingEvaluation e, RankingModelCard? card, string? path)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"Held-out split: {e.TestGroups} groups ({e.TestExamples} examples); trained on {e.TrainGroups} groups ({e.TrainExamples} examples).");
        if (card is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Nothing saved[/]: {e.Decision}. The hand-tuned order stays.");
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"nDCG@10 on the held-out split: hand-tuned {e.BaselineNdcgAt10:F3}, model {e.ModelNdcgAt10:F3} ({e.Wins} groups better, {e.Losses} worse).");
        if (card.Active)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]Model v{card.Version} saved to {path} and in use[/]: {e.Decision}.");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Model v{card.Version} saved to {path}, not used[/]: {e.Decision}.");
        }
        return 0;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

}
