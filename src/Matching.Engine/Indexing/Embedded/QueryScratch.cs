using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// Per-query state, pooled so that the hot path allocates nothing. Arrays are never shared between two
/// queries at once (a scratch is rented by one query), and <see cref="Reset"/> clears only what the
/// query wrote (its touched skills and blocks).
/// </summary>
internal sealed class QueryScratch
{
    public const int MaxPageSize = 100;

    // ---- per skill
    /// <summary>Profile → offers: best credit of each demanded skill the profile meets.</summary>
    public readonly byte[] SkillCredit;
    /// <summary>Profile → offers: 1 for the profile's own skills (an exact match).</summary>
    public readonly byte[] Exact;
    public readonly int[] TouchedSkills;
    public int TouchedSkillCount;
    /// <summary>Offer → profiles: slot of a supplied skill in <see cref="MeetStart"/>, -1 when it meets no demanded skill.</summary>
    public readonly int[] MeetSlot;
    /// <summary>Offer → profiles: a bit per skill with a <see cref="MeetSlot"/> (a few KB, so a profile's skills that meet nothing are told apart in L1).</summary>
    public readonly ulong[] MeetBits;
    public int[] MeetStart = new int[64];
    /// <summary>Offer → profiles: (index of the demanded skill, credit) per supplied skill, flattened.</summary>
    public int[] MeetIndex = new int[256];
    public byte[] MeetCredit = new byte[256];

    // ---- per block
    public byte[] State = [];
    /// <summary>
    /// Per block, the docs reached by a skill of the query; after the filters, the candidates. An array of its own (8 bytes a
    /// block) because every posting entry of the pass writes it, and most write nothing else.
    /// </summary>
    public ulong[] Union = [];
    /// <summary>Per block, the docs reached before the filters, kept when the pass may go on after the candidates were taken (a capped total).</summary>
    public ulong[] Reached = [];
    /// <summary>What else the query accumulated per block (must-have planes, the candidates' block credits).</summary>
    public BlockAccumulator[] Blocks = [];
    public ExactPlanes[] ExactCounts = [];
    /// <summary>Per block, the query skills present exactly in it: the bound's count when the exact planes cannot hold a doc's count.</summary>
    public ushort[] ExactTally = [];
    /// <summary>Offer → profiles: per block, 1 + index of the demanded skill last credited to the block.</summary>
    public ushort[] Stamps = [];
    public int[] TouchedBlocks = [];
    public int TouchedBlockCount;
    /// <summary>Offer → profiles, the target jobs first: per block, the docs whose occupation factor can be at least
    /// <see cref="Scoring.MatchScorer.OccupationClose"/> (the pass reads no other), and of those the ones whose factor can be 1
    /// (<see cref="Targets"/>); zero outside the blocks listed in <see cref="JobBlocks"/>.</summary>
    public ulong[] Jobs = [];
    /// <summary>A bit per block of <see cref="JobBlocks"/> (2 KB at 1M docs: read per posting entry from L1, before <see cref="Jobs"/>).</summary>
    public ulong[] JobBits = [];
    public ulong[] Targets = [];
    public int[] JobBlocks = [];
    public int JobBlockCount;
    public int[] Candidates = [];
    public int[] Ordered = [];
    public double[] Bounds = [];

    /// <summary>Per demanded skill of the query offer: best credit of the doc being scored.</summary>
    public readonly int[] Best = new int[IndexValidation.MaxSkills + 2];

    /// <summary>Per demanded skill of the query offer: the best credit of its edges other than the same skill, then their sums (kept
    /// for the whole query: <see cref="Best"/> is the scored doc's).</summary>
    public readonly int[] NonExact = new int[IndexValidation.MaxSkills + 2];

    /// <summary>Offer → profiles: the most demand a profile of each exact count (0 to 63) can have (<c>InMemoryIndex.FillDemandByExact</c>).</summary>
    public readonly double[] DemandByExact = new double[ExactPlanes.ExactLimit + 1];

    /// <summary>Profile → offers: the bound of a doc by its exact count alone (index 0 to 63).</summary>
    public readonly double[] ExactBounds = new double[ExactPlanes.ExactLimit + 1];

    public readonly (double Score, int Doc)[] Heap = new (double, int)[MaxPageSize];

    public QueryScratch(int skillCount)
    {
        SkillCredit = new byte[skillCount];
        Exact = new byte[skillCount];
        TouchedSkills = new int[skillCount];
        MeetSlot = new int[skillCount];
        Array.Fill(MeetSlot, -1);
        MeetBits = new ulong[(skillCount + 63) >> 6];
    }

