using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Questionnaire;

namespace Matching.Engine.Coaching;

/// <summary>The most effective way to apply for a job, after market/hiring_channels_rome.csv.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationChannel>))]
public enum ApplicationChannel
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>"Envoyer un CV et une lettre de motivation": unsolicited written application.</summary>
    [JsonStringEnumMemberName("spontaneous_cv_and_letter")] SpontaneousCvAndLetter,
    /// <summary>"Se présenter spontanément": walking in.</summary>
    [JsonStringEnumMemberName("spontaneous_visit")] SpontaneousVisit,
    /// <summary>Any other mode (answering offers, agencies, ...).</summary>
    [JsonStringEnumMemberName("other")] Other,
}

public static class ApplicationChannels
{
    /// <summary>Maps a contact_mode cell of hiring_channels_rome.csv.</summary>
    public static ApplicationChannel FromContactMode(string? contactMode) => contactMode?.Trim() switch
    {
        null or "" => ApplicationChannel.Unknown,
        var m when m.StartsWith("Envoyer un CV", StringComparison.OrdinalIgnoreCase) => ApplicationChannel.SpontaneousCvAndLetter,
        var m when m.StartsWith("Se présenter", StringComparison.OrdinalIgnoreCase) => ApplicationChannel.SpontaneousVisit,
        _ => ApplicationChannel.Other,
    };
}

/// <summary>Where the offers-per-10-job-seekers figure comes from, from the most local to the least.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MarketScope>))]
public enum MarketScope
{
    /// <summary>DARES, the seeker's employment area ("bassin d'emploi").</summary>
    [JsonStringEnumMemberName("area")] Area,
    /// <summary>DARES summed over the employment areas of the seeker's département.</summary>
    [JsonStringEnumMemberName("departement")] Departement,
    /// <summary>DARES summed over the employment areas of the seeker's région.</summary>
    [JsonStringEnumMemberName("region")] Region,
    /// <summary>DARES summed over France.</summary>
    [JsonStringEnumMemberName("country")] Country,
    /// <summary>Offers and profiles Coach's index holds within the seeker's radius.</summary>
    [JsonStringEnumMemberName("live")] Live,
}

/// <summary>What the skills gap is measured against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SkillsGapBasis>))]
public enum SkillsGapBasis
{
    /// <summary>The target job's essential skills that offers within the radius ask for.</summary>
    [JsonStringEnumMemberName("local-offers")] LocalOffers,
    /// <summary>The target job's essential skills in the taxonomy (no local offer to measure against).</summary>
    [JsonStringEnumMemberName("job-reference")] JobReference,
}

/// <summary>Where the driving-licence share comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DrivingLicenceBasis>))]
public enum DrivingLicenceBasis
{
    /// <summary>Offers of the job within the radius that state whether they ask for a licence.</summary>
    [JsonStringEnumMemberName("local-offers")] LocalOffers,
    /// <summary>The ROME sheet's access text makes the licence a condition of the job.</summary>
    [JsonStringEnumMemberName("access-text")] AccessText,
}

/// <summary>A skill of the target job the seeker lacks, with how many local offers ask for it.</summary>
public sealed record MissingSkill(string SkillUri, string Label, int OffersUnlocked);

/// <summary>A job close to the target, why, the skills to add and its market.</summary>
/// <param name="Label">The ROME 4.0 sheet's label (French), the ESCO occupation's in English.</param>
/// <param name="RomeCode">The ROME 4.0 sheet code.</param>
/// <param name="OffersPerTenJobSeekers">DARES offers per 10 job seekers of the job (its ROME v3 family) around the seeker.</param>
/// <param name="SkillsToAdd">The job's core skills the seeker lacks.</param>
public sealed record CloseJob(string Label, string RomeCode, double? OffersPerTenJobSeekers, IReadOnlyList<string> SkillsToAdd)
{
    /// <summary>Where <see cref="OffersPerTenJobSeekers"/> comes from when the seeker's employment area has no figure for the job: a
    /// département, a région, or "France"; null for the employment area (or no figure).</summary>
    public string? OffersPerTenScope { get; init; }
    /// <summary>An official mobility of the target's ROME 4.0 sheet (<c>unix_rubrique_mobilite</c>).</summary>
    public bool OfficialMobility { get; init; }
    /// <summary>The job's core skills the seeker has or the target is made of: why it is close.</summary>
    public IReadOnlyList<string> SharedSkills { get; init; } = [];
    /// <summary>How many core skills the job has (shared + the others).</summary>
    public int CoreSkills { get; init; }
    /// <summary>A regulated job (ROME 4.0): it takes a diploma, a licence or a card, whatever the skills.</summary>
    public bool? Regulated { get; init; }
    /// <summary>The ESCO occupation whose skills represent the job.</summary>
    public string? OccupationUri { get; init; }

