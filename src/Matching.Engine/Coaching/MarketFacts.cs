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

/// <summary>A skill of the target job the seeker lacks, with how many local offers ask for it.</summary>
public sealed record MissingSkill(string SkillUri, string Label, int OffersUnlocked);

/// <summary>A job close to the target (few skills to add) and its market.</summary>
public sealed record CloseJob(string Label, string RomeCode, double? OffersPerTenJobSeekers, IReadOnlyList<string> SkillsToAdd);

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
    /// <summary>DARES: 10 × offers registered (oee) / job seekers (defm_abc) for the ROME code in the area.</summary>
    public double? OffersPerTenJobSeekers { get; init; }
    /// <summary>DARES ind_tension_d, 1 (few offers for many seekers) to 5 (employers struggle to hire).</summary>
    public int? TensionIndicator { get; init; }
    /// <summary>Live offers within the seeker's radius, from the index.</summary>
    public int? LiveOffers { get; init; }
    /// <summary>Live profiles targeting the job within the radius, from the index.</summary>
    public int? LiveProfiles { get; init; }
    /// <summary>Share (0..1) of the target job's essential skills asked by local offers that the seeker lacks.</summary>
    public double? SkillsGapShare { get; init; }
    /// <summary>The missing skills, most offers unlocked first.</summary>
    public IReadOnlyList<MissingSkill> MissingSkills { get; init; } = [];
    /// <summary>False when the job is open without the diploma (ROME names a route through experience).</summary>
    public bool? DiplomaUsuallyRequired { get; init; }
    /// <summary>The usual entry level; only a requirement when <see cref="DiplomaUsuallyRequired"/> is true.</summary>
    public DiplomaLevel? RequiredDiploma { get; init; }
    public ApplicationChannel MainApplicationChannel { get; init; }
    /// <summary>BMO: share (0..100) of hiring projects employers judge difficult.</summary>
    public double? RecruitmentDifficultyPercent { get; init; }
    /// <summary>Share (0..1) of local offers asking for a driving licence.</summary>
    public double? DrivingLicenceShare { get; init; }
    public IReadOnlyList<CloseJob> CloseJobs { get; init; } = [];
    /// <summary>Nearby communes with more offers per inhabitant, best first.</summary>
    public IReadOnlyList<BetterCommune> BetterCommunes { get; init; } = [];
    /// <summary>Employment areas elsewhere with more offers per job seeker, best first.</summary>
    public IReadOnlyList<BetterArea> LessTenseAreas { get; init; } = [];
    /// <summary>Set by a caller that knows the job families better; otherwise computed from the targets' ROME codes.</summary>
    public bool? TargetsSpanUnrelatedFamilies { get; init; }

    public static MarketFacts Unknown { get; } = new();

    /// <summary>DARES figure first; else the live ratio from the index (needs at least one live profile).</summary>
    [JsonIgnore]
    public double? EffectiveOffersPerTen =>
        OffersPerTenJobSeekers ?? (LiveOffers is { } offers && LiveProfiles is { } profiles && profiles > 0 ? 10.0 * offers / profiles : null);
}
