using System.Collections.Frozen;
using System.Globalization;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// The ESCO v1.1.1, ROME v3 and ROME 4.0 taxonomy, immutable once loaded. Every lookup by identifier is a
/// hash lookup (O(1)); skills and occupations also have dense integer ids for array indexing.
/// </summary>
public sealed class SkillsTaxonomy
{
    private readonly FrozenDictionary<string, Skill> _skillsByUri;
    private readonly FrozenDictionary<string, Occupation> _occupationsByUri;
    private readonly FrozenDictionary<string, RomeJob> _romeJobs;
    private readonly FrozenDictionary<int, RomeTitle> _romeTitles;
    private readonly FrozenDictionary<int, RomeSkill> _romeSkills;
    private readonly FrozenDictionary<string, SkillGroup> _skillGroups;
    private Skill[]? _qualities;
    private Dictionary<int, Skill>? _qualityTwins;
    private ILookup<int, Skill>? _twinsOfQuality;

    internal SkillsTaxonomy(
        Skill[] skills,
        Occupation[] occupations,
        IEnumerable<RomeJob> romeJobs,
        IEnumerable<RomeTitle> romeTitles,
        IEnumerable<RomeSkill> romeSkills,
        IEnumerable<SkillGroup> skillGroups,
        CrosswalkLink[] crosswalk,
        int occupationSkillRows,
        int occupationSkillLinks,
        Rome4Referential rome4)
    {
        Rome4 = rome4;
        Skills = skills;
        Occupations = occupations;
        Crosswalk = crosswalk;
        OccupationSkillRelationRows = occupationSkillRows;
        OccupationSkillLinkCount = occupationSkillLinks;
        _skillsByUri = skills.ToFrozenDictionary(s => s.Uri, StringComparer.Ordinal);
        _occupationsByUri = occupations.ToFrozenDictionary(o => o.Uri, StringComparer.Ordinal);
        _romeJobs = romeJobs.ToFrozenDictionary(j => j.Code, StringComparer.OrdinalIgnoreCase);
        _romeTitles = romeTitles.ToFrozenDictionary(t => t.Code);
        _romeSkills = romeSkills.ToFrozenDictionary(s => s.Code);
        _skillGroups = skillGroups.ToFrozenDictionary(g => g.Uri, StringComparer.Ordinal);
    }

    /// <summary>
    /// All skills, indexed by <see cref="Skill.Id"/>: the ESCO skills (ids below <see cref="EscoSkillCount"/>),
    /// then the ROME 4.0 competences and savoirs (<see cref="Skill.Scheme"/>).
    /// </summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>Number of ESCO skills: ids 0..EscoSkillCount-1 are ESCO's, the rest ROME 4.0's.</summary>
    public int EscoSkillCount { get; init; }

    /// <summary>The computed ROME 4.0 ↔ ESCO skill alignment (each pair also in <see cref="Skill.Aligned"/> on both sides).</summary>
    public IReadOnlyList<SkillAlignmentLink> Alignment { get; init; } = [];

    /// <summary>All occupations, indexed by <see cref="Occupation.Id"/>.</summary>
    public IReadOnlyList<Occupation> Occupations { get; }

    /// <summary>ROME 4.0: the sheets, titles, competences and savoirs real France Travail offers use.</summary>
    public Rome4Referential Rome4 { get; }

    /// <summary>ROME v3 sheets (release 347), which the 2021 market statistics and the crosswalk name.</summary>
    public IReadOnlyCollection<RomeJob> RomeJobs => _romeJobs.Values;

    public IReadOnlyCollection<RomeTitle> RomeTitles => _romeTitles.Values;

    public IReadOnlyCollection<RomeSkill> RomeSkills => _romeSkills.Values;

    public IReadOnlyCollection<SkillGroup> SkillGroups => _skillGroups.Values;

    public IReadOnlyList<CrosswalkLink> Crosswalk { get; }

    /// <summary>Rows of ESCO's occupation-skill relations file (essential and optional).</summary>
    public int OccupationSkillRelationRows { get; }

    /// <summary>
    /// Occupation-skill relations resolved to loaded concepts: 67 rows of ESCO v1.1.1 name
    /// occupations that are not in the occupations file, and are skipped.
    /// </summary>
    public int OccupationSkillLinkCount { get; }

    public Skill? SkillByUri(string uri) => _skillsByUri.GetValueOrDefault(uri);