    /// <summary>Within reach of the seeker's own skills: they hold at least half of the job's core skills.</summary>
    [JsonIgnore]
    public bool WithinReach => CoreSkills > 0 && SkillsToAdd.Count * 2 <= CoreSkills;
}

/// <summary>A commune near the seeker with more offers per inhabitant for the target job.</summary>
/// <param name="Ratio">Offers per inhabitant there divided by offers per inhabitant in the seeker's commune (or area).</param>
public sealed record BetterCommune(string Name, string CommuneCode, double DistanceKm, double Ratio);

/// <summary>An employment area elsewhere where the target job is less tense for seekers.</summary>
public sealed record BetterArea(string AreaCode, string AreaName, double OffersPerTenJobSeekers);

/// <summary>
/// What the market says about the seeker's main target, computed by the caller from the DARES tension file,
/// the hiring-channel and recruitment-difficulty files, geography and the live index. The coaching rules only
/// read it, so they stay pure; null means unknown and is never guessed.
/// </summary>
public sealed record MarketFacts
{
    public string? RomeCode { get; init; }
    public string? AreaCode { get; init; }
    public string? AreaName { get; init; }
    /// <summary>DARES 2021: 10 × offers registered (oee) / job seekers (defm_abc) for the ROME code, in the seeker's
    /// employment area or, when the area has no figure for the job, the smallest scope around it that has one
    /// (<see cref="OffersPerTenScope"/>).</summary>
    public double? OffersPerTenJobSeekers { get; init; }
    /// <summary>Where <see cref="OffersPerTenJobSeekers"/> comes from; null when it is null.</summary>
    public MarketScope? OffersPerTenScope { get; init; }
    /// <summary>The name of that scope as the seeker says it ("Lille", "la Creuse", "les Hauts-de-France").</summary>
    public string? OffersPerTenScopeName { get; init; }
    /// <summary>Offers of the ROME code published within the seeker's radius on 21 Dec 2021 (France Travail count).</summary>
    public int? Offers2021WithinRadius { get; init; }
    /// <summary>The radius those offers were counted in, km.</summary>
    public double? RadiusKm { get; init; }
    /// <summary>DARES ind_tension_d, 1 (few offers for many seekers) to 5 (employers struggle to hire).</summary>
    public int? TensionIndicator { get; init; }
    /// <summary>Live offers within the seeker's radius, from the index.</summary>
    public int? LiveOffers { get; init; }
    /// <summary>Live profiles targeting the job within the radius, from the index.</summary>
    public int? LiveProfiles { get; init; }
    /// <summary>Share (0..1) of the target job's essential skills (asked by local offers, else all of them:
    /// <see cref="SkillsGapBasis"/>) that the seeker lacks; null when the seeker has no skill to compare.</summary>
    public double? SkillsGapShare { get; init; }
    public SkillsGapBasis? SkillsGapBasis { get; init; }
    /// <summary>How many skills of the job the seeker has (ticked declared skills and skills from experience; their
    /// qualities, the savoir-être professionnels, not counted); 0 means the seeker gave none and has no experience to draw
    /// them from. Null: the caller did not say (the profile's own skills then count).</summary>
    public int? SeekerSkillCount { get; init; }
    /// <summary>The jobs (past jobs, the target when practised) whose core skills count as the seeker's, "from experience".</summary>
    public IReadOnlyList<string> ExperienceJobs { get; init; } = [];
    /// <summary>The missing skills, most offers unlocked first.</summary>
    public IReadOnlyList<MissingSkill> MissingSkills { get; init; } = [];
    /// <summary>False when the job is open without the diploma (ROME names a route through experience).</summary>
    public bool? DiplomaUsuallyRequired { get; init; }
    /// <summary>The usual entry level; only a requirement when <see cref="DiplomaUsuallyRequired"/> is true.</summary>
    public DiplomaLevel? RequiredDiploma { get; init; }
    /// <summary>A regulated job (ROME 4.0 <c>emploi_reglemente</c>, or an access text that makes a diploma, licence or
    /// card mandatory): nobody may hold it without <see cref="LegalRequirements"/>, whatever their experience.</summary>
    public bool? Regulated { get; init; }
    /// <summary>The ROME access sentences stating what the law requires (French, as France Travail writes them).</summary>
    public IReadOnlyList<string> LegalRequirements { get; init; } = [];
    /// <summary>True when <see cref="LegalRequirements"/> are sentences of the access text that make something mandatory; false when,
    /// for a sheet flagged regulated whose text says nothing mandatory in words, they are its first sentence.</summary>
    public bool LegalRequirementsMandatory { get; init; }
    /// <summary>True when what the law requires is a diploma or title VAE can deliver; false for a licence, a card
    /// or an authorisation (no VAE delivers a driving licence); null when unknown.</summary>
    public bool? LegalRequirementByVae { get; init; }
    public ApplicationChannel MainApplicationChannel { get; init; }
    /// <summary>BMO: share (0..100) of hiring projects employers judge difficult.</summary>
    public double? RecruitmentDifficultyPercent { get; init; }
    /// <summary>Share (0..1) of the job's offers asking for a driving licence (required or desired).</summary>
    public double? DrivingLicenceShare { get; init; }
    public DrivingLicenceBasis? DrivingLicenceBasis { get; init; }
    /// <summary>How many offers the share was computed on (<see cref="Coaching.DrivingLicenceBasis.LocalOffers"/>).</summary>
    public int? DrivingLicenceOffers { get; init; }
    /// <summary>The ROME access sentence about the licence (<see cref="Coaching.DrivingLicenceBasis.AccessText"/>).</summary>
    public string? DrivingLicenceAccessText { get; init; }
    /// <summary>The ROME 4.0 sheet's work contexts that make the job one of going from home to home across an area: "Au domicile d'un
    /// particulier" and "Zone départementale" or "Zone régionale", in its words; empty unless the sheet lists both kinds.</summary>
    public IReadOnlyList<string> TravellingWorkContexts { get; init; } = [];
    /// <summary>Inhabitants of the seeker's commune (of the arrondissement in Paris, Lyon, Marseille); null when unknown.</summary>
    public int? CommunePopulation { get; init; }
    public IReadOnlyList<CloseJob> CloseJobs { get; init; } = [];
    /// <summary>Nearby communes with more offers per inhabitant, best first.</summary>
    public IReadOnlyList<BetterCommune> BetterCommunes { get; init; } = [];
    /// <summary>Employment areas elsewhere with more offers per job seeker, best first.</summary>
    public IReadOnlyList<BetterArea> LessTenseAreas { get; init; } = [];
    /// <summary>Set by a caller that knows the job families better; otherwise computed from the targets' ROME codes.</summary>
    public bool? TargetsSpanUnrelatedFamilies { get; init; }

    public static MarketFacts Unknown { get; } = new();

    /// <summary>DARES figure first (area, else the smallest scope with one); else the live ratio from the index
    /// (needs at least one live profile).</summary>
    [JsonIgnore]
    public double? EffectiveOffersPerTen =>
        OffersPerTenJobSeekers ?? (LiveOffers is { } offers && LiveProfiles is { } profiles && profiles > 0 ? 10.0 * offers / profiles : null);

    /// <summary>The scope of <see cref="EffectiveOffersPerTen"/>.</summary>
    [JsonIgnore]
    public MarketScope? EffectiveScope =>
        OffersPerTenJobSeekers is not null ? OffersPerTenScope ?? MarketScope.Area : EffectiveOffersPerTen is not null ? MarketScope.Live : null;
}
