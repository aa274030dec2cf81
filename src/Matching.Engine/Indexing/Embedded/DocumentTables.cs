namespace Matching.Engine.Indexing.Embedded;

/// <summary>A growable run of ints: one posting list (doc ids, with <see cref="Packed"/> flags for offers).</summary>
internal struct PostingList
{
    private int[]? _items;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<int> Span => _items is null ? [] : _items.AsSpan(0, Count);

    public void Add(int value)
    {
        if (_items is null || Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, Count * 2));
        }
        _items[Count++] = value;
    }

    public void Clear() => Count = 0;
}

/// <summary>
/// The columns both sides share: dense doc ids (append-only, an update tombstones the old id and
/// appends a new one), external ids, liveness, coordinates, employment area, skills and postings.
/// Not thread-safe: <see cref="EmbeddedMatchIndex"/> serialises writers against readers.
/// </summary>
internal abstract class DocumentTable(int skillCount)
{
    /// <summary>Compaction runs when tombstones exceed this share of doc ids (and <see cref="MinDeadToCompact"/>).</summary>
    public const double DeadShareToCompact = 0.25;
    public const int MinDeadToCompact = 4096;

    private readonly Dictionary<string, int> _docOf = new(StringComparer.Ordinal);

    public string[] Ids { get; private set; } = [];
    public bool[] Alive { get; private set; } = [];
    public double[] Latitude { get; private set; } = [];
    public double[] Longitude { get; private set; } = [];
    public int[] Area { get; private set; } = [];
    public int[][] Skills { get; private set; } = [];
    public PostingList[] Postings { get; } = new PostingList[skillCount];

    /// <summary>Doc ids in use, dead ones included: the size query buffers need.</summary>
    public int HighWater { get; private set; }

    public int LiveCount => _docOf.Count;

    public int DeadCount => HighWater - LiveCount;

    public bool TryGetDoc(string id, out int doc) => _docOf.TryGetValue(id, out doc);

    public bool Contains(string id) => _docOf.ContainsKey(id);

    public bool Remove(string id)
    {
        if (!_docOf.Remove(id, out var doc))
        {
            return false;
        }
        Alive[doc] = false;
        OnRemoved(doc);
        return true;
    }

    /// <summary>Drops tombstones when they are too many: doc ids are renumbered densely and postings rebuilt.</summary>
    public bool CompactIfNeeded()
    {
        var dead = DeadCount;
        if (dead < MinDeadToCompact || dead < HighWater * DeadShareToCompact)
        {
            return false;
        }
        Compact();
        return true;
    }

    public void Compact()
    {
        var next = 0;
        for (var doc = 0; doc < HighWater; doc++)
        {
            if (!Alive[doc])
            {
                continue;
            }
            if (doc != next)
            {
                Ids[next] = Ids[doc];
                Alive[next] = true;
                Latitude[next] = Latitude[doc];
                Longitude[next] = Longitude[doc];
                Area[next] = Area[doc];
                Skills[next] = Skills[doc];
                Move(doc, next);
            }
            next++;
        }
        for (var doc = next; doc < HighWater; doc++)
        {
            Ids[doc] = null!;
            Skills[doc] = null!;
            Alive[doc] = false;
        }
        HighWater = next;
        for (var s = 0; s < Postings.Length; s++)
        {
            Postings[s].Clear();
        }
        for (var doc = 0; doc < HighWater; doc++)
        {
            _docOf[Ids[doc]] = doc;
            Post(doc);
        }
    }

    protected int Append(string id, int[] skills, double latitude, double longitude, int area)
    {
        Remove(id);
        if (HighWater == Ids.Length)
        {
            var capacity = Math.Max(1024, Ids.Length * 2);
            Ids = Resize(Ids, capacity);
            Alive = Resize(Alive, capacity);
            Latitude = Resize(Latitude, capacity);
            Longitude = Resize(Longitude, capacity);
            Area = Resize(Area, capacity);
            Skills = Resize(Skills, capacity);
            Grow(capacity);
        }
        var doc = HighWater;
        if (doc > Packed.IdMask)
        {
            throw new InvalidOperationException($"The index holds at most {Packed.IdMask + 1} document versions between compactions.");
        }
        HighWater++;
        Ids[doc] = id;
        Alive[doc] = true;
        Latitude[doc] = latitude;
        Longitude[doc] = longitude;
        Area[doc] = area;
        Skills[doc] = skills;
        _docOf[id] = doc;
        Post(doc);
        return doc;
    }

