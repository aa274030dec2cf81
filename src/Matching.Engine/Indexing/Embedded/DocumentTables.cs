using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// Postings of one side, by skill, at block granularity: for each skill the blocks (64 consecutive doc
/// ids) holding a doc with that skill, and which of the block's docs (a 64-bit mask). Blocks come in
/// increasing order because docs are only ever appended. A block's mask is one word where a doc list
/// would be up to 64 ints, and the union of any number of skills is an OR per block, so counting the
/// matches of a query costs the blocks it reaches, not its postings.
/// </summary>
/// <remarks>Keyed by any dense id (the side's target jobs too: <see cref="ProfileTable.RomePostings"/>): a key at or past the count grows it.</remarks>
internal sealed class BlockPostings(int skillCount)
{
    private int[][] _blocks = new int[skillCount][];
    private ulong[][] _masks = new ulong[skillCount][];
    private int[] _counts = new int[skillCount];

    public int SkillCount => _counts.Length;

    /// <summary>Entries (block, mask) over every skill.</summary>
    public long EntryCount { get; private set; }

    public void Add(int skill, int doc)
    {
        if (skill >= _counts.Length)
        {
            var keys = Math.Max(skill + 1, _counts.Length * 2);
            Array.Resize(ref _blocks, keys);
            Array.Resize(ref _masks, keys);
            Array.Resize(ref _counts, keys);
        }
        var block = doc >> 6;
        var bit = 1UL << (doc & 63);
        var count = _counts[skill];
        var blocks = _blocks[skill];
        if (count > 0 && blocks![count - 1] == block)
        {
            _masks[skill][count - 1] |= bit;
            return;
        }
        if (blocks is null || count == blocks.Length)
        {
            var capacity = Math.Max(4, count * 2);
            Array.Resize(ref _blocks[skill], capacity);
            Array.Resize(ref _masks[skill], capacity);
        }
        _blocks[skill][count] = block;
        _masks[skill][count] = bit;
        _counts[skill] = count + 1;
        EntryCount++;
    }

    public ReadOnlySpan<int> Blocks(int skill) => skill < _counts.Length && _blocks[skill] is { } b ? b.AsSpan(0, _counts[skill]) : [];

    public ReadOnlySpan<ulong> Masks(int skill) => skill < _counts.Length && _masks[skill] is { } m ? m.AsSpan(0, _counts[skill]) : [];

    /// <summary>Docs holding the skill (set bits of every mask).</summary>
    public int DocCount(int skill)
    {
        var count = 0;
        foreach (var mask in Masks(skill))
        {
            count += BitOperations.PopCount(mask);
        }
        return count;
    }

    /// <summary>
    /// Sizes every list for the docs of <paramref name="source"/> appended in <paramref name="order"/>
    /// (doc i of the order becomes doc i), so a rebuild never grows a list.
    /// </summary>
    public void Presize(DocumentTable source, int[] order, int flag)
    {
        var last = new int[_counts.Length];
        Array.Fill(last, -1);
        var entries = new int[_counts.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var block = i >> 6;
            foreach (var packed in source.Skills(order[i]))
            {
                if (flag != 0 && (packed & flag) == 0)
                {
                    continue;
                }
                var skill = packed & Packed.IdMask;
                if (last[skill] != block)
                {
                    last[skill] = block;
                    entries[skill]++;
                }
            }
        }
        for (var s = 0; s < _counts.Length; s++)
        {
            if (entries[s] > 0 && (_blocks[s] is null || _blocks[s].Length - _counts[s] < entries[s]))
            {
                Array.Resize(ref _blocks[s], _counts[s] + entries[s]);
                Array.Resize(ref _masks[s], _counts[s] + entries[s]);
            }
        }
    }

    /// <summary>Trims every list to its length (after a bulk build).</summary>
    public void Trim()
    {
        for (var s = 0; s < _counts.Length; s++)
        {
            if (_blocks[s] is { } b && b.Length != _counts[s])
            {
                Array.Resize(ref _blocks[s], _counts[s]);
                Array.Resize(ref _masks[s], _counts[s]);
            }
        }
    }

    internal (int[] Offsets, int[] Blocks, ulong[] Masks) ToCsr()
    {
        var offsets = new int[_counts.Length + 1];
        for (var s = 0; s < _counts.Length; s++)
        {
            offsets[s + 1] = offsets[s] + _counts[s];
        }
        var blocks = new int[offsets[^1]];
        var masks = new ulong[offsets[^1]];
        for (var s = 0; s < _counts.Length; s++)
        {
            Blocks(s).CopyTo(blocks.AsSpan(offsets[s]));
            Masks(s).CopyTo(masks.AsSpan(offsets[s]));
        }
        return (offsets, blocks, masks);
    }

    internal void LoadCsr(int[] offsets, int[] blocks, ulong[] masks)
    {
        EntryCount = 0;
        for (var s = 0; s < _counts.Length; s++)
        {
            var length = offsets[s + 1] - offsets[s];
            _counts[s] = length;
            _blocks[s] = length == 0 ? null! : blocks.AsSpan(offsets[s], length).ToArray();
            _masks[s] = length == 0 ? null! : masks.AsSpan(offsets[s], length).ToArray();
            EntryCount += length;
        }
    }
}

/// <summary>
/// What both sides share: dense doc ids (append-only: an update tombstones the old id and appends a new
/// one), external ids, skills (a forward index), per-doc columns, an alive mask per block, block
/// postings by skill, and per-block bounding boxes of the docs' locations.
/// </summary>
/// <remarks>
/// <para>Doc order is what makes queries cheap. <see cref="Rebuild"/> renumbers the live docs by a
/// clustering key: a coarse spatial cell first (docs without a location last), then the side's cluster
/// key (the ROME code, in code order so that a family's and a domain's codes are neighbours, then the ESCO
/// occupation), then the location. A block then holds docs of one place and one kind of job, so
/// a radius query skips whole blocks by their bounding box, and a block's skills are nearly every
/// doc's skills, which keeps the per-block score bounds tight (see <see cref="BlockSearch"/>).
/// Docs appended since the last rebuild sit after the sorted part, in arrival order; they are searched
/// the same way, with looser bounds, until the next rebuild.</para>
/// <para>Room for places without a point (a département, a région, France, remote work): a doc without
/// coordinates is "unlocated" (its bit in <see cref="Unlocated"/>), sorts after every located doc and
/// never lets its block be skipped by a radius. A rule giving such scopes a distance would add its own
/// cluster key and block summary here; nothing else assumes that a doc has a point.</para>
/// Not thread-safe: <see cref="EmbeddedMatchIndex"/> serialises writers against readers.
/// </remarks>
internal abstract class DocumentTable
{
    /// <summary>A rebuild runs when tombstones exceed this share of doc ids (and <see cref="MinDeadToCompact"/>).</summary>
    public const double DeadShareToCompact = 0.25;
    public const int MinDeadToCompact = 4096;

