namespace Matching.Engine.Taxonomy;

/// <summary>What a ROME 4.0 item is: a savoir-faire, a savoir-être professionnel (competences) or a savoir (knowledge).</summary>
public enum Rome4ItemKind
{
    SavoirFaire,
    SavoirEtre,
    Savoir,
}

/// <summary>
/// How central an item is to a sheet (<c>unix_coherence_item.coeur_metier</c>): the sheet's core
/// ("Principale"), emerging in the job ("Émergente"), or simply listed.
/// </summary>
public enum Rome4Core
{
    None,
    Principal,
    Emerging,
}

/// <summary>
/// A ROME 4.0 job sheet ("fiche métier"), e.g. M1811 Data engineer, with the ROME v3 sheet it comes
/// from (<see cref="ParentCode"/>), through which it reaches the 2021 statistics and the crosswalk's v3 codes.
/// </summary>
public sealed class Rome4Sheet
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    /// <summary>The sheet's own code_ogr.</summary>
    public required int Ogr { get; init; }
    /// <summary>The ROME v3 sheet this one comes from (<c>code_rome_parent</c>); the 532 v3 sheets are their own parent.</summary>
    public required string ParentCode { get; init; }
    /// <summary>Regulated job (<c>emploi_reglemente</c>); null when the export leaves it blank.</summary>
    public bool? Regulated { get; init; }
    /// <summary>Executive job (<c>emploi_cadre</c>); null when blank.</summary>
    public bool? Executive { get; init; }
    /// <summary>Ecological transition tag ("Emploi Vert", "Emploi Blanc", ...), null when blank.</summary>
    public string? TransitionEcological { get; init; }
    public bool? TransitionDigital { get; init; }
    public bool? TransitionDemographic { get; init; }

    public string GrandDomainCode { get; internal set; } = "";
    public string GrandDomainLabel { get; internal set; } = "";
    public string DomainCode { get; internal set; } = "";
    public string DomainLabel { get; internal set; } = "";
    /// <summary>Major and minor RIASEC letters (Holland codes); the minor may be missing.</summary>
    public string Riasec { get; internal set; } = "";
    /// <summary>Definition of the job, one sentence per line.</summary>
    public string? Definition { get; internal set; }
    /// <summary>Access to the job (diplomas, experience), one sentence per line.</summary>
    public string? AccessToJob { get; internal set; }

    /// <summary>Job titles (appellation code_ogr), the principal title first.</summary>
    public int[] AppellationCodes { get; internal set; } = [];
    /// <summary>Competences and savoirs of the sheet with their core flag, core items first.</summary>
    public Rome4SheetItem[] Items { get; internal set; } = [];
    /// <summary>Work contexts (code_ogr of <see cref="Rome4Referential.WorkContext"/>).</summary>
    public int[] WorkContexts { get; internal set; } = [];
    /// <summary>Sheets a holder of this job can move to (<c>unix_rubrique_mobilite</c>), in the export's order.</summary>
    public string[] Mobilities { get; internal set; } = [];
    /// <summary>Activity sub-sectors, or sectors where the tree gives no sub-sector (<see cref="Rome4Referential.Sector"/>), principal first.</summary>
    public Rome4Membership[] Sectors { get; internal set; } = [];
    /// <summary>Interest centres ("J'ai envie de...", <see cref="Rome4Referential.InterestCentre"/>), principal first.</summary>
    public Rome4Membership[] InterestCentres { get; internal set; } = [];
    /// <summary>NAF sectors (code_secteur_naf) where the job is found.</summary>
    public int[] NafSectors { get; internal set; } = [];
    /// <summary>Themes (code_theme, e.g. "001" jobs of the environment).</summary>
    public string[] Themes { get; internal set; } = [];
    /// <summary>ESCO occupations (ids) linked to one of this sheet's titles by the crosswalk, best match type first.</summary>
    public int[] Occupations { get; internal set; } = [];

    /// <summary>The items of the sheet flagged as its core ("Principale").</summary>
    public IEnumerable<Rome4SheetItem> CoreItems => Items.Where(i => i.Core == Rome4Core.Principal);

    public override string ToString() => $"{Code} {Label}";
}

