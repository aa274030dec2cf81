using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// Ranking quality on a seeded evaluation set (see <see cref="EvaluationSet"/> and docs/quality.md):
/// a profile generated from occupation X must find the offers of X on top.
/// </summary>
public sealed class RankingQualityTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationSet> s_set = new(EvaluationSet.Build);

    [Fact]
    public async Task Lucene_baseline_finds_the_occupation_offers()
    {
        var set = s_set.Value;
        using var lucene = new LuceneBaseline(set.Offers);

        var (ndcg, mrr) = await set.EvaluateAsync(p => Task.FromResult(lucene.Rank(p, 20)));

        output.WriteLine($"Lucene BM25: nDCG@10 {ndcg:F3}, MRR {mrr:F3} ({set.QueryProfiles.Count} queries, {set.Offers.Count} offers)");
        Assert.True(mrr > 0.5, $"Lucene MRR {mrr:F3}");
    }
}
