using System.Text.Json;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Reviews;

namespace Matching.Engine.Ranking;

/// <summary>
/// What the advice ranking model reads about one advice shown to a seeker: the engine's score and rank, which module it
/// is, the seeker's main challenge, and whether the module serves that challenge. Trees learn the module × challenge
/// interactions ("advisers raise network for a stuck market").
/// </summary>
public static class AdviceFeatures
{
    public const int Version = 1;

    private static readonly string[] s_modules = [.. AdviceEngine.Modules.Select(m => m.Id)];
    private static readonly DiagnosisCategory[] s_challenges = Enum.GetValues<DiagnosisCategory>();

    public static IReadOnlyList<string> Names { get; } =
    [
        "engine_score",
        "engine_rank",
        "serves_main_challenge",
        .. s_modules.Select(m => "module:" + m),
        .. s_challenges.Select(c => "challenge:" + c),
    ];

    public static int Count => Names.Count;

    public static float[] Compute(string moduleId, int engineScore, int engineRank, DiagnosisCategory? mainChallenge)
    {
        var features = new float[Count];
        features[0] = engineScore;
        features[1] = engineRank;
        var module = Array.IndexOf(s_modules, moduleId);
        if (module >= 0)
        {
            features[3 + module] = 1;
            features[2] = AdviceEngine.Modules[module].Category == mainChallenge ? 1 : 0;
        }
        if (mainChallenge is { } challenge)
        {
            features[3 + s_modules.Length + Array.IndexOf(s_challenges, challenge)] = 1;
        }
        return features;
    }
}

/// <summary>What the reviews held for the advice ranking.</summary>
/// <param name="AdviceReviews">Advice reviews whose module was in the snapshot the adviser saw.</param>
/// <param name="Changed">Of them, a new score other than the engine's; <paramref name="Raised"/> and <paramref name="Hidden"/> split it.</param>
/// <param name="ChangedPerModule">Changed scores per module: how much each module's learning has to go on.</param>
public sealed record AdviceDatasetSummary(
    int Reviews, int ReviewsWithSnapshot, int AdviceReviews, int Changed, int Raised, int Lowered, int Hidden,
    IReadOnlyDictionary<string, int> ChangedPerModule, int Groups, int Examples, int FlatGroups);