    /// <summary>A rebuild runs when the docs appended since the last one exceed this share of the sorted part (and <see cref="MinUnsortedToRebuild"/>).</summary>
    public const double UnsortedShareToRebuild = 1.0;
    public const int MinUnsortedToRebuild = 16384;

    /// <summary>Side of the coarse spatial cells that order docs, in degrees.</summary>
    public const double CellDegrees = 1.0;

    /// <summary>Ints before a record's columns: its skill count and the side's extra word.</summary>
    private const int CountInts = 2;

    private readonly Dictionary<string, int> _docOf = new(StringComparer.Ordinal);
    private int[] _records = new int[1024];
    private int _recordEnd;
    /// <summary>The skills read by <see cref="ReadFrom"/> (the snapshot's layout), while <see cref="ReadSide"/> runs.</summary>
    private (int[] Start, int[] Data, int HighWater) _loading;

    /// <param name="columnBytes">Size of the side's per-doc columns (a multiple of 8 bytes), held in each doc's record.</param>
    protected DocumentTable(int skillCount, int columnBytes)
    {
        if (columnBytes % 8 != 0)
        {
            throw new ArgumentException("Columns must be a multiple of 8 bytes.", nameof(columnBytes));
        }
        Postings = new BlockPostings(skillCount);
        HeaderInts = CountInts + columnBytes / 4;
    }

    /// <summary>Ints of a record before its skills: the counts and the columns.</summary>
    protected int HeaderInts { get; }

    public int SkillCount => Postings.SkillCount;

    /// <summary>Doc ids in use, dead ones included: the size query buffers need.</summary>
    public int HighWater { get; private set; }

    /// <summary>Docs [0, SortedCount) are in clustering order; later ones in arrival order.</summary>
    public int SortedCount { get; protected set; }

    public int BlockCount => (HighWater + 63) >> 6;

    public int LiveCount => _docOf.Count;

    public int DeadCount => HighWater - LiveCount;

    public string[] Ids { get; private set; } = [];

    /// <summary>
    /// Start of each doc's record (an index of an int, at an 8-byte boundary). A record holds together, in doc order, what scoring
    /// a doc reads: its skill count, an extra word of the side's, its columns (<see cref="Columns{T}"/>), its skills, then the side's
    /// extra ints (a profile's target codes and occupations). A scored doc so touches one place (two or three cache lines, one or two
    /// pages per block) instead of a skill start, skills and columns in three arrays.
    /// </summary>
    public int[] RecordStart { get; private set; } = new int[1024];

    public BlockPostings Postings { get; }

    /// <summary>Per block: the live docs.</summary>
    public ulong[] Alive { get; private set; } = [];

    /// <summary>Per block: the docs without coordinates (never skipped by a radius).</summary>
    public ulong[] Unlocated { get; private set; } = [];

    /// <summary>Whether a doc without coordinates was ever added (stays set when it is removed: false means every doc has coordinates).</summary>
    public bool AnyUnlocated { get; private set; }

    /// <summary>Per block: bounding box of the located docs (NaN when none).</summary>
    public double[] MinLatitude { get; private set; } = [];
    public double[] MaxLatitude { get; private set; } = [];
    public double[] MinLongitude { get; private set; } = [];
    public double[] MaxLongitude { get; private set; } = [];

    public ReadOnlySpan<int> Skills(int doc)
    {
        var start = RecordStart[doc];
        return _records.AsSpan(start + HeaderInts, _records[start]);
    }

    /// <summary>The side's extra ints of a doc (after its skills), and the record's extra word.</summary>
    protected ReadOnlySpan<int> Extras(int doc, out int word)
    {
        var start = RecordStart[doc];
        word = _records[start + 1];
        return _records.AsSpan(start + HeaderInts + _records[start], ExtraLength(word));
    }

    /// <summary>How many extra ints a record's extra word announces.</summary>
    protected virtual int ExtraLength(int word) => 0;

    /// <summary>The doc's columns, inside its record.</summary>
    protected ref T Columns<T>(int doc)
        where T : unmanaged =>
        ref Unsafe.As<int, T>(ref _records[RecordStart[doc] + CountInts]);

    /// <summary>
    /// Asks the processor to load a doc's record (its first <paramref name="lines"/> cache lines: columns and first skills) ahead of a
    /// score: a search prefetches the docs of a block it is about to score, so that their cache misses overlap instead of coming one
    /// after the other.
    /// </summary>
    public unsafe void PrefetchRecord(int doc, int lines)
    {
        if (Sse.IsSupported)
        {
            // A prefetch never faults and only reads: the address may be stale if the GC moves the array meanwhile, which is harmless.
            var first = (byte*)Unsafe.AsPointer(ref _records[RecordStart[doc]]);
            for (var line = 0; line < lines; line++)
            {
                Sse.Prefetch0(first + 64 * line);
            }
        }
    }

    public bool Contains(string id) => _docOf.ContainsKey(id);

    public bool TryGetDoc(string id, out int doc) => _docOf.TryGetValue(id, out doc);

    public bool IsAlive(int doc) => (Alive[doc >> 6] & (1UL << (doc & 63))) != 0;

    public bool Remove(string id)
    {
        if (!_docOf.Remove(id, out var doc))
        {
            return false;
        }
        Alive[doc >> 6] &= ~(1UL << (doc & 63));
        return true;
    }

    /// <summary>True when tombstones or unsorted docs make a <see cref="Rebuild"/> worth its cost.</summary>
    public bool NeedsRebuild
    {
        get
        {
            var dead = DeadCount;
            var unsorted = HighWater - SortedCount;
            return (dead >= MinDeadToCompact && dead >= HighWater * DeadShareToCompact)
                || (unsorted >= MinUnsortedToRebuild && unsorted >= SortedCount * UnsortedShareToRebuild);
        }
    }

