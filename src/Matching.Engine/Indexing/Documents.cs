namespace Matching.Engine.Indexing;

// The documents the match index holds. They carry only identifiers and plain values (ESCO URIs,
// INSEE codes, coordinates) so that any implementation of IMatchIndex (embedded or Elasticsearch)
// can store them as they are: no in-process type leaks through the port.

/// <summary>Contract types, after France Travail's typeContrat codes.</summary>
public enum ContractType
{
    Unspecified,
    /// <summary>CDI.</summary>
    Permanent,
    /// <summary>CDD.</summary>
    FixedTerm,
    /// <summary>MIS: temporary work through an agency (intérim).</summary>
    Temporary,
    /// <summary>SAI.</summary>
    Seasonal,
    /// <summary>LIB: liberal profession, freelance.</summary>
    Freelance,
    /// <summary>Apprenticeship or professionalisation contract (alternance).</summary>
    WorkStudy,
    /// <summary>FRA (franchise), REP (reprise), CCE, ... anything else.</summary>
    Other,
}

/// <summary>What an offer asks in experience (France Travail experienceExige: D, S, E).</summary>
public enum ExperienceRequirement
{
    /// <summary>D: beginners accepted.</summary>
    BeginnerAccepted,
    /// <summary>S: experience desired.</summary>
    Desired,
    /// <summary>E: experience required.</summary>
    Required,
}

/// <summary>What an offer says about a driving licence (France Travail <c>permis[].exigence</c>: E required, S desired).</summary>
public enum LicenceRequirement
{
    /// <summary>The offer states no licence.</summary>
    NotAsked,
    /// <summary>S: desired.</summary>
    Desired,
    /// <summary>E: required.</summary>
    Required,
}

public enum SkillImportance
{
    Essential,
    Optional,
}

/// <summary>Where a profile's skill comes from.</summary>
public enum SkillEvidence
{
    /// <summary>Declared by the seeker.</summary>
    Declared,
    /// <summary>From a past job of the seeker.</summary>
    PastJob,
    /// <summary>Confirmed by an adviser.</summary>
    AdviserConfirmed,
    /// <summary>Inferred by Coach from an occupation, not stated by anyone.</summary>
    Inferred,
    /// <summary>From a training or a diploma the seeker names.</summary>
    Training,
    /// <summary>Endorsed by a former colleague who answered the seeker's invitation.</summary>
    ColleagueEndorsed,
}

/// <summary>A resolved place: commune (INSEE code) when known, and coordinates.</summary>
public sealed record Place(double Latitude, double Longitude, string? CommuneCode = null, string? Label = null);

/// <summary>How wide a place an offer gives.</summary>
public enum PlaceScope
{
    /// <summary>A commune or coordinates: the distance to a seeker is known.</summary>
    Commune,
    /// <summary>A département ("01 - Ain").</summary>
    Departement,
    /// <summary>A région ("Auvergne-Rhône-Alpes").</summary>
    Region,
    /// <summary>France as a whole ("France", "France entière").</summary>
    Country,
    /// <summary>Remote work ("Télétravail").</summary>
    Remote,
    /// <summary>Abroad ("Suisse (Frontalier)").</summary>
    Abroad,
}

/// <summary>
/// An offer's place as the offer gives it when it is wider than a commune and has no coordinates: its distance to
/// a seeker is unknown, never 0 km (<see cref="Scoring.MatchScorer.UnknownDistance"/>, docs/scoring.md).
/// </summary>
/// <param name="Code">The département (01, 2A, 971) or région INSEE code, when the label names one.</param>
public sealed record PlaceArea(PlaceScope Scope, string Label, string? Code = null);

/// <summary>Where an offer's skill comes from: the offer itself (three ways) or its occupation.</summary>
public enum SkillSource
{
    /// <summary>Named by its code: a France Travail competence code (<c>competences[].code</c>), or a skill URI in Coach's schema.</summary>
    OfferCode,
    /// <summary>Found in the offer's title or description (labels, programming languages and tools by name).</summary>
    OfferText,
    /// <summary>From the offer's structured fields: languages, driving licences, training domains, professional qualities.</summary>
    OfferFields,
    /// <summary>Added by Coach from the offer's occupation (the ROME sheet's core items), because the offer itself gave too few.</summary>
    Occupation,
}

/// <summary>How an offer's occupation was read (France Travail offers).</summary>
public enum OccupationEvidence
{
    /// <summary>The offer's <c>romeCode</c> (a ROME 4.0 code, or a ROME v3 code read as its ROME 4.0 continuation).</summary>
    RomeCode,
    /// <summary>The offer's <c>appellationlibelle</c>, a ROME job title, without a usable code.</summary>
    Appellation,
    /// <summary>The offer's title and description, by the occupation classifier: a guess, with its confidence.</summary>
    TitleAndDescription,
}

/// <summary>A skill an offer demands.</summary>
/// <param name="SkillUri">Skill URI of the one taxonomy (ESCO, or ROME 4.0 <c>rome4:…</c>).</param>
/// <param name="MustHave">Hard filter: a profile without it (exactly, or through a related skill when allowed) is not a match.</param>
/// <param name="Source">Where the skill comes from; the explanation tells "asked in the offer" from "usual for this job".</param>
public sealed record DemandedSkill(string SkillUri, SkillImportance Importance, bool MustHave = false, SkillSource Source = SkillSource.OfferCode)
{
    /// <summary>True when Coach added it from the offer's occupation rather than the offer stating it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Inferred => Source == SkillSource.Occupation;
}

