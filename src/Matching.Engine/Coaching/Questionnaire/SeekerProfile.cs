using System.Text.Json.Serialization;
using Matching.Engine.Indexing;

namespace Matching.Engine.Coaching.Questionnaire;

// The seeker questionnaire. Every answer is nullable on purpose: null means "not answered", which
// the diagnosis turns into a question instead of a guess. Empty lists are answers ("none").

/// <summary>How far the seeker is ready to look for work.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Mobility>))]
public enum Mobility
{
    [JsonStringEnumMemberName("commune")] Commune,
    [JsonStringEnumMemberName("department")] Department,
    [JsonStringEnumMemberName("region")] Region,
    [JsonStringEnumMemberName("country")] Country,
}

/// <summary>Highest diploma, in French levels; the order is the level order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiplomaLevel>))]
public enum DiplomaLevel
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("cap_bep")] CapBep,
    [JsonStringEnumMemberName("bac")] Bac,
    [JsonStringEnumMemberName("bac+2")] Bac2,
    [JsonStringEnumMemberName("bac+3")] Bac3,
    [JsonStringEnumMemberName("bac+5")] Bac5,
    [JsonStringEnumMemberName("doctorate")] Doctorate,
}

/// <summary>What the seeker finds hardest in the search (several may apply).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Frustration>))]
public enum Frustration
{
    [JsonStringEnumMemberName("no_offers")] NoOffers,
    [JsonStringEnumMemberName("no_answers")] NoAnswers,
    [JsonStringEnumMemberName("interviews_fail")] InterviewsFail,
    [JsonStringEnumMemberName("training")] Training,
    [JsonStringEnumMemberName("age_discrimination")] AgeDiscrimination,
    [JsonStringEnumMemberName("other_discrimination")] OtherDiscrimination,
    [JsonStringEnumMemberName("time_family")] TimeOrFamily,
    [JsonStringEnumMemberName("motivation")] Motivation,
    [JsonStringEnumMemberName("salary")] Salary,
    [JsonStringEnumMemberName("self_confidence")] SelfConfidence,
}

/// <summary>A job the seeker wants, as typed and as resolved (by the text index or the seeker's correction).</summary>
/// <param name="Label">The words the seeker typed ("aide soignante de nuit").</param>
/// <param name="OccupationUri">The ESCO occupation it was resolved to, when known.</param>
/// <param name="RomeCode">The ROME v3 job-sheet code (e.g. J1501), when known.</param>
public sealed record TargetJob(string? Label = null, string? OccupationUri = null, string? RomeCode = null);

/// <summary>A job the seeker held before.</summary>
public sealed record PastJob(string? Label = null, string? OccupationUri = null, string? RomeCode = null, double? Years = null);

/// <summary>A skill the seeker has, with where that claim comes from.</summary>
public sealed record SeekerSkill(string Uri, SkillEvidence Evidence = SkillEvidence.Declared);

/// <summary>The seeker questionnaire: the profile the diagnosis and the advice read.</summary>
public sealed record SeekerProfile
{
    public string Id { get; init; } = "";
    /// <summary>Wanted jobs, main one first; null: not answered, empty: "I do not know yet".</summary>
    public IReadOnlyList<TargetJob>? TargetJobs { get; init; }
    /// <summary>The seeker's own answer to "is your professional project clear?".</summary>
    public bool? ProjectClear { get; init; }
    /// <summary>INSEE commune code.</summary>
    public string? Commune { get; init; }
    public string? Postcode { get; init; }
    public double? RadiusKm { get; init; }
    public Mobility? Mobility { get; init; }
    public double? YearsOfExperienceInTarget { get; init; }
    /// <summary>Age in years; <see cref="BirthYear"/> may be given instead.</summary>
    public int? Age { get; init; }
    public int? BirthYear { get; init; }
    public DiplomaLevel? HighestDiploma { get; init; }
    /// <summary>The seeker's own answer to "does the target job ask for a diploma you do not have?".
    /// Used only when the market data does not say.</summary>
    public bool? DiplomaRequiredForTarget { get; init; }
    public bool? SearchStarted { get; init; }
    public DateOnly? SearchStartDate { get; init; }
    public int? ApplicationsSoFar { get; init; }
    public int? InterviewsSoFar { get; init; }
    public double? ApplicationsPerWeek { get; init; }
    /// <summary>Job offers received after interviews.</summary>
    public int? OffersReceived { get; init; }
    /// <summary>Wanted contracts; empty: any contract.</summary>
    public IReadOnlyList<ContractType>? ContractWishes { get; init; }
    public IReadOnlyList<Frustration>? Frustrations { get; init; }
    public bool? PassionateAboutTarget { get; init; }
    /// <summary>0 (nobody to ask) to 3 (a strong professional network in the target field).</summary>
    public int? NetworkStrength { get; init; }
    public bool? WantsToCreateCompany { get; init; }
    public bool? HasDrivingLicence { get; init; }
    /// <summary>The seeker's skills, each ticked on the form: declared, or from experience (<see cref="SkillEvidence.PastJob"/>).</summary>
    public IReadOnlyList<SeekerSkill>? Skills { get; init; }
    /// <summary>Skills the seeker unticked (ESCO URIs): never counted, even when a past job or the practised target
    /// job would bring them "from experience".</summary>
    public IReadOnlyList<string>? DeclinedSkills { get; init; }
    public IReadOnlyList<PastJob>? PastJobs { get; init; }
    /// <summary>Consent to appear, pseudonymised, in recruiters' searches.</summary>
    public bool SearchableByRecruiters { get; init; }

    /// <summary>The age on <paramref name="today"/>, from the age answered or else the birth year (could be one year too high before the birthday).</summary>
    public int? AgeOn(DateOnly today) => Age ?? (BirthYear is { } year ? today.Year - year : null);

    /// <summary>Whole calendar months since the search started; null when unknown or not started.</summary>
    public int? MonthsSearching(DateOnly today)
    {
        if (SearchStarted != true || SearchStartDate is not { } start)
        {
            return null;
        }
        var months = ((today.Year - start.Year) * 12) + today.Month - start.Month;
        if (today.Day < start.Day)
        {
            months--;
        }
        return Math.Max(0, months);
    }

    public bool Has(Frustration frustration) => Frustrations?.Contains(frustration) == true;
}