    /// <summary>A new table with the live docs only, in clustering order (see the remarks). This table is only read.</summary>
    /// <param name="romeRanks">Per ROME code id, the code's rank in ordinal order of the codes (the cluster key orders by it).</param>
    public DocumentTable Rebuild(int[] romeRanks)
    {
        var order = new int[LiveCount];
        var n = 0;
        for (var doc = 0; doc < HighWater; doc++)
        {
            if (IsAlive(doc))
            {
                order[n++] = doc;
            }
        }
        var keys = new ClusterKey[n];
        for (var i = 0; i < n; i++)
        {
            var doc = order[i];
            var (lat, lon) = Location(doc);
            keys[i] = new ClusterKey(CellKey(lat, lon), ClusterOf(doc, romeRanks), double.IsNaN(lat) ? 0 : lat, double.IsNaN(lon) ? 0 : lon, doc);
        }
        Array.Sort(keys, order);
        var table = CreateEmpty();
        table.Reserve(n, _recordEnd);
        table.PresizePostings(this, order);
        foreach (var doc in order)
        {
            table.AppendFrom(this, doc);
        }
        table.SortedCount = table.HighWater;
        table.Postings.Trim();
        table.AdviseHugePages();
        return table;
    }

    /// <summary>Z-order of the coarse cell of a location; every unlocated doc after every located one.</summary>
    public static ulong CellKey(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || double.IsNaN(longitude))
        {
            return ulong.MaxValue;
        }
        var y = (uint)Math.Clamp((int)Math.Floor((latitude + 90) / CellDegrees), 0, 1 << 12);
        var x = (uint)Math.Clamp((int)Math.Floor((longitude + 180) / CellDegrees), 0, 1 << 12);
        ulong key = 0;
        for (var bit = 0; bit < 13; bit++)
        {
            key |= ((ulong)((x >> bit) & 1) << (2 * bit)) | ((ulong)((y >> bit) & 1) << (2 * bit + 1));
        }
        return key;
    }

    private readonly record struct ClusterKey(ulong Cell, long Cluster, double Latitude, double Longitude, int Doc) : IComparable<ClusterKey>
    {
        public int CompareTo(ClusterKey other)
        {
            var c = Cell.CompareTo(other.Cell);
            if (c != 0)
            {
                return c;
            }
            c = Cluster.CompareTo(other.Cluster);
            if (c != 0)
            {
                return c;
            }
            c = Latitude.CompareTo(other.Latitude);
            if (c != 0)
            {
                return c;
            }
            c = Longitude.CompareTo(other.Longitude);
            return c != 0 ? c : Doc.CompareTo(other.Doc);
        }
    }

    // ---------------------------------------------------------------- snapshot

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(HighWater);
        writer.Write(SortedCount);
        var blocks = BlockCount;
        IndexSnapshot.WriteStrings(writer, Ids, HighWater);
        IndexSnapshot.WriteArray(writer, RecordStart, HighWater + 1);
        IndexSnapshot.WriteArray(writer, _records, RecordStart[HighWater]);
        IndexSnapshot.WriteArray(writer, Alive, blocks);
        IndexSnapshot.WriteArray(writer, Unlocated, blocks);
        IndexSnapshot.WriteArray(writer, MinLatitude, blocks);
        IndexSnapshot.WriteArray(writer, MaxLatitude, blocks);
        IndexSnapshot.WriteArray(writer, MinLongitude, blocks);
        IndexSnapshot.WriteArray(writer, MaxLongitude, blocks);
        WritePostings(writer, Postings);
        WriteSide(writer, blocks);
    }

    /// <param name="records">Whether the snapshot holds records (version 5); before, skill starts and skills, then the columns apart.</param>
    public void ReadFrom(BinaryReader reader, bool records)
    {
        var highWater = reader.ReadInt32();
        var sorted = reader.ReadInt32();
        if (highWater < 0 || sorted < 0 || sorted > highWater)
        {
            throw new InvalidDataException("Bad table header.");
        }
        var capacity = Math.Max(1024, (highWater + 63) & ~63);
        var blocks = capacity >> 6;
        Ids = IndexSnapshot.ReadStrings(reader, capacity);
        // Version 5: record starts and records; before: skill starts and skills (the records are built by ReadSide).
        var starts = IndexSnapshot.ReadArray<int>(reader, capacity + 1);
        var data = IndexSnapshot.ReadArray<int>(reader, records ? 1024 : 0);
        Alive = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        Unlocated = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        AnyUnlocated = Unlocated.AsSpan().IndexOfAnyExcept(0UL) >= 0;
        MinLatitude = IndexSnapshot.ReadArray<double>(reader, blocks);
        MaxLatitude = IndexSnapshot.ReadArray<double>(reader, blocks);
        MinLongitude = IndexSnapshot.ReadArray<double>(reader, blocks);
        MaxLongitude = IndexSnapshot.ReadArray<double>(reader, blocks);
        ReadPostings(reader, Postings);
        if (Ids.Length != capacity || starts.Length != capacity + 1 || Alive.Length != blocks || starts[highWater] > data.Length)
        {
            throw new InvalidDataException("Inconsistent table arrays.");
        }
        if (records)
        {
            RecordStart = starts;
            _records = data;
            _recordEnd = starts[highWater];
            if (!RecordsHold(highWater))
            {
                throw new InvalidDataException("Inconsistent records.");
            }
            // The sides read their columns from the records.
            HighWater = highWater;
            ReadSide(reader, capacity, records: true);
        }
        else
        {
            _loading = (starts, data, highWater);
            RecordStart = new int[capacity + 1];
            ReadSide(reader, capacity, records: false);
            _loading = default;
        }
        if (RecordStart[highWater] != _recordEnd)
        {
            throw new InvalidDataException("Records not loaded.");
        }
        HighWater = highWater;
        SortedCount = sorted;
        AdviseHugePages();
        _docOf.Clear();
        _docOf.EnsureCapacity(highWater);
        for (var doc = 0; doc < highWater; doc++)
        {
            if (IsAlive(doc))
            {
                _docOf[Ids[doc]] = doc;
            }
        }
    }

    protected static void WritePostings(BinaryWriter writer, BlockPostings postings)
    {
        var (offsets, blocks, masks) = postings.ToCsr();
        IndexSnapshot.WriteArray(writer, offsets, offsets.Length);
        IndexSnapshot.WriteArray(writer, blocks, blocks.Length);
        IndexSnapshot.WriteArray(writer, masks, masks.Length);
    }

    protected static void ReadPostings(BinaryReader reader, BlockPostings postings)
    {
        var offsets = IndexSnapshot.ReadArray<int>(reader);
        var blocks = IndexSnapshot.ReadArray<int>(reader);
        var masks = IndexSnapshot.ReadArray<ulong>(reader);
        if (offsets.Length != postings.SkillCount + 1 || offsets[^1] != blocks.Length || blocks.Length != masks.Length)
        {
            throw new InvalidDataException("Postings of another taxonomy.");
        }
        postings.LoadCsr(offsets, blocks, masks);
    }

    /// <summary>Asks for huge pages under the arrays a query reads doc by doc (<see cref="HugePages"/>): after a load or a rebuild.</summary>
    protected virtual void AdviseHugePages()
    {
        HugePages.Advise(_records);
        HugePages.Advise(RecordStart);
    }

    /// <summary>The side's own columns and block summaries.</summary>
    protected abstract void WriteSide(BinaryWriter writer, int blocks);

    /// <summary>Whether the records read hold together: increasing starts, each record's skills and extras within it.</summary>
    private bool RecordsHold(int highWater)
    {
        for (var doc = 0; doc < highWater; doc++)
        {
            var start = RecordStart[doc];
            if (start < 0 || start > RecordStart[doc + 1] - HeaderInts || (start & 1) != 0)
            {
                return false;
            }
            long length = HeaderInts + (long)(uint)_records[start] + ExtraLength(_records[start + 1]);
            if (length > RecordStart[doc + 1] - start)
            {
                return false;
            }
        }
        return RecordStart[highWater] <= _records.Length;
    }

    /// <summary>
    /// Reads what <see cref="WriteSide"/> wrote, with arrays of <paramref name="capacity"/> docs. With <paramref name="records"/> (version 5)
    /// the records are read: the side derives what it keeps besides. Before, the side read its columns apart and builds the records:
    /// <see cref="BeginRecords"/>, then <see cref="LoadRecord"/> for every doc in doc order, setting its columns after each.
    /// </summary>
    protected abstract void ReadSide(BinaryReader reader, int capacity, bool records);

    /// <summary>Sizes the records for the docs being read and <paramref name="extraInts"/> extra ints in all; returns the doc count.</summary>
    protected int BeginRecords(int extraInts)
    {
        var (start, _, highWater) = _loading;
        _records = new int[Math.Max(1024, highWater * (HeaderInts + 1) + start[highWater] + extraInts)];
        _recordEnd = 0;
        return highWater;
    }

    /// <summary>Writes the record of doc <paramref name="doc"/> being read (the docs in order), with its skills as read.</summary>
    protected void LoadRecord(int doc, ReadOnlySpan<int> extras, int word)
    {
        var (start, data, _) = _loading;
        if (start[doc] > start[doc + 1])
        {
            throw new InvalidDataException("Inconsistent skill starts.");
        }
        WriteRecord(doc, data.AsSpan(start[doc], start[doc + 1] - start[doc]), extras, word);
    }

    protected abstract DocumentTable CreateEmpty();

    protected virtual void PresizePostings(DocumentTable source, int[] order) => Postings.Presize(source, order, 0);

    /// <summary>Appends a copy of doc <paramref name="doc"/> of <paramref name="source"/> (a table of the same side).</summary>
    protected abstract void AppendFrom(DocumentTable source, int doc);

    /// <summary>The cluster key of a doc: its ROME code's rank (<paramref name="romeRanks"/>), then its occupation; docs stating neither last.</summary>
    protected abstract long ClusterOf(int doc, int[] romeRanks);

    /// <summary>A cluster key from a ROME code id (-1: none) and an occupation id (-1: none).</summary>
    protected static long Cluster(int rome, int occupation, int[] romeRanks) =>
        ((long)(rome >= 0 ? romeRanks[rome] : int.MaxValue) << 32) | (uint)occupation;

    /// <summary>The doc's coordinates (NaN when it has none).</summary>
    public abstract (double Latitude, double Longitude) Location(int doc);

    /// <param name="ints">Ints of the records (a bound: those of the table the docs come from).</param>
    protected virtual void Reserve(int docs, int ints)
    {
        Grow(docs);
        _docOf.EnsureCapacity(docs);
        if (_records.Length < ints)
        {
            Array.Resize(ref _records, ints);
        }
    }

    /// <summary>Writes doc <paramref name="doc"/>'s record at the end of the records (its columns zero, for the side to set).</summary>
    private void WriteRecord(int doc, ReadOnlySpan<int> skills, ReadOnlySpan<int> extras, int word)
    {
        var start = _recordEnd;
        var end = start + HeaderInts + skills.Length + extras.Length;
        // The next record starts at an 8-byte boundary, so that its columns' doubles are aligned.
        var next = (end + 1) & ~1;
        if (_records.Length < next)
        {
            Array.Resize(ref _records, Math.Max(next, _records.Length * 2));
        }
        var record = _records.AsSpan(start, next - start);
        record.Clear();
        record[0] = skills.Length;
        record[1] = word;
        skills.CopyTo(record[HeaderInts..]);
        extras.CopyTo(record[(HeaderInts + skills.Length)..]);
        RecordStart[doc] = start;
        RecordStart[doc + 1] = next;
        _recordEnd = next;
    }

    /// <summary>Appends a doc (replacing a live doc of the same id); returns its doc id. The side then sets its columns.</summary>
    protected int AppendCore(string id, ReadOnlySpan<int> skills, ReadOnlySpan<int> extras, int word, double latitude, double longitude)
    {
        Remove(id);
        var doc = HighWater;
        if (doc >= Packed.IdMask)
        {
            throw new InvalidOperationException($"The index holds at most {Packed.IdMask} document versions between compactions.");
        }
        Grow(doc + 1);
        Ids[doc] = id;
        WriteRecord(doc, skills, extras, word);
        HighWater = doc + 1;
        var block = doc >> 6;
        var bit = 1UL << (doc & 63);
        if ((doc & 63) == 0)
        {
            MinLatitude[block] = MaxLatitude[block] = MinLongitude[block] = MaxLongitude[block] = double.NaN;
        }
        Alive[block] |= bit;
        if (double.IsNaN(latitude) || double.IsNaN(longitude))
        {
            Unlocated[block] |= bit;
            AnyUnlocated = true;
        }
        else if (double.IsNaN(MinLatitude[block]))
        {
            MinLatitude[block] = MaxLatitude[block] = latitude;
            MinLongitude[block] = MaxLongitude[block] = longitude;
        }
        else
        {
            MinLatitude[block] = Math.Min(MinLatitude[block], latitude);
            MaxLatitude[block] = Math.Max(MaxLatitude[block], latitude);
            MinLongitude[block] = Math.Min(MinLongitude[block], longitude);
            MaxLongitude[block] = Math.Max(MaxLongitude[block], longitude);
        }
        _docOf[id] = doc;
        foreach (var packed in skills)
        {
            Postings.Add(packed & Packed.IdMask, doc);
        }
        return doc;
    }

    private void Grow(int docs)
    {
        if (docs <= Ids.Length)
        {
            return;
        }
        var capacity = Math.Max(Math.Max(1024, docs), Ids.Length * 2);
        capacity = (capacity + 63) & ~63;
        Ids = Resize(Ids, capacity);
        var starts = RecordStart;
        Array.Resize(ref starts, capacity + 1);
        RecordStart = starts;
        var blocks = capacity >> 6;
        Alive = Resize(Alive, blocks);
        Unlocated = Resize(Unlocated, blocks);
        MinLatitude = Resize(MinLatitude, blocks);
        MaxLatitude = Resize(MaxLatitude, blocks);
        MinLongitude = Resize(MinLongitude, blocks);
        MaxLongitude = Resize(MaxLongitude, blocks);
        GrowColumns(capacity);
    }

    protected abstract void GrowColumns(int capacity);

    protected static T[] Resize<T>(T[] array, int capacity)
    {
        var copy = array;
        Array.Resize(ref copy, capacity);
        return copy;
    }
}

