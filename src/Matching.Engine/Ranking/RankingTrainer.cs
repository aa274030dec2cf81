using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Matching.Engine.Ranking;

/// <summary>Settings of a training run. The defaults are what <c>coach train</c> uses.</summary>
/// <param name="Seed">Seed of ML.NET's context and of the trees: the same data and seed give the same model.</param>
/// <param name="TestShare">One group in <paramref name="TestShare"/> is held out (by a hash of its id, not at random).</param>
/// <param name="MinTestGroups">Fewer held-out groups than this and the model is never used, whatever its figure.</param>
/// <param name="MinGain">The model is used only when its held-out nDCG@10 beats the hand-tuned order's by at least this,
/// and more held-out groups are better than worse by a sign test (wins − losses ≥ 2·√(wins + losses)).</param>
public sealed record RankingTrainingOptions(
    int Seed = 2026,
    int Trees = 100,
    int Leaves = 8,
    int MinExamplesPerLeaf = 10,
    double LearningRate = 0.1,
    int TestShare = 5,
    int MinTestGroups = 20,
    double MinGain = 0.01);

/// <summary>The held-out comparison of the model with the hand-tuned order, on the same items.</summary>
/// <param name="Wins">Held-out groups where the model's order scores a higher nDCG@10 than the hand-tuned one.</param>
/// <param name="Losses">Held-out groups where it scores lower (the rest are ties).</param>
public sealed record RankingEvaluation(
    int TrainGroups, int TestGroups, int TrainExamples, int TestExamples,
    double BaselineNdcgAt10, double ModelNdcgAt10, int Wins, int Losses, bool BeatsBaseline, string Decision);

/// <summary>A trained model, its figures, and the ML.NET objects to save it.</summary>
public sealed class TrainedRanking(MLContext context, ITransformer? model, DataViewSchema? schema, RankingEvaluation evaluation)
{
    public RankingEvaluation Evaluation { get; } = evaluation;

    /// <summary>Null when there was too little data to train at all.</summary>
    public ITransformer? Model { get; } = model;

    internal MLContext Context { get; } = context;

    internal DataViewSchema? Schema { get; } = schema;

    /// <summary>The model's score of each example of a group, in the group's order (for reports and tests).</summary>
    public float[] Score(RankingGroup group, int featureCount) =>
        Model is null ? [] : RankingTrainer.Predict(Context, Model, group.Examples.Select(e => e.Features), featureCount);
}

/// <summary>
/// LambdaMART (ML.NET FastTree ranking) over groups of examples, evaluated on a held-out split against the hand-tuned
/// order with nDCG@10. Deterministic: a seeded context, one thread, a split by a hash of each group's id.
/// </summary>
public static class RankingTrainer
{
    private const int MinTrainGroups = 10;

    /// <param name="band">When set, the model only re-orders items of the same band (the advice engine's score): the
    /// held-out figure is that of the band order with the model's order inside each band, as it would be served.</param>
    public static TrainedRanking Train(IReadOnlyList<RankingGroup> groups, int featureCount, RankingTrainingOptions? options = null,
        Func<RankingExample, double>? band = null)
    {
        options ??= new RankingTrainingOptions();
        var context = new MLContext(seed: options.Seed);
        var train = groups.Where(g => !IsHeldOut(g.Id, options.TestShare)).ToList();
        var test = groups.Where(g => IsHeldOut(g.Id, options.TestShare)).ToList();
        var baseline = test.Count == 0 ? 0 : test.Average(g => NdcgAt10(g.Examples.Select(e => e.Label).ToArray()));

        if (train.Count < MinTrainGroups)
        {
            return new TrainedRanking(context, null, null, new RankingEvaluation(
                train.Count, test.Count, train.Sum(g => g.Examples.Count), test.Sum(g => g.Examples.Count), baseline, 0, 0, 0, false,
                $"not trained: {train.Count} training groups with more than one label, at least {MinTrainGroups} needed"));
        }

        var data = context.Data.LoadFromEnumerable(Rows(train, featureCount), Schema(featureCount));
        var keyed = context.Transforms.Conversion.MapValueToKey("GroupKey", nameof(TrainingRow.GroupId)).Fit(data).Transform(data);
        var trainer = context.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
        {
            FeatureColumnName = nameof(TrainingRow.Features),
            LabelColumnName = nameof(TrainingRow.Label),
            RowGroupColumnName = "GroupKey",
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            LearningRate = options.LearningRate,
            // One thread: FastTree's parallel histogram sums are not bit-reproducible across runs.
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureSelectionSeed = options.Seed,
        });
        var model = trainer.Fit(keyed);

