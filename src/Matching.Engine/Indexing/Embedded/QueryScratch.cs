using System.Collections.Concurrent;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// Per-query accumulators, pooled so that the hot path allocates nothing: per-doc credit sums, a
/// touched-list to reset only what a query wrote, per-skill best credits and the top-k heap.
/// Arrays are never shared between two queries at once (a scratch is rented by one query).
/// </summary>
internal sealed class QueryScratch
{
    public const int MaxPageSize = 100;

    /// <summary>Per-doc sums, one struct per doc so that crediting a posting touches one cache line.</summary>
    public Accumulator[] Docs = [];
    public int[] Touched = [];
    public int TouchedCount;

    public readonly byte[] SkillCredit;
    public readonly int[] TouchedSkills;
    public int TouchedSkillCount;

    public readonly (double Score, int Doc)[] Heap = new (double, int)[MaxPageSize];

    public QueryScratch(int skillCount)
    {
        SkillCredit = new byte[skillCount];
        TouchedSkills = new int[skillCount];
    }

    public void Ensure(int docs)
    {
        if (Docs.Length >= docs)
        {
            return;
        }
        var capacity = Math.Max(docs, Docs.Length * 2);
        Docs = new Accumulator[capacity];
        Touched = new int[capacity];
    }

    public void Touch(int doc)
    {
        Touched[TouchedCount++] = doc;
    }

    /// <summary>
    /// When a query touched a large share of the docs, visits them in doc order instead of touch
    /// order: the per-doc columns are then read nearly sequentially (prefetched) rather than at
    /// random, which costs far less than the sequential scan of the accumulators that reorders them.
    /// </summary>
    public void OrderTouchedIfDense(int highWater)
    {
        if (TouchedCount * 16L < highWater)
        {
            return;
        }
        var count = 0;
        var docs = Docs.AsSpan(0, highWater);
        for (var doc = 0; doc < docs.Length; doc++)
        {
            if (docs[doc].Mark != 0)
            {
                Touched[count++] = doc;
            }
        }
        TouchedCount = count;
    }

    public void Reset()
    {
        for (var i = 0; i < TouchedCount; i++)
        {
            Docs[Touched[i]] = default;
        }
        TouchedCount = 0;
        for (var i = 0; i < TouchedSkillCount; i++)
        {
            SkillCredit[TouchedSkills[i]] = 0;
        }
        TouchedSkillCount = 0;
    }
}

/// <summary>
/// Credit sums (in <see cref="SkillGraph.CreditUnit"/>) of one doc during one query, in 8 bytes so that
/// a million docs' accumulators stay within 8 MB: sums cannot overflow because a document or a query
/// has at most <see cref="DocumentCompiler.MaxSkills"/> skills (500 × 100 &lt; 65 536).
/// </summary>
internal struct Accumulator
{
    public ushort Essential;
    public ushort Optional;
    public ushort MustHave;
    /// <summary>Demanded skills met exactly: the same count seen from either side (the supply-use numerator).</summary>
    public ushort Exact;
    /// <summary>0 = untouched; otherwise a stamp (offer → profiles: 1 + index of the demanded skill being credited).</summary>
    public ushort Mark;
}

internal sealed class ScratchPool(int skillCount)
{
    private readonly ConcurrentBag<QueryScratch> _free = [];

    public QueryScratch Rent(int docs)
    {
        if (!_free.TryTake(out var scratch))
        {
            scratch = new QueryScratch(skillCount);
        }
        scratch.Ensure(docs);
        return scratch;
    }

    public void Return(QueryScratch scratch)
    {
        scratch.Reset();
        _free.Add(scratch);
    }
}

/// <summary>Top-k by (score desc, id asc), kept as a heap whose root is the worst kept hit.</summary>
internal ref struct TopK(Span<(double Score, int Doc)> heap, string[] ids)
{
    private readonly Span<(double Score, int Doc)> _heap = heap;
    private int _count;

    public readonly int Count => _count;

    /// <summary>True when a ranks before b: higher score, then smaller id (ordinal).</summary>
    public static bool Before(double scoreA, string idA, double scoreB, string idB) =>
        scoreA > scoreB || (scoreA == scoreB && string.CompareOrdinal(idA, idB) < 0);

    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>Score of the worst kept hit (when full, a candidate must at least equal it to enter).</summary>
    public readonly double WorstScore => _heap[0].Score;

    /// <summary>Keeps the hit if it ranks among the best; returns true when a hit was left out (this one or an evicted one).</summary>
    public bool Offer(double score, int doc)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, doc);
            SiftUp(_count++);
            return false;
        }
        if (Before(score, ids[doc], _heap[0].Score, ids[_heap[0].Doc]))
        {
            _heap[0] = (score, doc);
            SiftDown(0);
        }
        return true;
    }

    /// <summary>The kept hits, best first.</summary>
    public readonly Span<(double Score, int Doc)> Sorted()
    {
        var kept = _heap[.._count];
        var localIds = ids;
        kept.Sort((a, b) => Before(a.Score, localIds[a.Doc], b.Score, localIds[b.Doc]) ? -1 : Before(b.Score, localIds[b.Doc], a.Score, localIds[a.Doc]) ? 1 : 0);
        return kept;
    }

    // Heap order: a parent is "after" (worse than) its children, so the root is the worst.
    private readonly bool Worse(int i, int j) => Before(_heap[j].Score, ids[_heap[j].Doc], _heap[i].Score, ids[_heap[i].Doc]);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(i, parent))
            {
                break;
            }
            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _count)
            {
                break;
            }
            var worst = left;
            if (left + 1 < _count && Worse(left + 1, left))
            {
                worst = left + 1;
            }
            if (!Worse(worst, i))
            {
                break;
            }
            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