/// <summary>An offer's per-doc columns. Latitude is NaN without a place; ExperienceYears NaN when not stated.</summary>
internal struct OfferColumns
{
    public double Latitude;
    public double Longitude;
    public double ExperienceYears;
    public int Area;
    /// <summary>Taxonomy occupation id, -1 when unknown.</summary>
    public int Occupation;
    /// <summary>The ROME code's id in the index's code table (<see cref="InMemoryIndex.RomeCodes"/>), -1 when the offer states none.</summary>
    public int Rome;
    public ushort EssentialCount;
    public ushort OptionalCount;
    public ushort MustHaveCount;
    public ContractType Contract;
    public ExperienceRequirement Experience;
    /// <summary>
    /// The id + 1 of the offer's place wider than a commune in the index's area table (<see cref="InMemoryIndex.PlaceAreaKeys"/>), 0 when
    /// none (a located offer, France, remote work, abroad): the radius checks it (docs/scoring.md). In the struct's former tail padding (the
    /// columns stay 56 bytes); a snapshot of version 5 holds 0 there, and the index fills it from the store at load.
    /// </summary>
    public int PlaceArea;
}

/// <summary>
/// What an offer's own bound reads (<c>OfferScorer.Worth</c>), 12 bytes a doc in a dense array of its own: the bound checks ~30 docs of
/// each visited block and scores a few, so these are read for many more docs than the record. Each field is the column's value or
/// one that can only raise the bound: the years asked rounded down to a float (fewer years asked, a higher experience factor), a code
/// or occupation that does not fit 16 bits stated as unknown (<see cref="Unknown"/>: the occupation factor taken as 1).
/// </summary>
internal struct OfferKey
{
    /// <summary>A ROME code or occupation id too large for 16 bits: the factor's bound is 1.</summary>
    public const ushort Unknown = ushort.MaxValue;

