namespace Matching.Engine.Taxonomy;

public enum SkillType
{
    Unknown,
    SkillCompetence,
    Knowledge,
}

public enum ReuseLevel
{
    Unknown,
    Transversal,
    CrossSector,
    SectorSpecific,
    OccupationSpecific,
}

public enum SkillRelationType
{
    Essential,
    Optional,
}

/// <summary>SKOS match type of an ESCO-ROME crosswalk link.</summary>
public enum CrosswalkMatch
{
    Exact,
    Close,
    Broad,
    Narrow,
}

/// <summary>ESCO's skill collections a skill belongs to.</summary>
[Flags]
public enum SkillCollections
{
    None = 0,
    /// <summary>Digital skills and tools (programming languages, software...).</summary>
    Digital = 1,
    /// <summary>Languages.</summary>
    Language = 2,
    Transversal = 4,
    Green = 8,
}

/// <summary>The taxonomy a skill comes from.</summary>
public enum SkillScheme
{
    /// <summary>An ESCO v1.1.1 skill or knowledge concept.</summary>
    Esco,
    /// <summary>A ROME 4.0 competence (savoir-faire, savoir-être) or savoir.</summary>
    Rome4,
}

/// <summary>
/// A skill of the one taxonomy: an ESCO skill or knowledge concept, or a ROME 4.0 competence or savoir
/// (<see cref="Scheme"/>). <see cref="Id"/> is a dense index (0..n-1) used by the matching index's
/// postings, ESCO skills first then ROME 4.0 ones; <see cref="Uri"/> is the stable identifier exposed to
/// clients (an ESCO URI, or <c>rome4:competence:&lt;code_ogr&gt;</c> / <c>rome4:savoir:&lt;code_ogr&gt;</c>).
/// </summary>
public sealed class Skill
{
    public required int Id { get; init; }
    public required string Uri { get; init; }
    public SkillScheme Scheme { get; init; } = SkillScheme.Esco;
    /// <summary>English preferred label; a ROME 4.0 skill has none and repeats its French label.</summary>
    public required string LabelEn { get; init; }
    /// <summary>French preferred label; null for the ~500 skills ESCO has not labelled in French.</summary>
    public string? LabelFr { get; internal set; }
    public required string[] AltLabelsEn { get; init; }
    public string[] AltLabelsFr { get; internal set; } = [];
    public required SkillType Type { get; init; }
    public required ReuseLevel Reuse { get; init; }
    public string? Description { get; init; }
    /// <summary>ESCO collections the skill is in (none for ROME 4.0 items).</summary>
    public SkillCollections Collections { get; internal set; }

    /// <summary>Broader skills (skill to skill hierarchy, ids).</summary>
    public int[] Broader { get; internal set; } = [];
    /// <summary>Narrower skills (ids).</summary>
    public int[] Narrower { get; internal set; } = [];
    /// <summary>Broader skill groups (URIs of the skills hierarchy: S1.1, K06, ...).</summary>
    public string[] Groups { get; internal set; } = [];
    /// <summary>Related skills from ESCO's skill-skill relations, in both directions.</summary>
    public SkillLink[] Related { get; internal set; } = [];
    /// <summary>Skills of the other scheme this one is aligned to (ROME 4.0 ↔ ESCO, <see cref="SkillsTaxonomy.Alignment"/>).</summary>
    public int[] Aligned { get; internal set; } = [];

    public string Label(string language) => language == "fr" ? LabelFr ?? LabelEn : LabelEn;

    /// <summary>
    /// Whether <see cref="Label"/> is in that language: in French, not for the skills ESCO has not labelled in French (their
    /// English label stands in); in English, not for the ROME 4.0 items (their only label is French).
    /// </summary>
    public bool HasLabelIn(string language) => language == "fr" ? LabelFr is not null : Scheme != SkillScheme.Rome4;

    public override string ToString() => $"{LabelEn} <{Uri}>";
}

public readonly record struct SkillLink(int SkillId, SkillRelationType Type);

/// <summary>A node of ESCO's skills hierarchy (skill groups, ISCED-F fields).</summary>
public sealed record SkillGroup(string Uri, string Code, string LabelEn, string? LabelFr);

/// <summary>An ESCO occupation with its skills and its ROME links through the official crosswalk.</summary>
public sealed class Occupation
{
    public required int Id { get; init; }
    public required string Uri { get; init; }
    /// <summary>ISCO-08 unit group (4 digits).</summary>
    public required string IscoGroup { get; init; }
    /// <summary>ESCO code (ISCO group plus a suffix, e.g. 2654.1.7).</summary>
    public required string Code { get; init; }
    public required string LabelEn { get; init; }
    public string LabelFr { get; internal set; } = "";
    public required string[] AltLabelsEn { get; init; }
    public string[] AltLabelsFr { get; internal set; } = [];
    public string? Description { get; init; }

    public int[] EssentialSkills { get; internal set; } = [];
    public int[] OptionalSkills { get; internal set; } = [];
    public int[] Broader { get; internal set; } = [];
    public int[] Narrower { get; internal set; } = [];
    public CrosswalkLink[] RomeTitles { get; internal set; } = [];

    /// <summary>Distinct ROME v3 job-sheet codes reached through the crosswalk, best match type first.</summary>
    public string[] RomeCodes { get; internal set; } = [];

    /// <summary>Distinct ROME 4.0 sheet codes reached through the crosswalk's titles (code_ogr), best match type first.</summary>
    public string[] Rome4Codes { get; internal set; } = [];

    public string Label(string language) => language == "fr" && LabelFr.Length > 0 ? LabelFr : LabelEn;

    public override string ToString() => $"{LabelEn} <{Uri}>";
}

/// <summary>
/// One link of the official ESCO-ROME crosswalk. <see cref="RomeCode"/> is the title's sheet in the
/// classification the link is read in: ROME v3 for <see cref="RomeTitle"/> and <see cref="Occupation.RomeTitles"/>,
/// ROME 4.0 for <see cref="Rome4Appellation.Occupations"/>.
/// </summary>
public sealed record CrosswalkLink(int OccupationId, int RomeTitleCode, string RomeCode, CrosswalkMatch Match);

/// <summary>A ROME v3 job sheet ("fiche métier"), e.g. M1805 Études et développement informatique. ROME 4.0 sheets are <see cref="Rome4Sheet"/>.</summary>
public sealed class RomeJob
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public int[] TitleCodes { get; internal set; } = [];
    public int[] SkillCodes { get; internal set; } = [];
    /// <summary>Major and minor RIASEC letters (Holland codes), may be empty.</summary>
    public string Riasec { get; internal set; } = "";
    public string? Definition { get; internal set; }
    public string? AccessConditions { get; internal set; }
    /// <summary>ESCO occupations linked to one of this sheet's titles (ids), best match type first.</summary>
    public int[] Occupations { get; internal set; } = [];

    public override string ToString() => $"{Code} {Title}";
}

/// <summary>A ROME job title ("appellation", code_ogr).</summary>
public sealed record RomeTitle(int Code, string Label, string ShortLabel, string RomeCode)
{
    /// <summary>ESCO occupations linked by the crosswalk, best match type first.</summary>
    public CrosswalkLink[] Occupations { get; internal set; } = [];
}

/// <summary>A ROME skill ("compétence", savoirs), by code_ogr.</summary>
public sealed record RomeSkill(int Code, string Label, string Type);
