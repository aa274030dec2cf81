namespace Matching.Engine.Tests.Quality;

/// <summary>Standard ranking metrics with binary relevance.</summary>
internal static class RankingMetrics
{
    /// <summary>nDCG@k: DCG of the ranking over DCG of the ideal one (all relevant first).</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranking, IReadOnlySet<string> relevant)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                dcg += 1 / Math.Log2(i + 2);
            }
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += 1 / Math.Log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Reciprocal rank of the first relevant hit; 0 when none is in the ranking.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlySet<string> relevant)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }
}