    /// <summary>At most the offer's years asked (NaN when none stated).</summary>
    public float YearsAsked;
    /// <summary>The ROME code's id + 1 (0: none), or <see cref="Unknown"/>.</summary>
    public ushort Rome;
    /// <summary>The occupation id + 1 (0: none), or <see cref="Unknown"/>.</summary>
    public ushort Occupation;
    public byte Contract;
    public byte Experience;
    public bool Unlocated;

    public static OfferKey Of(in OfferColumns columns) => new()
    {
        YearsAsked = FloatAtMost(columns.ExperienceYears),
        Rome = Id16(columns.Rome),
        Occupation = Id16(columns.Occupation),
        Contract = (byte)columns.Contract,
        Experience = (byte)columns.Experience,
        Unlocated = double.IsNaN(columns.Latitude),
    };

    private static ushort Id16(int id) => id < 0 ? (ushort)0 : id + 1 < Unknown ? (ushort)(id + 1) : Unknown;

    /// <summary>The largest float at most <paramref name="value"/> (NaN stays NaN).</summary>
    public static float FloatAtMost(double value)
    {
        var f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    /// <summary>The smallest float at least <paramref name="value"/> (NaN stays NaN).</summary>
    public static float FloatAtLeast(double value)
    {
        var f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }
}

/// <summary>
/// What a profile's own bound reads (<c>ProfileScorer.Worth</c>) before its target jobs, 8 bytes a doc in a dense array of its own (see
/// <see cref="OfferKey"/>): the skill count (capped: fewer skills, a higher supply use), the contract wishes (0, any contract, when they
/// do not fit a byte), the years of experience rounded up to a float.
/// </summary>
internal struct ProfileKey
{
    public float Years;
    public ushort SkillCount;
    public byte Wishes;
    public bool Unlocated;

    public static ProfileKey Of(in ProfileColumns columns) => new()
    {
        Years = OfferKey.FloatAtLeast(columns.ExperienceYears),
        SkillCount = (ushort)Math.Min(columns.SkillCount, ushort.MaxValue),
        Wishes = columns.ContractWishes is >= 0 and <= byte.MaxValue ? (byte)columns.ContractWishes : (byte)0,
        Unlocated = double.IsNaN(columns.Latitude),
    };
}

/// <summary>A profile's per-doc columns. Latitude is NaN without a place.</summary>
internal struct ProfileColumns
{
    public double Latitude;
    public double Longitude;
    public double RadiusKm;
    public double ExperienceYears;
    public int ContractWishes;
    public int Area;
    /// <summary>Distinct skills supplied: the supply-use denominator.</summary>
    public int SkillCount;
    public bool Searchable;
    /// <summary>Mean evidence weight of the profile's skills (<see cref="MatchScorer.Attested"/>): a recruiter's score reads it.</summary>
    public double Attested;
}

/// <summary>
/// Offers. Must-have demanded skills have postings of their own; per block, the number of must-have
/// skills of each doc is kept as three bit planes (counts 0-7; docs with more are flagged for a check
/// one by one), so a query tells which docs have every must-have met with a few word operations.
/// </summary>
internal sealed class OfferTable(int skillCount) : DocumentTable(skillCount, Unsafe.SizeOf<OfferColumns>())
{
    /// <summary>The doc's columns (in its record).</summary>
    public ref OfferColumns Column(int doc) => ref Columns<OfferColumns>(doc);