    /// <summary>The skill of a ROME 4.0 competence or savoir by its code_ogr (as offers cite it in <c>competences[].code</c>).</summary>
    public Skill? Rome4Skill(int code) => Rome4.Item(code) is { SkillId: >= 0 } item ? Skills[item.SkillId] : null;

    /// <summary>The ROME 4.0 item a skill of that scheme is (its URI ends with the item's code_ogr); null for an ESCO skill.</summary>
    public Rome4Item? Rome4ItemOf(Skill skill) =>
        skill.Scheme == SkillScheme.Rome4 && int.TryParse(skill.Uri.AsSpan(skill.Uri.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? Rome4.Item(code) : null;

    /// <summary>
    /// The ROME 4.0 savoir-être professionnels ("Faire preuve de rigueur et de précision", "Avoir l'esprit d'équipe"): the 16
    /// qualities France Travail's offers ask (<c>qualitesProfessionnelles</c>) and its seekers declare, whatever the job. They
    /// say nothing of which job. Those the most sheets list first.
    /// </summary>
    public IReadOnlyList<Skill> Qualities => _qualities ??= [.. Rome4.Items
        .Where(i => i.Kind == Rome4ItemKind.SavoirEtre && i.SkillId >= 0)
        .OrderByDescending(i => i.Sheets.Length).ThenBy(i => i.Code)
        .Select(i => Skills[i.SkillId])];

    /// <summary>
    /// Whether the skill is one of the <see cref="Qualities"/> or says one in other words (<see cref="QualityTwinOf"/>: ESCO's
    /// "travailler en équipe", ROME's savoir "Capacité à travailler en équipe"): it says nothing of which job either.
    /// </summary>
    public bool IsQuality(Skill skill) =>
        Rome4ItemOf(skill) is { Kind: Rome4ItemKind.SavoirEtre } || (QualityTwinOf(skill) is { } quality && Rome4ItemOf(quality) is { Kind: Rome4ItemKind.SavoirEtre });

    /// <summary>
    /// The quality a skill says in other words (<see cref="QualityWords.Twins"/>: ESCO's "travailler en équipe" or ROME's savoir
    /// "Sens du service client" for "Avoir l'esprit d'équipe" and "Avoir le sens du service"); null for the qualities themselves
    /// and for any other skill. An offer reads the quality, not both; matching meets one with the other as aligned skills.
    /// </summary>
    public Skill? QualityTwinOf(Skill skill) => QualityTwins.GetValueOrDefault(skill.Id);

    /// <summary>The skills that say <paramref name="quality"/> in other words (<see cref="QualityTwinOf"/> the other way).</summary>
    public IEnumerable<Skill> TwinsOfQuality(Skill quality) =>
        (_twinsOfQuality ??= QualityTwins.ToLookup(p => p.Value.Id, p => Skills[p.Key]))[quality.Id];

    private Dictionary<int, Skill> QualityTwins => _qualityTwins ??= QualityWords.Twins(this);

    /// <summary>Whether the skill of that URI is one of the <see cref="Qualities"/> (false for an unknown URI).</summary>
    public bool IsQuality(string skillUri) => SkillByUri(skillUri) is { } skill && IsQuality(skill);

    public Occupation? OccupationByUri(string uri) => _occupationsByUri.GetValueOrDefault(uri);

    public RomeJob? RomeJob(string code) => _romeJobs.GetValueOrDefault(code);

    public RomeTitle? RomeTitle(int code) => _romeTitles.GetValueOrDefault(code);

    public RomeSkill? RomeSkill(int code) => _romeSkills.GetValueOrDefault(code);

    public SkillGroup? SkillGroup(string uri) => _skillGroups.GetValueOrDefault(uri);

    /// <summary>
    /// ESCO occupations for a ROME job-sheet code, through its titles and the crosswalk: a ROME v3 code
    /// through its v3 titles; a code only ROME 4.0 knows (M1811) through its ROME 4.0 titles, else
    /// through its v3 family's (the 163 ROME 4.0 sheets none of whose titles the crosswalk names).
    /// </summary>
    public IEnumerable<Occupation> OccupationsForRome(string romeCode)
    {
        if (RomeJob(romeCode) is { } job)
        {
            return job.Occupations.Select(id => Occupations[id]);
        }
        if (Rome4.Sheet(romeCode) is not { } sheet)
        {
            return [];
        }
        var ids = sheet.Occupations.Length > 0 ? sheet.Occupations : RomeJob(sheet.ParentCode)?.Occupations ?? [];
        return ids.Select(id => Occupations[id]);
    }
}