/// <summary>
/// Builds the advice ranking's groups from advisers' reviews: a group is one review; its items are the advice the
/// snapshot showed (engine's score and order); the label is the adviser's new score (0 hide .. 3 priority), or the
/// engine's when the adviser left it. Reviews whose labels keep the engine's order exactly teach nothing about order
/// but still count: they say the order was right. Only groups where every label is the same are dropped.
/// </summary>
public static class AdviceRankingData
{
    public static (IReadOnlyList<RankingGroup> Groups, AdviceDatasetSummary Summary) Build(IReadOnlyList<AdviceReviewRow> rows)
    {
        var groups = new List<RankingGroup>();
        int reviews = 0, withSnapshot = 0, reviewed = 0, changed = 0, raised = 0, lowered = 0, hidden = 0, flat = 0;
        var perModule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var review in rows.GroupBy(r => r.ReviewId).OrderBy(g => g.Key))
        {
            reviews++;
            var first = review.First();
            if (first.SnapshotJson is null || Read(first.SnapshotJson) is not { Advice.Count: > 0 } snapshot)
            {
                continue;
            }
            withSnapshot++;
            var newScores = review.ToDictionary(r => r.ModuleId, r => r.NewScore, StringComparer.Ordinal);
            var examples = new List<RankingExample>(snapshot.Advice.Count);
            for (var i = 0; i < snapshot.Advice.Count; i++)
            {
                var (module, score) = snapshot.Advice[i];
                var label = score;
                if (newScores.TryGetValue(module, out var adviser))
                {
                    reviewed++;
                    label = adviser;
                    if (adviser != score)
                    {
                        changed++;
                        perModule[module] = perModule.GetValueOrDefault(module) + 1;
                        if (adviser == 0)
                        {
                            hidden++;
                        }
                        else if (adviser > score)
                        {
                            raised++;
                        }
                        else
                        {
                            lowered++;
                        }
                    }
                }
                examples.Add(new RankingExample(module, first.SeekerId, AdviceFeatures.Compute(module, score, i + 1, snapshot.MainChallenge), label, score, i + 1));
            }
            if (examples.Count < 2 || examples.All(e => e.Label == examples[0].Label))
            {
                flat++;
                continue;
            }
            groups.Add(new RankingGroup("review:" + review.Key, examples));
        }
        return (groups, new AdviceDatasetSummary(reviews, withSnapshot, reviewed, changed, raised, lowered, hidden, perModule,
            groups.Count, groups.Sum(g => g.Examples.Count), flat));
    }

    /// <summary>The main challenge and the advice (module, engine score) in the order the snapshot showed them.</summary>
    internal static (DiagnosisCategory? MainChallenge, List<(string Module, int Score)> Advice)? Read(string snapshotJson)
    {
        try
        {
            using var document = JsonDocument.Parse(snapshotJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            DiagnosisCategory? main = root.TryGetProperty("mainChallenge", out var m) && m.ValueKind == JsonValueKind.String
                && Enum.TryParse<DiagnosisCategory>(m.GetString(), out var parsed) ? parsed : null;
            var advice = new List<(string, int)>();
            if (root.TryGetProperty("advice", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object
                        && item.TryGetProperty("moduleId", out var id) && id.ValueKind == JsonValueKind.String
                        && item.TryGetProperty("score", out var score) && score.TryGetInt32(out var s))
                    {
                        advice.Add((id.GetString()!, s));
                    }
                }
            }
            return (main, advice);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What a training run of the advice ranking read and how the model did.</summary>
public sealed record AdviceRankingReport(AdviceDatasetSummary Dataset, RankingEvaluation Evaluation, RankingModelCard? Card, IReadOnlyList<RankingGroup> Groups);

/// <summary>
/// The advice ranking: a model trained on advisers' reviews re-orders advice <em>within</em> each engine score (3, 2, 1),
/// where the engine's own order is only its module order. It never changes a score, never hides an advice: raising and
/// hiding stay an adviser's decision on their seeker. Used only when the latest model beat the engine's order on its
/// held-out reviews. Thread-safe.
/// </summary>
public sealed class AdviceRanking(string modelDirectory)
{
    private readonly Lazy<LoadedRankingModel?> _model = new(() => RankingModels.LoadActive(modelDirectory, RankingModels.Advice, AdviceFeatures.Version));

    public RankingModelCard? ActiveModel => _model.Value?.Card;

    /// <summary><c>coach train advice</c>: reviews → groups → LambdaMART, gated on the band order it would serve.</summary>
    public static AdviceRankingReport Train(ReviewStore reviews, string modelDirectory, DateTimeOffset at, RankingTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        return Train(reviews.AdviceReviewRows(), modelDirectory, at, options);
    }

    /// <summary>
    /// The advice gate asks a smaller mean gain than the offers': most advice scores are left as the engine gave them, so
    /// the engine's nDCG@10 is near 1 (0.99 on generated reviews) and an order fixed inside a band moves it by thousandths.
    /// The sign test over the held-out reviews the model changed carries the significance.
    /// </summary>
    public static RankingTrainingOptions DefaultOptions { get; } = new(MinGain: 0.001);

    public static AdviceRankingReport Train(IReadOnlyList<AdviceReviewRow> rows, string? modelDirectory, DateTimeOffset at, RankingTrainingOptions? options = null)
    {
        options ??= DefaultOptions;
        var (groups, summary) = AdviceRankingData.Build(rows);
        var trained = RankingTrainer.Train(groups, AdviceFeatures.Count, options, band: e => e.BaselineScore);
        RankingModelCard? card = null;
        if (trained.Model is not null && modelDirectory is not null)
        {
            card = RankingModels.Save(modelDirectory, RankingModels.Advice, trained, AdviceFeatures.Version, AdviceFeatures.Names, options, summary, at).Card;
        }
        return new AdviceRankingReport(summary, trained.Evaluation, card, groups);
    }

    /// <summary>The advice in the engine's order, re-ordered inside each score by the model when one is in use.</summary>
    public IReadOnlyList<ScoredAdvice> Reorder(IReadOnlyList<ScoredAdvice> advice, DiagnosisCategory? mainChallenge)
    {
        ArgumentNullException.ThrowIfNull(advice);
        if (_model.Value is not { } model || advice.Count < 2)
        {
            return advice;
        }
        var scores = model.Score([.. advice.Select((a, i) => AdviceFeatures.Compute(a.ModuleId, a.Score, i + 1, mainChallenge))]);
        return [.. advice.Select((a, i) => (a, s: scores[i], i)).OrderByDescending(p => p.a.Score).ThenByDescending(p => p.s).ThenBy(p => p.i).Select(p => p.a)];
    }
}