    /// <summary>Per doc: what its own bound reads (<see cref="OfferKey"/>).</summary>
    public OfferKey[] Keys { get; private set; } = [];

    public BlockPostings MustPostings { get; } = new(skillCount);

    /// <summary>Per block: bit planes of each doc's must-have count (0-7).</summary>
    public ulong[] Must0 { get; private set; } = [];
    public ulong[] Must1 { get; private set; } = [];
    public ulong[] Must2 { get; private set; } = [];

    /// <summary>Per block: docs with 8 must-have skills or more (checked one by one).</summary>
    public ulong[] MustOverflow { get; private set; } = [];

    /// <summary>Per block: contracts of the docs (bit per <see cref="ContractType"/>).</summary>
    public int[] ContractMask { get; private set; } = [];

    /// <summary>Per block: the most lenient experience requirement and the fewest years asked (0 when one doc asks none).</summary>
    public byte[] MinRequirement { get; private set; } = [];
    public double[] MinYearsAsked { get; private set; } = [];

    /// <summary>Per block: the docs with a place wider than a commune (<see cref="OfferColumns.PlaceArea"/>), whose radius check reads it; derived from the columns, not in the snapshot.</summary>
    public ulong[] Areal { get; private set; } = [];

    /// <summary>Whether the snapshot read holds the place areas in the columns (version 6); before, they read as 0.</summary>
    public bool SnapshotHoldsPlaceAreas { get; init; } = true;

    /// <summary>The largest place area id of the columns read from a snapshot (checked against its key table).</summary>
    public int MaxPlaceAreaRead { get; private set; }

    /// <summary>True once some doc has a place wider than a commune.</summary>
    public bool HasAreal { get; private set; }

    /// <summary>Sets the place area of a doc (a snapshot of version 5 is completed so).</summary>
    public void SetPlaceArea(int doc, int placeArea)
    {
        Column(doc).PlaceArea = placeArea;
        var bit = 1UL << (doc & 63);
        if (placeArea > 0)
        {
            Areal[doc >> 6] |= bit;
            HasAreal = true;
        }
        else
        {
            Areal[doc >> 6] &= ~bit;
        }
    }

    public int Add(OfferRow row, int area, int rome, int placeArea = 0)
    {
        ushort essential = 0, optional = 0, must = 0;
        foreach (var packed in row.Skills)
        {
            if ((packed & Packed.Optional) != 0)
            {
                optional++;
            }
            else
            {
                essential++;
            }
            if ((packed & Packed.MustHave) != 0)
            {
                must++;
            }
        }
        return Append(row.Id, row.Skills, new OfferColumns
        {
            Latitude = row.Latitude,
            Longitude = row.Longitude,
            ExperienceYears = row.ExperienceYears,
            Area = area,
            Occupation = row.Occupation,
            Rome = rome,
            EssentialCount = essential,
            OptionalCount = optional,
            MustHaveCount = must,
            Contract = row.Contract,
            Experience = row.Experience,
            PlaceArea = placeArea,
        });
    }

    private int Append(string id, ReadOnlySpan<int> skills, in OfferColumns columns)
    {
        var doc = AppendCore(id, skills, [], 0, columns.Latitude, columns.Longitude);
        Column(doc) = columns;
        Keys[doc] = OfferKey.Of(columns);
        var block = doc >> 6;
        var bit = 1UL << (doc & 63);
        if (columns.PlaceArea > 0)
        {
            Areal[block] |= bit;
            HasAreal = true;
        }
        if ((doc & 63) == 0)
        {
            ContractMask[block] = 0;
            MinRequirement[block] = byte.MaxValue;
            MinYearsAsked[block] = double.PositiveInfinity;
        }
        ContractMask[block] |= 1 << (int)columns.Contract;
        MinRequirement[block] = Math.Min(MinRequirement[block], (byte)columns.Experience);
        MinYearsAsked[block] = Math.Min(MinYearsAsked[block], double.IsNaN(columns.ExperienceYears) ? 0 : columns.ExperienceYears);
        var must = columns.MustHaveCount;
        if (must >= 8)
        {
            MustOverflow[block] |= bit;
        }
        else
        {
            if ((must & 1) != 0)
            {
                Must0[block] |= bit;
            }
            if ((must & 2) != 0)
            {
                Must1[block] |= bit;
            }
            if ((must & 4) != 0)
            {
                Must2[block] |= bit;
            }
        }
        if (must > 0)
        {
            foreach (var packed in skills)
            {
                if ((packed & Packed.MustHave) != 0)
                {
                    MustPostings.Add(packed & Packed.IdMask, doc);
                }
            }
        }
        return doc;
    }

    public override (double Latitude, double Longitude) Location(int doc) => (Column(doc).Latitude, Column(doc).Longitude);

    protected override long ClusterOf(int doc, int[] romeRanks) => Cluster(Column(doc).Rome, Column(doc).Occupation, romeRanks);

    protected override DocumentTable CreateEmpty() => new OfferTable(SkillCount);

    protected override void PresizePostings(DocumentTable source, int[] order)
    {
        base.PresizePostings(source, order);
        MustPostings.Presize(source, order, Packed.MustHave);
    }

    protected override void AppendFrom(DocumentTable source, int doc)
    {
        var offers = (OfferTable)source;
        Append(offers.Ids[doc], offers.Skills(doc), offers.Column(doc));
    }

    protected override void WriteSide(BinaryWriter writer, int blocks)
    {
        WritePostings(writer, MustPostings);
        IndexSnapshot.WriteArray(writer, Must0, blocks);
        IndexSnapshot.WriteArray(writer, Must1, blocks);
        IndexSnapshot.WriteArray(writer, Must2, blocks);
        IndexSnapshot.WriteArray(writer, MustOverflow, blocks);
        IndexSnapshot.WriteArray(writer, ContractMask, blocks);
        IndexSnapshot.WriteArray(writer, MinRequirement, blocks);
        IndexSnapshot.WriteArray(writer, MinYearsAsked, blocks);
    }

