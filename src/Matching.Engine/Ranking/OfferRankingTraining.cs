using Matching.Engine.Privacy;
using Matching.Engine.Reviews;

namespace Matching.Engine.Ranking;

/// <summary>What a training run of the offer ranking read, how the model did, and where it was saved.</summary>
/// <param name="Card">Null when there was too little data to train at all (nothing saved).</param>
public sealed record OfferRankingReport(DatasetSummary Dataset, RankingEvaluation Evaluation, RankingModelCard? Card, string? ModelPath, TrainedRanking Trained, IReadOnlyList<RankingGroup> Groups);

/// <summary>
/// <c>coach train ranking</c>: the feedback in the store (impressions, advisers' offer grades, contact requests) →
/// training groups → LambdaMART → held-out nDCG@10 against the scorer → a new versioned model under the models folder,
/// active only when it won.
/// </summary>
public static class OfferRankingTraining
{
    public static OfferRankingReport Run(
        ImpressionLog impressions, ReviewStore reviews, ContactRequests contacts, string modelDirectory, DateTimeOffset at, RankingTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(impressions);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new RankingTrainingOptions();
        var (groups, summary) = RankingDataset.Build(impressions.All(), reviews.OfferGrades(), contacts.All());
        var trained = RankingTrainer.Train(groups, PairFeatures.Count, options);
        if (trained.Model is null)
        {
            return new OfferRankingReport(summary, trained.Evaluation, null, null, trained, groups);
        }
        var (card, path) = RankingModels.Save(modelDirectory, RankingModels.Offers, trained, PairFeatures.Version, PairFeatures.Names, options, summary, at);
        return new OfferRankingReport(summary, trained.Evaluation, card, path, trained, groups);
    }
}