    public void Ensure(int blocks)
    {
        if (Blocks.Length >= blocks)
        {
            return;
        }
        var capacity = Math.Max(blocks, Blocks.Length * 2);
        State = new byte[capacity];
        Union = new ulong[capacity];
        Reached = new ulong[capacity];
        ExactTally = new ushort[capacity];
        Stamps = new ushort[capacity];
        Blocks = new BlockAccumulator[capacity];
        ExactCounts = new ExactPlanes[capacity];
        TouchedBlocks = new int[capacity];
        Jobs = new ulong[capacity];
        JobBits = new ulong[(capacity + 63) >> 6];
        Targets = new ulong[capacity];
        JobBlocks = new int[capacity];
        Candidates = new int[capacity];
        Ordered = new int[capacity];
        Bounds = new double[capacity];
    }

    /// <summary>
    /// Lists the blocks the pass reached (a non-empty <see cref="Union"/>) in block order, so that the per-block arrays are then
    /// read sequentially: for a pass over many postings, cheaper than noting each block as it is first reached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ListTouched(int blockCount)
    {
        var count = 0;
        var union = Union.AsSpan(0, blockCount);
        var touched = TouchedBlocks;
        for (var b = 0; b < union.Length; b++)
        {
            if (union[b] != 0)
            {
                touched[count++] = b;
            }
        }
        TouchedBlockCount = count;
    }

    public void TouchSkill(int skill)
    {
        TouchedSkills[TouchedSkillCount++] = skill;
    }

    /// <summary>Clears what the query accumulated per block (its pass runs again).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClearBlocks()
    {
        for (var i = 0; i < TouchedBlockCount; i++)
        {
            var b = TouchedBlocks[i];
            Union[b] = 0;
            Blocks[b] = default;
            ExactCounts[b] = default;
            ExactTally[b] = 0;
            Stamps[b] = 0;
        }
        TouchedBlockCount = 0;
    }

    /// <summary>Clears <see cref="Jobs"/> and <see cref="Targets"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClearJobs()
    {
        for (var i = 0; i < JobBlockCount; i++)
        {
            var b = JobBlocks[i];
            Jobs[b] = 0;
            Targets[b] = 0;
            JobBits[b >> 6] = 0;
        }
        JobBlockCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset()
    {
        ClearBlocks();
        ClearJobs();
        for (var i = 0; i < TouchedSkillCount; i++)
        {
            var skill = TouchedSkills[i];
            SkillCredit[skill] = 0;
            Exact[skill] = 0;
            MeetSlot[skill] = -1;
            MeetBits[skill >> 6] = 0;
        }
        TouchedSkillCount = 0;
    }
}

/// <summary>
/// The one accumulator of both directions: what a query learned about one block of docs. Bit masks
/// have one bit per doc of the block; counts are exact (a query has at most
/// <see cref="IndexValidation.MaxSkills"/> skills).
/// </summary>
internal struct BlockAccumulator
{
    /// <summary>Profile → offers: bit planes of must-have skills met. Offer → profiles: docs meeting every must-have so far (0) and the current one (1).</summary>
    public ulong Must0, Must1, Must2;
    /// <summary>Offer → profiles: block-level best credits of the demanded skills (the bound's demand).</summary>
    public int Essential, Optional;
    /// <summary>Offer → profiles: must-have skills folded into <see cref="Must0"/>.</summary>
    public ushort MustMet;

    /// <summary>Adds 1 to a 3-bit count of must-have skills met of the docs of <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddMust(ulong mask)
    {
        var carry = Must0 & mask;
        Must0 ^= mask;
        var carry2 = Must1 & carry;
        Must1 ^= carry;
        Must2 ^= carry2;
    }
}

/// <summary>
/// Per doc of a block, how many of the query's skills it holds exactly, as bit planes (0-63): kept
/// apart from <see cref="BlockAccumulator"/> because only exact postings write them, so the other
/// postings of the pass touch a smaller array.
/// </summary>
internal struct ExactPlanes
{
    public ulong Exact0, Exact1, Exact2, Exact3, Exact4, Exact5;

    /// <summary>Exact-count planes hold 0 to 63.</summary>
    public const int ExactLimit = 63;

    /// <summary>Adds 1 to the exact count of the docs of <paramref name="mask"/> (carry-save addition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddExact(ulong mask)
    {
        var carry = Exact0 & mask;
        Exact0 ^= mask;
        if (carry == 0)
        {
            return;
        }
        var next = Exact1 & carry;
        Exact1 ^= carry;
        if (next == 0)
        {
            return;
        }
        carry = Exact2 & next;
        Exact2 ^= next;
        if (carry == 0)
        {
            return;
        }
        next = Exact3 & carry;
        Exact3 ^= carry;
        if (next == 0)
        {
            return;
        }
        carry = Exact4 & next;
        Exact4 ^= next;
        Exact5 ^= carry;
    }