    protected override void ReadSide(BinaryReader reader, int capacity, bool records)
    {
        var blocks = capacity >> 6;
        Keys = new OfferKey[capacity];
        Areal = new ulong[blocks];
        if (records)
        {
            for (var doc = 0; doc < HighWater; doc++)
            {
                if (!SnapshotHoldsPlaceAreas)
                {
                    // Before version 6 the place area was not kept: 0 (none) until the index fills it from the store.
                    Column(doc).PlaceArea = 0;
                }
                Keys[doc] = OfferKey.Of(Column(doc));
                MaxPlaceAreaRead = Math.Max(MaxPlaceAreaRead, Column(doc).PlaceArea < 0 ? int.MaxValue : Column(doc).PlaceArea);
                if (Column(doc).PlaceArea != 0)
                {
                    Areal[doc >> 6] |= 1UL << (doc & 63);
                    HasAreal = true;
                }
            }
        }
        else
        {
            var columns = IndexSnapshot.ReadArray<OfferColumns>(reader);
            var docs = BeginRecords(0);
            if (columns.Length != docs)
            {
                throw new InvalidDataException("Inconsistent columns.");
            }
            for (var doc = 0; doc < docs; doc++)
            {
                LoadRecord(doc, [], 0);
                Column(doc) = columns[doc] with { PlaceArea = 0 };
                Keys[doc] = OfferKey.Of(columns[doc]);
            }
        }
        ReadPostings(reader, MustPostings);
        Must0 = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        Must1 = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        Must2 = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        MustOverflow = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        ContractMask = IndexSnapshot.ReadArray<int>(reader, blocks);
        MinRequirement = IndexSnapshot.ReadArray<byte>(reader, blocks);
        MinYearsAsked = IndexSnapshot.ReadArray<double>(reader, blocks);
    }

    protected override void AdviseHugePages()
    {
        base.AdviseHugePages();
        HugePages.Advise(Keys);
    }

    protected override void GrowColumns(int capacity)
    {
        Keys = Resize(Keys, capacity);
        var blocks = capacity >> 6;
        Must0 = Resize(Must0, blocks);
        Must1 = Resize(Must1, blocks);
        Must2 = Resize(Must2, blocks);
        MustOverflow = Resize(MustOverflow, blocks);
        ContractMask = Resize(ContractMask, blocks);
        MinRequirement = Resize(MinRequirement, blocks);
        MinYearsAsked = Resize(MinYearsAsked, blocks);
        Areal = Resize(Areal, blocks);
    }
}

/// <summary>Profiles: skills sorted ascending; target occupations kept aside (supply/demand and clustering read them), and target
/// ROME codes (ids in the index's code table; the occupation factor reads them).</summary>
internal sealed class ProfileTable(int skillCount) : DocumentTable(skillCount, Unsafe.SizeOf<ProfileColumns>())
{
    /// <summary>The doc's columns (in its record).</summary>
    public ref ProfileColumns Column(int doc) => ref Columns<ProfileColumns>(doc);

    /// <summary>Per doc: what its own bound reads first (<see cref="ProfileKey"/>).</summary>
    public ProfileKey[] Keys { get; private set; } = [];

    /// <summary>Per block: the fewest skills of a doc with at least one (the supply-use bound's denominator).</summary>
    public int[] MinSkillCount { get; private set; } = [];

    /// <summary>Per block: OR of the docs' contract wishes, a doc open to any contract counting as every bit.</summary>
    public int[] WishesMask { get; private set; } = [];

    /// <summary>Per block: the most years of experience of a doc.</summary>
    public double[] MaxYears { get; private set; } = [];

    /// <summary>Per block: the smallest and largest radius of a located doc.</summary>
    public double[] MinRadius { get; private set; } = [];
    public double[] MaxRadius { get; private set; } = [];

    /// <summary>Per block: the docs that consented to be found.</summary>
    public ulong[] Searchable { get; private set; } = [];

    /// <summary>The largest radius of a located doc (0 when none).</summary>
    public double MaxRadiusKm { get; private set; }

    /// <summary>
    /// Per target ROME code id (<see cref="InMemoryIndex.RomeCodes"/>), the blocks holding a doc that targets it and which docs: the postings of
    /// the job a seeker aims at, as <see cref="DocumentTable.Postings"/> are a skill's. Docs of one job and one place are neighbours, so a code
    /// has few entries, nearly full. Derived from the records (not in the snapshot); tombstones stay, as in the skill postings.
    /// </summary>
    public BlockPostings RomePostings { get; private set; } = new(0);

    /// <summary>Per target ESCO occupation (taxonomy id), the same.</summary>
    public BlockPostings OccupationPostings { get; private set; } = new(0);

    /// <summary>The docs that target no job (neither a code nor an occupation), as the postings of key 0.</summary>
    public BlockPostings UntargetedPostings { get; private set; } = new(1);

    /// <summary>The doc's target occupations (taxonomy ids), in its record after its target codes.</summary>
    public ReadOnlySpan<int> Occupations(int doc)
    {
        var extras = Extras(doc, out var word);
        return extras[(word & 0xFFFF)..];
    }

    /// <summary>The doc's target ROME codes, as ids of <see cref="InMemoryIndex.RomeCodes"/>, in its record after its skills.</summary>
    public ReadOnlySpan<int> Romes(int doc)
    {
        var extras = Extras(doc, out var word);
        return extras[..(word & 0xFFFF)];
    }

    /// <summary>A record's extra word: the count of its target codes (low 16 bits), then of its occupations.</summary>
    protected override int ExtraLength(int word) => (word & 0xFFFF) + (int)((uint)word >> 16);

    private static int Word(ReadOnlySpan<int> romes, ReadOnlySpan<int> occupations) =>
        romes.Length > 0xFFFF || occupations.Length > 0xFFFF
            ? throw new ArgumentException("Too many target jobs.")
            : romes.Length | (occupations.Length << 16);

    public int Add(ProfileRow row, int area, int[] romes) =>
        Append(row.Id, row.Skills, new ProfileColumns
        {
            Latitude = row.Latitude,
            Longitude = row.Longitude,
            RadiusKm = row.RadiusKm,
            ExperienceYears = row.ExperienceYears,
            ContractWishes = row.ContractWishes,
            Area = area,
            SkillCount = row.Skills.Length,
            Searchable = row.Searchable,
            Attested = row.Attested,
        }, row.Occupations, romes);

