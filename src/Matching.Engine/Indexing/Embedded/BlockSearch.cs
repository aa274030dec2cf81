using System.Numerics;
using System.Runtime.CompilerServices;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>One direction of matching, as the shared search loop sees it.</summary>
internal interface IBlockScorer
{
    /// <summary>
    /// The docs of a block worth scoring: those whose own bound (same rules as the block's bound) is
    /// at least <paramref name="worst"/>, the page's worst kept score.
    /// </summary>
    ulong Worth(int block, ulong docs, double worst);

    /// <summary>The exact score of a candidate doc (every hard filter already passed).</summary>
    double Score(int doc);

    /// <summary>Asks the processor to load what <see cref="Score"/> will read of the doc (a hint, no effect on results).</summary>
    void Prefetch(int doc);
}

/// <summary>
/// The top-k of one query page, and what the page says about the rest: <see cref="Total"/> counts every
/// match (set by the caller from the candidate masks), and a next page exists when a match after the
/// cursor was left out, evaluated or not.
/// </summary>
internal ref struct MatchCollector(Span<(double Score, int Doc)> heap, string[] ids, PageCursor? cursor)
{
    private readonly Span<(double Score, int Doc)> _heap = heap;
    private TopK _top = new(heap, ids);
    private readonly string[] _ids = ids;
    private readonly PageCursor? _cursor = cursor;
    private bool _leftOut;

    /// <summary>Every match of the query, page or not.</summary>
    public long Total;

    /// <summary>Matches whose exact score was computed (the others were pruned by their block's bound).</summary>
    public long Evaluated;

    /// <summary>Starts again empty (the query's pass runs again): no hit kept, nothing counted.</summary>
    public void Clear()
    {
        _top = new TopK(_heap, _ids);
        Total = 0;
        Evaluated = 0;
        _leftOut = false;
    }

    public readonly bool IsFull => _top.IsFull;

    public readonly double WorstScore => _top.WorstScore;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(double score, int doc)
    {
        Evaluated++;
        if (_cursor is { } c && !c.Precedes(score, _ids[doc]))
        {
            return;
        }
        _leftOut |= _top.Offer(score, doc);
    }

    /// <summary>
    /// Whether a match after the page exists: one evaluated and left out, or one never evaluated (a
    /// pruned doc scores below the worst kept hit, which is after the cursor, so it is after the page).
    /// </summary>
    public readonly bool More => _leftOut || Total > Evaluated;

    public readonly Span<(double Score, int Doc)> Sorted() => _top.Sorted();
}

/// <summary>
/// The search loop both directions share. Before it runs, the direction has left in
/// <see cref="QueryScratch.Union"/> the candidates of each block (docs that match: reached by a skill,
/// alive, within the radius, every hard filter passed), listed those blocks in
/// <see cref="QueryScratch.Candidates"/> and their score bounds at the same index in <see cref="QueryScratch.Bounds"/>.
/// A block's bound is an upper bound of the score of every candidate doc of the block. It must never be below a
/// doc's exact score: it is computed by the same floating-point operations, in the same order, on
/// inputs that are each at least the doc's (the operations are monotone), so it is a true bound
/// to the last bit. The loop visits blocks by decreasing score bound, in 64
/// buckets, scores their candidates exactly, and stops at the first bucket whose bound cannot beat the
/// page's worst hit: a pruned doc's score is below every kept hit, so the page is exactly the page an
/// exhaustive scan gives (MaxScore-style pruning at block granularity).
/// </summary>
internal static class BlockSearch
{
    private const int Buckets = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TScorer>(ref TScorer scorer, QueryScratch s, int candidateCount, ref MatchCollector collector)
        where TScorer : struct, IBlockScorer
    {
        Span<int> starts = stackalloc int[Buckets + 1];
        starts.Clear();
        var candidates = s.Candidates;
        var bounds = s.Bounds;
        for (var i = 0; i < candidateCount; i++)
        {
            starts[Bucket(bounds[i])]++;
        }
        // Buckets from the highest bound down: starts[k] = first slot of bucket k in the order.
        var at = 0;
        for (var k = Buckets - 1; k >= 0; k--)
        {
            var count = starts[k];
            starts[k] = at;
            at += count;
        }
        var ordered = s.Ordered;
        Span<int> next = stackalloc int[Buckets];
        starts[..Buckets].CopyTo(next);
        for (var i = 0; i < candidateCount; i++)
        {
            ordered[next[Bucket(bounds[i])]++] = i;
        }

        for (var o = 0; o < candidateCount; o++)
        {
            var i = ordered[o];
            var bound = bounds[i];
            if (collector.IsFull && bound < collector.WorstScore)
            {
                // Every later block is in this bucket or a lower one: below (k + 1) / 64.
                var k = Bucket(bound);
                if (k < Buckets - 1 && (k + 1) / (double)Buckets <= collector.WorstScore)
                {
                    break;
                }
                continue;
            }
            var block = candidates[i];
            var mask = s.Union[block];
            if (collector.IsFull)
            {
                mask = scorer.Worth(block, mask, collector.WorstScore);
            }
            var first = block << 6;
            for (var ahead = mask; ahead != 0; ahead &= ahead - 1)
            {
                scorer.Prefetch(first + BitOperations.TrailingZeroCount(ahead));
            }
            while (mask != 0)
            {
                var doc = first + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                var score = scorer.Score(doc);
                if (score > 0)
                {
                    collector.Offer(score, doc);
                }
            }
        }
    }

    private static int Bucket(double bound) => Math.Clamp((int)(bound * Buckets), 0, Buckets - 1);
}