    protected static T[] Resize<T>(T[] array, int capacity)
    {
        var copy = array;
        Array.Resize(ref copy, capacity);
        return copy;
    }

    protected abstract void Grow(int capacity);

    protected abstract void Move(int from, int to);

    protected virtual void OnRemoved(int doc)
    {
    }

    /// <summary>Appends <paramref name="doc"/> to the postings of its skills.</summary>
    protected abstract void Post(int doc);
}

/// <summary>Offers: postings carry the importance and must-have flags of the demanded skill.</summary>
internal sealed class OfferTable(int skillCount) : DocumentTable(skillCount)
{
    public ushort[] EssentialCount { get; private set; } = [];
    public ushort[] OptionalCount { get; private set; } = [];
    public ushort[] MustHaveCount { get; private set; } = [];
    public byte[] Contract { get; private set; } = [];
    public byte[] Experience { get; private set; } = [];
    /// <summary>NaN when not stated.</summary>
    public double[] ExperienceYears { get; private set; } = [];
    /// <summary>Taxonomy occupation id, -1 when unknown.</summary>
    public int[] Occupation { get; private set; } = [];

    public int Add(OfferRow row, int area)
    {
        var doc = Append(row.Id, row.Skills, row.Latitude, row.Longitude, area);
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
        EssentialCount[doc] = essential;
        OptionalCount[doc] = optional;
        MustHaveCount[doc] = must;
        Contract[doc] = (byte)row.Contract;
        Experience[doc] = (byte)row.Experience;
        ExperienceYears[doc] = row.ExperienceYears;
        Occupation[doc] = row.Occupation;
        return doc;
    }

    protected override void Grow(int capacity)
    {
        EssentialCount = Resize(EssentialCount, capacity);
        OptionalCount = Resize(OptionalCount, capacity);
        MustHaveCount = Resize(MustHaveCount, capacity);
        Contract = Resize(Contract, capacity);
        Experience = Resize(Experience, capacity);
        ExperienceYears = Resize(ExperienceYears, capacity);
        Occupation = Resize(Occupation, capacity);
    }

    protected override void Move(int from, int to)
    {
        EssentialCount[to] = EssentialCount[from];
        OptionalCount[to] = OptionalCount[from];
        MustHaveCount[to] = MustHaveCount[from];
        Contract[to] = Contract[from];
        Experience[to] = Experience[from];
        ExperienceYears[to] = ExperienceYears[from];
        Occupation[to] = Occupation[from];
    }

    protected override void Post(int doc)
    {
        foreach (var packed in Skills[doc])
        {
            Postings[packed & Packed.IdMask].Add(doc | (packed & ~Packed.IdMask));
        }
    }
}

/// <summary>Profiles: postings are plain doc ids.</summary>
internal sealed class ProfileTable(int skillCount) : DocumentTable(skillCount)
{
    public double[] RadiusKm { get; private set; } = [];
    public double[] ExperienceYears { get; private set; } = [];
    public int[] ContractWishes { get; private set; } = [];
    public bool[] Searchable { get; private set; } = [];
    public int[][] Occupations { get; private set; } = [];

    public int Add(ProfileRow row, int area)
    {
        var doc = Append(row.Id, row.Skills, row.Latitude, row.Longitude, area);
        RadiusKm[doc] = row.RadiusKm;
        ExperienceYears[doc] = row.ExperienceYears;
        ContractWishes[doc] = row.ContractWishes;
        Searchable[doc] = row.Searchable;
        Occupations[doc] = row.Occupations;
        return doc;
    }

    protected override void Grow(int capacity)
    {
        RadiusKm = Resize(RadiusKm, capacity);
        ExperienceYears = Resize(ExperienceYears, capacity);
        ContractWishes = Resize(ContractWishes, capacity);
        Searchable = Resize(Searchable, capacity);
        Occupations = Resize(Occupations, capacity);
    }

    protected override void Move(int from, int to)
    {
        RadiusKm[to] = RadiusKm[from];
        ExperienceYears[to] = ExperienceYears[from];
        ContractWishes[to] = ContractWishes[from];
        Searchable[to] = Searchable[from];
        Occupations[to] = Occupations[from];
    }

    protected override void OnRemoved(int doc) => Searchable[doc] = false;

    protected override void Post(int doc)
    {
        foreach (var skill in Skills[doc])
        {
            Postings[skill].Add(doc);
        }
    }
}
