using Matching.Engine.Indexing;
using Matching.Engine.Market;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Corpus;

/// <summary>
/// Generates realistic offers and profiles for benchmarks, quality evaluation and demos: offers
/// follow the real counts of open offers per commune and ROME code (Pôle emploi, 21 Dec 2021),
/// ROME codes go to ESCO occupations through the official crosswalk, and skills come from the
/// occupation's ESCO essential and optional skills.
/// </summary>
/// <remarks>
/// Deterministic: each stream (<see cref="Offers"/>, <see cref="Profiles"/>) starts its own
/// <see cref="Random"/> from the seed, so the same seed gives the same documents whatever else
/// runs. Streams are lazy: the caller counts what it consumed to report progress.
/// </remarks>
public sealed class CorpusGenerator
{
    // Offers and profiles must not draw the same sequence for the same seed, or every profile
    // would sit on the same occupation as the offer of the same rank.
    private const int ProfileStreamSalt = 0x5EED_0001;

    private static readonly DateTimeOffset s_snapshot = new(2021, 12, 21, 0, 0, 0, TimeSpan.Zero);

    // France Travail's 2021 mix, rounded: CDI 45 %, CDD 30 %, MIS (intérim) 18 %, then the rest.
    private static readonly ContractType[] s_contracts =
        [ContractType.Permanent, ContractType.FixedTerm, ContractType.Temporary, ContractType.Seasonal, ContractType.WorkStudy, ContractType.Freelance, ContractType.Other];
    private static readonly WeightedTable s_contractTable = new([45, 30, 18, 3, 2, 1, 1]);

    private static readonly WeightedTable s_experienceTable = new([45, 35, 20]);

    private static readonly SkillEvidence[] s_evidence = [SkillEvidence.Declared, SkillEvidence.PastJob, SkillEvidence.AdviserConfirmed];
    private static readonly WeightedTable s_evidenceTable = new([50, 35, 15]);

    private readonly SkillsTaxonomy _taxonomy;
    private readonly int _seed;
    private readonly CorpusTables _tables;
    private readonly OccupationEntry?[] _occupations;
    private readonly OfferedSkill?[] _offeredSkills;

    /// <param name="taxonomy">ESCO + ROME + crosswalk.</param>
    /// <param name="communes">Communes with coordinates and population (arrondissements for Paris, Lyon, Marseille).</param>
    /// <param name="offerCounts">Offers counted per commune and ROME code.</param>
    /// <param name="seed">Seed of every stream.</param>
    public CorpusGenerator(SkillsTaxonomy taxonomy, IReadOnlyList<CorpusCommune> communes, IEnumerable<OfferCount> offerCounts, int seed)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(offerCounts);
        if (communes.Count == 0)
        {
            throw new ArgumentException("The generator needs at least one commune (communes).", nameof(communes));
        }