    private int Append(string id, ReadOnlySpan<int> skills, in ProfileColumns columns, ReadOnlySpan<int> occupations, ReadOnlySpan<int> romes)
    {
        var doc = AppendCore(id, skills, [.. romes, .. occupations], Word(romes, occupations), columns.Latitude, columns.Longitude);
        Column(doc) = columns;
        Keys[doc] = ProfileKey.Of(columns);
        AddTargets(doc);
        var block = doc >> 6;
        var bit = 1UL << (doc & 63);
        if ((doc & 63) == 0)
        {
            MinSkillCount[block] = int.MaxValue;
            WishesMask[block] = 0;
            MaxYears[block] = double.NegativeInfinity;
            MinRadius[block] = double.PositiveInfinity;
            MaxRadius[block] = double.NegativeInfinity;
        }
        if (columns.SkillCount > 0)
        {
            MinSkillCount[block] = Math.Min(MinSkillCount[block], columns.SkillCount);
        }
        WishesMask[block] |= columns.ContractWishes == 0 ? -1 : columns.ContractWishes;
        MaxYears[block] = Math.Max(MaxYears[block], columns.ExperienceYears);
        if (!double.IsNaN(columns.Latitude))
        {
            MinRadius[block] = Math.Min(MinRadius[block], columns.RadiusKm);
            MaxRadius[block] = Math.Max(MaxRadius[block], columns.RadiusKm);
            MaxRadiusKm = Math.Max(MaxRadiusKm, columns.RadiusKm);
        }
        if (columns.Searchable)
        {
            Searchable[block] |= bit;
        }
        return doc;
    }

    /// <summary>Adds a doc (the last one appended or read) to the postings of its target jobs.</summary>
    private void AddTargets(int doc)
    {
        var romes = Romes(doc);
        var occupations = Occupations(doc);
        if (romes.Length == 0 && occupations.Length == 0)
        {
            UntargetedPostings.Add(0, doc);
            return;
        }
        foreach (var rome in romes)
        {
            RomePostings.Add(rome, doc);
        }
        foreach (var occupation in occupations)
        {
            OccupationPostings.Add(occupation, doc);
        }
    }

    public override (double Latitude, double Longitude) Location(int doc) => (Column(doc).Latitude, Column(doc).Longitude);

    protected override long ClusterOf(int doc, int[] romeRanks) =>
        Cluster(Romes(doc) is [var rome, ..] ? rome : -1, Occupations(doc) is [var first, ..] ? first : -1, romeRanks);

    protected override DocumentTable CreateEmpty() => new ProfileTable(SkillCount);

    protected override void AppendFrom(DocumentTable source, int doc)
    {
        var profiles = (ProfileTable)source;
        Append(profiles.Ids[doc], profiles.Skills(doc), profiles.Column(doc), profiles.Occupations(doc), profiles.Romes(doc));
    }

    protected override void WriteSide(BinaryWriter writer, int blocks)
    {
        IndexSnapshot.WriteArray(writer, MinSkillCount, blocks);
        IndexSnapshot.WriteArray(writer, WishesMask, blocks);
        IndexSnapshot.WriteArray(writer, MaxYears, blocks);
        IndexSnapshot.WriteArray(writer, MinRadius, blocks);
        IndexSnapshot.WriteArray(writer, MaxRadius, blocks);
        IndexSnapshot.WriteArray(writer, Searchable, blocks);
        writer.Write(MaxRadiusKm);
    }

    protected override void ReadSide(BinaryReader reader, int capacity, bool records)
    {
        var blocks = capacity >> 6;
        RomePostings = new BlockPostings(0);
        OccupationPostings = new BlockPostings(0);
        UntargetedPostings = new BlockPostings(1);
        if (records)
        {
            Keys = new ProfileKey[capacity];
            for (var doc = 0; doc < HighWater; doc++)
            {
                Keys[doc] = ProfileKey.Of(Column(doc));
                AddTargets(doc);
            }
        }
        else
        {
            ReadColumnsApart(reader, capacity);
        }
        MinSkillCount = IndexSnapshot.ReadArray<int>(reader, blocks);
        WishesMask = IndexSnapshot.ReadArray<int>(reader, blocks);
        MaxYears = IndexSnapshot.ReadArray<double>(reader, blocks);
        MinRadius = IndexSnapshot.ReadArray<double>(reader, blocks);
        MaxRadius = IndexSnapshot.ReadArray<double>(reader, blocks);
        Searchable = IndexSnapshot.ReadArray<ulong>(reader, blocks);
        MaxRadiusKm = reader.ReadDouble();
    }

    /// <summary>Before version 5: the columns, then the target occupations and codes apart; builds the records.</summary>
    private void ReadColumnsApart(BinaryReader reader, int capacity)
    {
        var columns = IndexSnapshot.ReadArray<ProfileColumns>(reader);
        var occupationEnds = IndexSnapshot.ReadArray<int>(reader);
        var occupations = IndexSnapshot.ReadArray<int>(reader);
        var romeEnds = IndexSnapshot.ReadArray<int>(reader);
        var romes = IndexSnapshot.ReadArray<int>(reader);
        var docs = BeginRecords(occupations.Length + romes.Length);
        Keys = new ProfileKey[capacity];
        if (columns.Length != docs || occupationEnds.Length != docs || romeEnds.Length != docs)
        {
            throw new InvalidDataException("Inconsistent columns.");
        }
        Span<int> extras = stackalloc int[64];
        for (int doc = 0, occupationStart = 0, romeStart = 0; doc < docs; doc++)
        {
            var docOccupations = occupations.AsSpan(occupationStart, occupationEnds[doc] - occupationStart);
            var docRomes = romes.AsSpan(romeStart, romeEnds[doc] - romeStart);
            var length = docRomes.Length + docOccupations.Length;
            var all = length <= extras.Length ? extras[..length] : new int[length];
            docRomes.CopyTo(all);
            docOccupations.CopyTo(all[docRomes.Length..]);
            LoadRecord(doc, all, Word(docRomes, docOccupations));
            Column(doc) = columns[doc];
            Keys[doc] = ProfileKey.Of(columns[doc]);
            AddTargets(doc);
            occupationStart = occupationEnds[doc];
            romeStart = romeEnds[doc];
        }
    }

    protected override void GrowColumns(int capacity)
    {
        Keys = Resize(Keys, capacity);
        var blocks = capacity >> 6;
        MinSkillCount = Resize(MinSkillCount, blocks);
        WishesMask = Resize(WishesMask, blocks);
        MaxYears = Resize(MaxYears, blocks);
        MinRadius = Resize(MinRadius, blocks);
        MaxRadius = Resize(MaxRadius, blocks);
        Searchable = Resize(Searchable, blocks);
    }
}