/// <summary>A skill a profile offers.</summary>
public sealed record OfferedSkill(string SkillUri, SkillEvidence Evidence = SkillEvidence.Declared);

/// <summary>Demand: a job offer, as the index holds it.</summary>
public sealed record OfferDocument
{
    /// <summary>
    /// A guessed occupation below this confidence is shown as uncertain: on the development sample's held-out half, the
    /// classifier's top probability under 0.6 is the offer's own code for 45 % of the offers and its family for 52 % (2 Dec 2026)
    /// (docs/quality.md, "Reading a real offer").
    /// </summary>
    public const double UncertainOccupationBelow = 0.6;

    /// <summary>True when the occupation was guessed from the offer's text at a confidence below <see cref="UncertainOccupationBelow"/>.</summary>
    public static bool IsOccupationUncertain(OccupationEvidence? evidence, double? confidence) =>
        evidence == Indexing.OccupationEvidence.TitleAndDescription && confidence is not >= UncertainOccupationBelow;

    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>ESCO occupation URI, when known.</summary>
    public string? OccupationUri { get; init; }
    /// <summary>ROME 4.0 sheet code (e.g. M1811), when known; an older offer's ROME v3 code is also a ROME 4.0 code (its continuation).</summary>
    public string? RomeCode { get; init; }
    /// <summary>
    /// How the occupation was read from a France Travail offer: its code, its ROME title, or guessed from its title and
    /// description (<see cref="OccupationEvidence.TitleAndDescription"/>); null when the poster named it (Coach's schema).
    /// </summary>
    [System.ComponentModel.Description("How the occupation was read: RomeCode, Appellation (the offer's ROME title), or TitleAndDescription (guessed by Coach's classifier, see occupationConfidence); absent when the poster named it.")]
    public OccupationEvidence? OccupationEvidence { get; init; }
    /// <summary>
    /// The classifier's probability for the occupation it guessed (<see cref="OccupationEvidence.TitleAndDescription"/>), 0 to 1;
    /// below <see cref="UncertainOccupationBelow"/> the guess is right about half the time (docs/quality.md). Null otherwise.
    /// </summary>
    [System.ComponentModel.Description("Probability of the guessed occupation (occupationEvidence TitleAndDescription), 0 to 1; below 0.6 it is uncertain (right about half the time).")]
    public double? OccupationConfidence { get; init; }
    public IReadOnlyList<DemandedSkill> Skills { get; init; } = [];
    /// <summary>
    /// The ROME 4.0 sheet whose core items the offer was lent (its skills of source <see cref="SkillSource.Occupation"/>) when
    /// it is not <see cref="RomeCode"/>: the job the offer's title names exactly, filed by France Travail under another sheet
    /// ("Assistant comptable confirmé" under M1211 "Expert-comptable" gets M1213's usual items). Null otherwise.
    /// </summary>
    [System.ComponentModel.Description("The ROME 4.0 sheet whose usual skills (source Occupation) the offer was given when it is not romeCode: the job its title names exactly; absent otherwise.")]
    public string? UsualSkillsRomeCode { get; init; }
    public Place? Place { get; init; }
    /// <summary>The place as the offer gives it when it is only a département, a région, France, remote work or abroad (<see cref="Place"/> is then null).</summary>
    public PlaceArea? PlaceArea { get; init; }
    public ContractType Contract { get; init; }
    public ExperienceRequirement Experience { get; init; }
    /// <summary>Years of experience asked, when stated.</summary>
    public double? ExperienceYears { get; init; }
    /// <summary>True for full time, false for part time, null when not stated.</summary>
    public bool? FullTime { get; init; }
    /// <summary>The driving licence the offer asks for; null when the source does not say (generated offers, Coach's
    /// schema without the field). France Travail offers always say: no <c>permis</c> is "not asked".</summary>
    public LicenceRequirement? DrivingLicence { get; init; }
    public string? Hours { get; init; }
    public string? Salary { get; init; }
    public string? Company { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>Where the offer comes from (coach, france-travail, generator, a URL).</summary>
    public string? Source { get; init; }
    /// <summary>The recruiter who owns the offer, when posted through Coach.</summary>
    public string? OwnerId { get; init; }
}

/// <summary>Supply: a seeker's profile, as the index holds it (the matching-relevant projection).</summary>
public sealed record ProfileDocument
{
    public required string Id { get; init; }
    public IReadOnlyList<string> TargetOccupationUris { get; init; } = [];
    public IReadOnlyList<string> TargetRomeCodes { get; init; } = [];
    public IReadOnlyList<OfferedSkill> Skills { get; init; } = [];
    public Place? Place { get; init; }
    /// <summary>How far the seeker will go, in km: a hard filter in both directions.</summary>
    public double RadiusKm { get; init; } = 30;
    /// <summary>Years of experience in the target job.</summary>
    public double ExperienceYears { get; init; }
    /// <summary>Contracts the seeker wants; empty means any.</summary>
    public IReadOnlyList<ContractType> ContractWishes { get; init; } = [];
    /// <summary>Consent to appear in recruiters' searches.</summary>
    public bool Searchable { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
