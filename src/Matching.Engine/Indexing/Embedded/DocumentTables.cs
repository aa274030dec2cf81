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
/// What both sides share: dense doc ids (append-only, an update tombstones the old id and appends a
/// new one), external ids, skills and postings. The columns a query reads per candidate live in one
/// struct per doc (<typeparamref name="TColumns"/>), so that scoring a candidate costs one cache
/// line rather than one miss per column. Not thread-safe: <see cref="EmbeddedMatchIndex"/>
/// serialises writers against readers.
/// </summary>
internal abstract class DocumentTable<TColumns>(int skillCount) : DocumentTable
    where TColumns : struct, IDocumentColumns
{
    private readonly Dictionary<string, int> _docOf = new(StringComparer.Ordinal);

    public string[] Ids { get; private set; } = [];
    public int[][] Skills { get; private set; } = [];
    public TColumns[] Columns { get; private set; } = [];
    public PostingList[] Postings { get; } = new PostingList[skillCount];

    public override int HighWater { get; protected set; }

    public override int LiveCount => _docOf.Count;

    public override bool Contains(string id) => _docOf.ContainsKey(id);

    public override bool Remove(string id)
    {
        if (!_docOf.Remove(id, out var doc))
        {
            return false;
        }
        Columns[doc].Alive = false;
        return true;
    }

    public override void Compact()
    {
        var next = 0;
        for (var doc = 0; doc < HighWater; doc++)
        {
            if (!Columns[doc].Alive)
            {
                continue;
            }
            if (doc != next)
            {
                Ids[next] = Ids[doc];
                Skills[next] = Skills[doc];
                Columns[next] = Columns[doc];
            }
            next++;
        }
        Array.Clear(Ids, next, HighWater - next);
        Array.Clear(Skills, next, HighWater - next);
        Array.Clear(Columns, next, HighWater - next);
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

    protected int Append(string id, int[] skills, in TColumns columns)
    {
        Remove(id);
        if (HighWater == Ids.Length)
        {
            var capacity = Math.Max(1024, Ids.Length * 2);
            Ids = Resize(Ids, capacity);
            Skills = Resize(Skills, capacity);
            Columns = Resize(Columns, capacity);
        }
        var doc = HighWater;
        if (doc > Packed.IdMask)
        {
            throw new InvalidOperationException($"The index holds at most {Packed.IdMask + 1} document versions between compactions.");
        }
        HighWater++;
        Ids[doc] = id;
        Skills[doc] = skills;
        Columns[doc] = columns;
        Columns[doc].Alive = true;
        _docOf[id] = doc;
        Post(doc);
        return doc;
    }

    private static T[] Resize<T>(T[] array, int capacity)
    {
        var copy = array;
        Array.Resize(ref copy, capacity);
        return copy;
    }

    /// <summary>Appends <paramref name="doc"/> to the postings of its skills.</summary>
    protected abstract void Post(int doc);
}

/// <summary>The side-independent face of a table, for writes and housekeeping.</summary>
internal abstract class DocumentTable
{
    /// <summary>Compaction runs when tombstones exceed this share of doc ids (and <see cref="MinDeadToCompact"/>).</summary>
    public const double DeadShareToCompact = 0.25;
    public const int MinDeadToCompact = 4096;

    /// <summary>Doc ids in use, dead ones included: the size query buffers need.</summary>
    public abstract int HighWater { get; protected set; }

    public abstract int LiveCount { get; }

    public int DeadCount => HighWater - LiveCount;

    public abstract bool Contains(string id);

    public abstract bool Remove(string id);

    /// <summary>Drops tombstones, renumbering doc ids densely and rebuilding postings.</summary>
    public abstract void Compact();

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
}

internal interface IDocumentColumns
{
    bool Alive { get; set; }
}

/// <summary>An offer's per-doc columns. Latitude is NaN without a place; ExperienceYears NaN when not stated.</summary>
internal struct OfferColumns : IDocumentColumns
{
    public double Latitude;
    public double Longitude;
    public double ExperienceYears;
    public int Area;
    /// <summary>Taxonomy occupation id, -1 when unknown.</summary>
    public int Occupation;
    public ushort EssentialCount;
    public ushort OptionalCount;
    public ushort MustHaveCount;
    public ContractType Contract;
    public ExperienceRequirement Experience;

    public bool Alive { get; set; }
}

/// <summary>A profile's per-doc columns. Latitude is NaN without a place.</summary>
internal struct ProfileColumns : IDocumentColumns
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
    /// <summary>Mean evidence weight of the profile's skills (<see cref="MatchScorer.Attested"/>).</summary>
    public double Attested;

    public bool Alive { get; set; }
}

/// <summary>Offers: postings carry the importance and must-have flags of the demanded skill.</summary>
internal sealed class OfferTable(int skillCount) : DocumentTable<OfferColumns>(skillCount)
{
    public int Add(OfferRow row, int area)
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
            EssentialCount = essential,
            OptionalCount = optional,
            MustHaveCount = must,
            Contract = row.Contract,
            Experience = row.Experience,
        });
    }

    protected override void Post(int doc)
    {
        foreach (var packed in Skills[doc])
        {
            Postings[packed & Packed.IdMask].Add(doc | (packed & ~Packed.IdMask));
        }
    }
}

/// <summary>Profiles: postings are plain doc ids; target occupations are kept aside (only supply/demand reads them).</summary>
internal sealed class ProfileTable(int skillCount) : DocumentTable<ProfileColumns>(skillCount)
{
    private int[][] _occupations = [];

    public ReadOnlySpan<int> Occupations(int doc) => _occupations[doc];

    public int Add(ProfileRow row, int area)
    {
        var doc = Append(row.Id, row.Skills, new ProfileColumns
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
        });
        if (doc >= _occupations.Length)
        {
            Array.Resize(ref _occupations, Ids.Length);
        }
        _occupations[doc] = row.Occupations;
        return doc;
    }

    public override void Compact()
    {
        // Keep the side array in step with the renumbering done by the base.
        var next = 0;
        for (var doc = 0; doc < HighWater; doc++)
        {
            if (Columns[doc].Alive)
            {
                _occupations[next++] = _occupations[doc];
            }
        }
        Array.Clear(_occupations, next, _occupations.Length - next);
        base.Compact();
    }

    protected override void Post(int doc)
    {
        foreach (var skill in Skills[doc])
        {
            Postings[skill].Add(doc);
        }
    }
}