        var pairs = test.Select(g =>
        {
            var scores = Predict(context, model, g.Examples.Select(e => e.Features), featureCount);
            return (Model: NdcgAt10(Order(g.Examples, scores, band).Select(e => e.Label).ToArray()), Baseline: NdcgAt10(g.Examples.Select(e => e.Label).ToArray()));
        }).ToList();
        var modelNdcg = pairs.Count == 0 ? 0 : pairs.Average(p => p.Model);
        var wins = pairs.Count(p => p.Model > p.Baseline + 1e-12);
        var losses = pairs.Count(p => p.Model < p.Baseline - 1e-12);
        // Two conditions: the mean gain, and a sign test over the held-out groups the model changed (z ≥ 2, about 5 %
        // one-sided): a few lucky groups are not a win.
        var significant = wins - losses >= 2 * Math.Sqrt(wins + losses) && wins > losses;
        var beats = test.Count >= options.MinTestGroups && modelNdcg >= baseline + options.MinGain && significant;
        var decision = test.Count < options.MinTestGroups
            ? $"not used: {test.Count} held-out groups, at least {options.MinTestGroups} needed to trust the comparison"
            : beats
                ? $"used: held-out nDCG@10 {modelNdcg:F3} beats the hand-tuned order's {baseline:F3} by at least {options.MinGain}, {wins} groups better and {losses} worse"
                : $"not used: held-out nDCG@10 {modelNdcg:F3} vs the hand-tuned order's {baseline:F3} (gain needed {options.MinGain}; {wins} groups better, {losses} worse; sign test needs wins − losses ≥ 2·√(wins + losses))";
        return new TrainedRanking(context, model, data.Schema, new RankingEvaluation(
            train.Count, test.Count, train.Sum(g => g.Examples.Count), test.Sum(g => g.Examples.Count), baseline, modelNdcg, wins, losses, beats, decision));
    }

    /// <summary>A group's examples ordered by the model's scores (ties: the hand-tuned order).</summary>
    public static IEnumerable<RankingExample> Order(IReadOnlyList<RankingExample> examples, float[] scores, Func<RankingExample, double>? band = null) =>
        examples.Select((e, i) => (e, s: scores[i]))
            .OrderByDescending(p => band?.Invoke(p.e) ?? 0).ThenByDescending(p => p.s).ThenBy(p => p.e.BaselineRank)
            .Select(p => p.e);

    /// <summary>
    /// nDCG@10 of a list of graded labels in the order shown: Σ (2^label − 1) / log2(rank + 1) over the first 10,
    /// divided by the same sum for the labels sorted best first. 0 when no label is above 0.
    /// </summary>
    public static double NdcgAt10(IReadOnlyList<int> labelsInOrder)
    {
        static double Dcg(IEnumerable<int> labels) =>
            labels.Take(10).Select((l, i) => (Math.Pow(2, l) - 1) / Math.Log2(i + 2)).Sum();
        var ideal = Dcg(labelsInOrder.OrderByDescending(l => l));
        return ideal == 0 ? 0 : Dcg(labelsInOrder) / ideal;
    }

    /// <summary>Whether a group is in the held-out split: FNV-1a of its id, so the split never depends on order or time.</summary>
    public static bool IsHeldOut(string groupId, int testShare)
    {
        var hash = 2166136261u;
        foreach (var c in groupId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash % (uint)Math.Max(2, testShare) == 0;
    }

    internal static float[] Predict(MLContext context, ITransformer model, IEnumerable<float[]> features, int featureCount)
    {
        var rows = features.Select(f => new ScoringRow { Features = f }).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        schema[nameof(ScoringRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        var scored = model.Transform(context.Data.LoadFromEnumerable(rows, schema));
        return [.. scored.GetColumn<float>("Score")];
    }

    private static IEnumerable<TrainingRow> Rows(IEnumerable<RankingGroup> groups, int featureCount) =>
        groups.SelectMany(g => g.Examples.Select(e => new TrainingRow
        {
            GroupId = g.Id,
            Label = e.Label,
            Features = e.Features.Length == featureCount ? e.Features : throw new ArgumentException($"An example of group {g.Id} has {e.Features.Length} features, not {featureCount}."),
        }));

    private static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    internal sealed class TrainingRow
    {
        public string GroupId { get; set; } = "";
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    internal sealed class ScoringRow
    {
        public float[] Features { get; set; } = [];
    }
}