        _taxonomy = taxonomy;
        _seed = seed;
        _tables = CorpusTables.Build(taxonomy, communes, offerCounts);
        _occupations = new OccupationEntry?[taxonomy.Occupations.Count];
        _offeredSkills = new OfferedSkill?[taxonomy.Skills.Count * 4];
    }

    public CorpusGenerator(SkillsTaxonomy taxonomy, CorpusSources sources, int seed)
        : this(taxonomy, (sources ?? throw new ArgumentNullException(nameof(sources))).Communes, sources.OfferCounts, seed)
    {
    }

    /// <summary>Offers in the counts given (all ROME codes).</summary>
    public long CountedOffers => _tables.CountedOffers;

    /// <summary>Offers of ROME codes the crosswalk does not link to an ESCO occupation with skills: not generated.</summary>
    public long UnmappedOffers => _tables.UnmappedOffers;

    public int Seed => _seed;

    /// <summary>
    /// <paramref name="count"/> offers, <c>gen-o-{seed}-{n}</c>, lazily: enumerate once per use,
    /// count items to report progress.
    /// </summary>
    public IEnumerable<OfferDocument> Offers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return OffersIterator(count);
    }

    /// <summary><paramref name="count"/> profiles, <c>gen-p-{seed}-{n}</c>, lazily.</summary>
    public IEnumerable<ProfileDocument> Profiles(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ProfilesIterator(count);
    }

    private IEnumerable<OfferDocument> OffersIterator(int count)
    {
        var random = new Random(_seed);
        var skills = new List<DemandedSkill>(64);
        for (var n = 0; n < count; n++)
        {
            var cell = _tables.Cells[_tables.CellTable.Sample(random)];
            var rome = _tables.Romes[cell.Rome];
            var occupationId = rome.Occupations[rome.Table.Sample(random)];
            var place = PlaceIn(_tables.Groups[cell.Group], random);
            yield return Offer(occupationId, rome.Code, place, random, n, skills);
        }
    }

    private IEnumerable<ProfileDocument> ProfilesIterator(int count)
    {
        var random = new Random(_seed ^ ProfileStreamSalt);
        var skills = new List<OfferedSkill>(64);
        for (var n = 0; n < count; n++)
        {
            var cell = _tables.Cells[_tables.CellTable.Sample(random)];
            var rome = _tables.Romes[cell.Rome];
            var occupationId = rome.Occupations[rome.Table.Sample(random)];
            var place = _tables.Places[_tables.PopulationTable.Sample(random)];
            yield return Profile(occupationId, rome.Code, place, random, n, skills);
        }
    }

    /// <summary>One offer of a given occupation (the quality evaluation builds its set with it).</summary>
    internal OfferDocument Offer(int occupationId, string? romeCode, Place place, Random random, int n, List<DemandedSkill> buffer)
    {
        var occupation = Occupation(occupationId);
        buffer.Clear();
        for (var i = 0; i < occupation.Essential.Length; i++)
        {
            if (random.NextDouble() < 0.85)
            {
                buffer.Add(random.NextDouble() < 0.05 ? occupation.EssentialMustHave[i] : occupation.Essential[i]);
            }
        }
        if (buffer.Count == 0)
        {
            buffer.Add(occupation.Essential[random.Next(occupation.Essential.Length)]);
        }
        foreach (var skill in occupation.Optional)
        {
            if (random.NextDouble() < 0.3)
            {
                buffer.Add(skill);
            }
        }

        var experience = (ExperienceRequirement)s_experienceTable.Sample(random);
        return new OfferDocument
        {
            Id = $"gen-o-{_seed}-{n}",
            Title = occupation.Title,
            OccupationUri = occupation.Uri,
            RomeCode = romeCode,
            Skills = [.. buffer],
            Place = place,
            Contract = s_contracts[s_contractTable.Sample(random)],
            Experience = experience,
            ExperienceYears = experience == ExperienceRequirement.Required ? 1 + random.Next(5) : null,
            FullTime = random.NextDouble() < 0.8,
            CreatedAt = s_snapshot.AddDays(-random.Next(60)),
            Source = "generator",
        };
    }

    /// <summary>
    /// One profile aiming at a given occupation: its essential skills with ~30 % removed, some
    /// optional skills, and ~20 % unrelated skills (what seekers really list is noisy).
    /// </summary>
    internal ProfileDocument Profile(int occupationId, string? romeCode, Place place, Random random, int n, List<OfferedSkill> buffer)
    {
        var occupation = Occupation(occupationId);
        buffer.Clear();
        foreach (var id in occupation.EssentialIds)
        {
            if (random.NextDouble() >= 0.3)
            {
                buffer.Add(Offered(id, random));
            }
        }
        if (buffer.Count == 0)
        {
            buffer.Add(Offered(occupation.EssentialIds[random.Next(occupation.EssentialIds.Length)], random));
        }
        foreach (var id in occupation.OptionalIds)
        {
            if (random.NextDouble() < 0.15)
            {
                buffer.Add(Offered(id, random));
            }
        }
        var extras = (int)Math.Round(occupation.EssentialIds.Length * 0.2);
        Span<int> chosen = extras <= 128 ? stackalloc int[extras] : new int[extras];
        for (var added = 0; added < extras;)
        {
            // Generated seekers are worded in ESCO, like the occupations they come from.
            var id = random.Next(_taxonomy.EscoSkillCount);
            if (Array.IndexOf(occupation.EssentialIds, id) >= 0 || Array.IndexOf(occupation.OptionalIds, id) >= 0 || chosen[..added].Contains(id))
            {
                continue;
            }
            chosen[added++] = id;
            buffer.Add(Offered(id, random));
        }

        ContractType[] wishes = random.NextDouble() < 0.4
            ? []
            : random.NextDouble() < 0.6
                ? [s_contracts[s_contractTable.Sample(random)]]
                : DistinctPair(s_contracts[s_contractTable.Sample(random)], s_contracts[s_contractTable.Sample(random)]);
        var years = random.NextDouble();
        return new ProfileDocument
        {
            Id = $"gen-p-{_seed}-{n}",
            TargetOccupationUris = [occupation.Uri],
            TargetRomeCodes = romeCode is null ? [] : [romeCode],
            Skills = [.. buffer],
            Place = place,
            RadiusKm = 10 + random.Next(91),
            // Skewed towards juniors: most seekers have a few years in the target job.
            ExperienceYears = Math.Round(years * years * 25, 1),
            ContractWishes = wishes,
            Searchable = random.NextDouble() < 0.8,
            UpdatedAt = s_snapshot.AddDays(-random.Next(180)),
        };
    }

    private Place PlaceIn(CorpusTables.PlaceGroup group, Random random) => group.Members.Length switch
    {
        0 => _tables.Places[_tables.PopulationTable.Sample(random)],
        1 => _tables.Places[group.Members[0]],
        _ => _tables.Places[group.Members[group.Table!.Sample(random)]],
    };

    private OfferedSkill Offered(int skillId, Random random)
    {
        var evidence = s_evidenceTable.Sample(random);
        var slot = (skillId * 4) + evidence;
        // Immutable records: one instance per (skill, evidence) is shared by every profile.
        return _offeredSkills[slot] ??= new OfferedSkill(_taxonomy.Skills[skillId].Uri, s_evidence[evidence]);
    }

    private OccupationEntry Occupation(int occupationId)
    {
        if ((uint)occupationId >= (uint)_occupations.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(occupationId), occupationId, "Not an occupation id of the taxonomy.");
        }
        return _occupations[occupationId] ??= OccupationEntry.Create(_taxonomy, _taxonomy.Occupations[occupationId]);
    }

    private static ContractType[] DistinctPair(ContractType a, ContractType b) => a == b ? [a] : [a, b];

    private sealed class OccupationEntry
    {
        public required string Uri { get; init; }
        public required string Title { get; init; }
        public required int[] EssentialIds { get; init; }
        public required int[] OptionalIds { get; init; }
        public required DemandedSkill[] Essential { get; init; }
        public required DemandedSkill[] EssentialMustHave { get; init; }
        public required DemandedSkill[] Optional { get; init; }

        public static OccupationEntry Create(SkillsTaxonomy taxonomy, Occupation occupation)
        {
            var essential = new DemandedSkill[occupation.EssentialSkills.Length];
            var mustHave = new DemandedSkill[essential.Length];
            for (var i = 0; i < essential.Length; i++)
            {
                var uri = taxonomy.Skills[occupation.EssentialSkills[i]].Uri;
                essential[i] = new DemandedSkill(uri, SkillImportance.Essential);
                mustHave[i] = new DemandedSkill(uri, SkillImportance.Essential, MustHave: true);
            }
            var optional = new DemandedSkill[occupation.OptionalSkills.Length];
            for (var i = 0; i < optional.Length; i++)
            {
                optional[i] = new DemandedSkill(taxonomy.Skills[occupation.OptionalSkills[i]].Uri, SkillImportance.Optional);
            }
            if (essential.Length == 0)
            {
                throw new ArgumentException($"Occupation {occupation.Uri} has no essential skill: the generator cannot draw from it.", nameof(occupation));
            }
            return new OccupationEntry
            {
                Uri = occupation.Uri,
                Title = occupation.LabelFr.Length > 0 ? occupation.LabelFr : occupation.LabelEn,
                EssentialIds = occupation.EssentialSkills,
                OptionalIds = occupation.OptionalSkills,
                Essential = essential,
                EssentialMustHave = mustHave,
                Optional = optional,
            };
        }
    }
}