/// <summary>An item listed on a sheet, with its kind and how central it is there.</summary>
public readonly record struct Rome4SheetItem(int Code, Rome4ItemKind Kind, Rome4Core Core);

/// <summary>A sheet's membership of a sector or interest centre; <see cref="Principal"/> marks the sheet's main one.</summary>
public readonly record struct Rome4Membership(int Code, bool Principal);

/// <summary>A ROME 4.0 job title ("appellation"); its code_ogr is stable across ROME versions, so the crosswalk reaches it.</summary>
public sealed record Rome4Appellation(int Code, string Label, string ShortLabel, string SheetCode)
{
    /// <summary>The title's original ROME code (before ROME 4.0 "Iota", 09/2023); blank in the export for some titles.</summary>
    public string? ParentCode { get; init; }
    /// <summary>The sheet's principal title (one per sheet); the others are synonyms.</summary>
    public bool Principal { get; init; }
    /// <summary>Rarely used title (<c>peu_usite</c>).</summary>
    public bool RarelyUsed { get; init; }
    /// <summary>Regulated job at the title level; null when blank (then the sheet's flag applies).</summary>
    public bool? Regulated { get; init; }
    /// <summary>Executive job at the title level; null when blank (then the sheet's flag applies).</summary>
    public bool? Executive { get; init; }
    /// <summary>ESCO occupations linked by the crosswalk, best match type first.</summary>
    public CrosswalkLink[] Occupations { get; internal set; } = [];
}

/// <summary>
/// A ROME 4.0 competence (savoir-faire, savoir-être) or savoir, by code_ogr, as France Travail offers
/// cite it in <c>competences[].code</c>.
/// </summary>
public sealed class Rome4Item
{
    public required int Code { get; init; }
    public required string Label { get; init; }
    public required Rome4ItemKind Kind { get; init; }
    /// <summary>A macro-competence (a group of competences, e.g. "Gérer une caisse"); savoir-être items all are.</summary>
    public bool IsMacro { get; init; }
    /// <summary>The macro-competence a competence belongs to (code_ogr), when any.</summary>
    public int? MacroCode { get; init; }
    /// <summary>Competence: Technique, Technique expert, Transverse. Savoir: the category ("Domaines d'expertise", ...).</summary>
    public string? Category { get; init; }
    /// <summary>Savoir: the sub-category ("Logiciels, progiciels", "Langages informatiques", ...).</summary>
    public string? SubCategory { get; init; }
    public string? Definition { get; init; }
    /// <summary>RIASEC letters of a macro-competence, when given.</summary>
    public string Riasec { get; internal set; } = "";
    /// <summary>Sheets listing the item.</summary>
    public string[] Sheets { get; internal set; } = [];
    /// <summary>The item as a skill of the one taxonomy (<see cref="SkillsTaxonomy.Skills"/>).</summary>
    public int SkillId { get; internal set; } = -1;
    /// <summary>The item's skill URI: <c>rome4:competence:&lt;code_ogr&gt;</c> or <c>rome4:savoir:&lt;code_ogr&gt;</c>.</summary>
    public string SkillUri => Rome4Referential.SkillUri(Code, Kind);

    public override string ToString() => $"{Code} {Label}";
}

/// <summary>An activity sector or sub-sector (<see cref="ParentCode"/> set for sub-sectors).</summary>
public sealed record Rome4Sector(int Code, string Label, string? Definition, int? ParentCode);

/// <summary>An interest centre ("J'ai envie de créer, construire, rénover").</summary>
public sealed record Rome4InterestCentre(int Code, string Label, string? Definition);

/// <summary>A NAF sector as ROME groups them (code_secteur_naf).</summary>
public sealed record Rome4NafSector(int Code, string Label);

/// <summary>A work context ("Travail le samedi") and its type.</summary>
public sealed record Rome4WorkContext(int Code, string Label, string Type);