    /// <summary>The exact count of the doc at <paramref name="bit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly int ExactOf(int bit) =>
        (int)((Exact0 >> bit) & 1) | (int)(((Exact1 >> bit) & 1) << 1) | (int)(((Exact2 >> bit) & 1) << 2)
        | (int)(((Exact3 >> bit) & 1) << 3) | (int)(((Exact4 >> bit) & 1) << 4) | (int)(((Exact5 >> bit) & 1) << 5);

    /// <summary>The largest exact count among the docs of <paramref name="docs"/> (from the top plane down: 6 steps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly int MaxExact(ulong docs)
    {
        // Without branches: which way each step goes depends on the block's docs, so a branch would often be mispredicted.
        var max = 0;
        Step(ref docs, ref max, Exact5, 32);
        Step(ref docs, ref max, Exact4, 16);
        Step(ref docs, ref max, Exact3, 8);
        Step(ref docs, ref max, Exact2, 4);
        Step(ref docs, ref max, Exact1, 2);
        return max | ((docs & Exact0) != 0 ? 1 : 0);

        static void Step(ref ulong docs, ref int max, ulong plane, int bit)
        {
            var hit = docs & plane;
            // All ones when some doc has the bit, else zero.
            var some = (ulong)((long)(hit | (0 - hit)) >> 63);
            docs = (hit & some) | (docs & ~some);
            max |= bit & (int)some;
        }
    }

    /// <summary>The docs of <paramref name="docs"/> whose exact count is at least <paramref name="k"/> (a bit-sliced comparison).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly ulong AtLeast(ulong docs, int k)
    {
        if (k <= 0)
        {
            return docs;
        }
        if (k > ExactLimit)
        {
            return 0;
        }
        ulong greater = 0, equal = ~0UL;
        Compare(Exact5, 5);
        Compare(Exact4, 4);
        Compare(Exact3, 3);
        Compare(Exact2, 2);
        Compare(Exact1, 1);
        Compare(Exact0, 0);
        return docs & (greater | equal);

        void Compare(ulong plane, int bit)
        {
            if (((k >> bit) & 1) == 0)
            {
                greater |= equal & plane;
                equal &= ~plane;
            }
            else
            {
                equal &= plane;
            }
        }
    }

}

internal sealed class ScratchPool(int skillCount)
{
    private readonly ConcurrentBag<QueryScratch> _free = [];

    public QueryScratch Rent(int blocks)
    {
        if (!_free.TryTake(out var scratch))
        {
            scratch = new QueryScratch(skillCount);
        }
        scratch.Ensure(blocks);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Before(double scoreA, string idA, double scoreB, string idB) =>
        scoreA > scoreB || (scoreA == scoreB && string.CompareOrdinal(idA, idB) < 0);

    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>Score of the worst kept hit (when full, a candidate must at least equal it to enter).</summary>
    public readonly double WorstScore => _heap[0].Score;

    /// <summary>Keeps the hit if it ranks among the best; returns true when a hit was left out (this one or an evicted one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Offer(double score, int doc)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, doc);
            SiftUp(_count++);
            return false;
        }
        // The ids are read only on a tie: a doc's id is one more cache miss, and most offered docs do not tie.
        var worst = _heap[0].Score;
        if (score > worst || (score == worst && string.CompareOrdinal(ids[doc], ids[_heap[0].Doc]) < 0))
        {
            _heap[0] = (score, doc);
            SiftDown(0);
        }
        return true;
    }

    /// <summary>The kept hits, best first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly Span<(double Score, int Doc)> Sorted()
    {
        // An insertion sort of at most a page (100): no comparison delegate, and optimized from the first query (see the attribute).
        var kept = _heap[.._count];
        for (var i = 1; i < kept.Length; i++)
        {
            var hit = kept[i];
            var at = i;
            while (at > 0 && Before(hit.Score, ids[hit.Doc], kept[at - 1].Score, ids[kept[at - 1].Doc]))
            {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = hit;
        }
        return kept;
    }

    // Heap order: a parent is "after" (worse than) its children, so the root is the worst.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly bool Worse(int i, int j) => Before(_heap[j].Score, ids[_heap[j].Doc], _heap[i].Score, ids[_heap[i].Doc]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
