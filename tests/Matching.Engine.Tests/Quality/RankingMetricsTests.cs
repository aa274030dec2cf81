namespace Matching.Engine.Tests.Quality;

public sealed class RankingMetricsTests
{
    private static readonly HashSet<string> s_relevant = ["a", "b"];

    [Fact]
    public void A_perfect_ranking_scores_one()
    {
        Assert.Equal(1.0, RankingMetrics.NdcgAt(10, ["a", "b", "x"], s_relevant), 9);
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank(["a", "x"], s_relevant));
    }

    [Fact]
    public void Relevant_hits_lower_down_score_less()
    {
        // DCG = 1/log2(3) + 1/log2(4); ideal = 1 + 1/log2(3).
        var expected = ((1 / Math.Log2(3)) + 0.5) / (1 + (1 / Math.Log2(3)));

        Assert.Equal(expected, RankingMetrics.NdcgAt(10, ["x", "a", "b"], s_relevant), 9);
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(["x", "b"], s_relevant));
    }

    [Fact]
    public void A_ranking_without_relevant_hits_scores_zero()
    {
        Assert.Equal(0, RankingMetrics.NdcgAt(10, ["x", "y"], s_relevant));
        Assert.Equal(0, RankingMetrics.ReciprocalRank([], s_relevant));
        // Beyond the cut-off does not count.
        Assert.Equal(0, RankingMetrics.NdcgAt(1, ["x", "a"], s_relevant));
    }
}
