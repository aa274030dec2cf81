namespace Matching.Engine.Corpus;

/// <summary>
/// Draws an index with probability proportional to its weight: cumulative sums and a binary
/// search, so a draw costs O(log n) and no allocation (the generator draws millions).
/// </summary>
internal sealed class WeightedTable
{
    private readonly double[] _cumulative;

    public WeightedTable(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
        {
            throw new ArgumentException("A weighted table needs at least one weight.", nameof(weights));
        }
        _cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] < 0 || double.IsNaN(weights[i]))
            {
                throw new ArgumentException($"Weight {i} is {weights[i]}: weights must be non-negative.", nameof(weights));
            }
            total += weights[i];
            _cumulative[i] = total;
        }
        if (total <= 0)
        {
            throw new ArgumentException("A weighted table needs a positive total weight.", nameof(weights));
        }
        Total = total;
    }

    public int Count => _cumulative.Length;

    public double Total { get; }

    public int Sample(Random random)
    {
        var x = random.NextDouble() * Total;
        var cumulative = _cumulative;
        int lo = 0, hi = cumulative.Length - 1;
        // Smallest i with cumulative[i] > x: zero-weight entries (equal neighbours) are never drawn.
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
