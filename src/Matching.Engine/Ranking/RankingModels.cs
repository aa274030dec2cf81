using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

namespace Matching.Engine.Ranking;

/// <summary>What a saved model is: its version, its features, how it was trained and how it did on the held-out split.</summary>
/// <param name="Kind">"ranking" (offers) or "advice".</param>
/// <param name="Active">True when it beat the hand-tuned order on the held-out split: only then is it used.</param>
public sealed record RankingModelCard(
    string Kind,
    int Version,
    int FeatureVersion,
    IReadOnlyList<string> Features,
    DateTimeOffset TrainedAt,
    RankingTrainingOptions Options,
    object Dataset,
    RankingEvaluation Evaluation,
    bool Active);

/// <summary>A loaded model with its card, ready to score.</summary>
public sealed class LoadedRankingModel(RankingModelCard card, MLContext context, ITransformer model)
{
    private readonly Lock _lock = new();

    public RankingModelCard Card { get; } = card;

    /// <summary>Scores feature vectors (thread-safe; one small batch per call).</summary>
    public float[] Score(IReadOnlyList<float[]> features)
    {
        lock (_lock)
        {
            return RankingTrainer.Predict(context, model, features, Card.Features.Count);
        }
    }
}

/// <summary>
/// Versioned models under a folder (<c>data/models</c> by default): <c>{kind}-v{N}.zip</c> (the ML.NET model) beside
/// <c>{kind}-v{N}.json</c> (its card). Every training saves a new version, won or lost, so the record of what was tried
/// stays; the engine reads the latest version and uses it only when its card says it beat the hand-tuned order.
/// </summary>
public static class RankingModels
{
    public const string Offers = "ranking";
    public const string Advice = "advice";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Saves a trained model as the next version; returns its card and where it went.</summary>
    public static (RankingModelCard Card, string ModelPath) Save(
        string directory, string kind, TrainedRanking trained, int featureVersion, IReadOnlyList<string> features,
        RankingTrainingOptions options, object dataset, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(trained);
        if (trained.Model is null || trained.Schema is null)
        {
            throw new InvalidOperationException("Nothing was trained: " + trained.Evaluation.Decision);
        }
        Directory.CreateDirectory(directory);
        var version = Versions(directory, kind).DefaultIfEmpty(0).Max() + 1;
        var card = new RankingModelCard(kind, version, featureVersion, features, at, options, dataset, trained.Evaluation, trained.Evaluation.BeatsBaseline);
        var modelPath = Path.Combine(directory, FileName(kind, version, "zip"));
        trained.Context.Model.Save(trained.Model, trained.Schema, modelPath);
        // The card last: a version without a card is ignored, so a crash in between leaves no half model in use.
        File.WriteAllText(Path.Combine(directory, FileName(kind, version, "json")), JsonSerializer.Serialize(card, s_json));
        return (card, modelPath);
    }

    /// <summary>The latest version's card, or null when none was saved.</summary>
    public static RankingModelCard? LatestCard(string directory, string kind)
    {
        var latest = Versions(directory, kind).DefaultIfEmpty(0).Max();
        return latest == 0 ? null : ReadCard(Path.Combine(directory, FileName(kind, latest, "json")));
    }

    /// <summary>
    /// The latest version when it is active and of the expected feature version; null otherwise (no model, a model that
    /// lost, or one trained on other features): then the hand-tuned order stands.
    /// </summary>
    public static LoadedRankingModel? LoadActive(string directory, string kind, int featureVersion, int seed = 0)
    {
        var card = LatestCard(directory, kind);
        if (card is null || !card.Active || card.FeatureVersion != featureVersion)
        {
            return null;
        }
        var context = new MLContext(seed);
        using var stream = File.OpenRead(Path.Combine(directory, FileName(kind, card.Version, "zip")));
        var model = context.Model.Load(stream, out _);
        return new LoadedRankingModel(card, context, model);
    }

    private static RankingModelCard? ReadCard(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        // Dataset is free-form (its shape differs per kind): kept as raw JSON.
        return new RankingModelCard(
            root.GetProperty("kind").GetString()!,
            root.GetProperty("version").GetInt32(),
            root.GetProperty("featureVersion").GetInt32(),
            root.GetProperty("features").Deserialize<string[]>(s_json)!,
            root.GetProperty("trainedAt").GetDateTimeOffset(),
            root.GetProperty("options").Deserialize<RankingTrainingOptions>(s_json)!,
            root.GetProperty("dataset").Clone(),
            root.GetProperty("evaluation").Deserialize<RankingEvaluation>(s_json)!,
            root.GetProperty("active").GetBoolean());
    }

    /// <summary>Versions that have a card (a zip alone is a save cut short).</summary>
    private static IEnumerable<int> Versions(string directory, string kind)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        var prefix = kind + "-v";
        foreach (var path in Directory.EnumerateFiles(directory, kind + "-v*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && File.Exists(Path.Combine(directory, FileName(kind, version, "zip"))))
            {
                yield return version;
            }
        }
    }

    private static string FileName(string kind, int version, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-v{version}.{extension}");
}
