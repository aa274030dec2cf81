using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Texts;

namespace Matching.Engine.Coaching.Diagnosis;

/// <summary>The diagnosis categories, in the order they are checked (product.md "Diagnosis").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiagnosisCategory>))]
public enum DiagnosisCategory
{
    [JsonStringEnumMemberName("undefined-project")] UndefinedProject,
    [JsonStringEnumMemberName("skills-gap")] SkillsGap,
    [JsonStringEnumMemberName("stuck-market")] StuckMarket,
    [JsonStringEnumMemberName("find-what-you-like")] FindWhatYouLike,
    [JsonStringEnumMemberName("missing-diploma")] MissingDiploma,
    [JsonStringEnumMemberName("start-your-search")] StartYourSearch,
    [JsonStringEnumMemberName("enhance-interviews")] EnhanceInterviews,
    [JsonStringEnumMemberName("bravo")] Bravo,
}

[JsonConverter(typeof(JsonStringEnumConverter<CategoryStatus>))]
public enum CategoryStatus
{
    [JsonStringEnumMemberName("main-challenge")] MainChallenge,
    [JsonStringEnumMemberName("needs-attention")] NeedsAttention,
    [JsonStringEnumMemberName("fine")] Fine,
    [JsonStringEnumMemberName("not-enough-data")] NotEnoughData,
    /// <summary>Bravo only: another category is the main challenge, so the seeker is not on the right track yet.</summary>
    [JsonStringEnumMemberName("not-yet")] NotYet,
}

/// <summary>How much answering a missing question could change the diagnosis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerImpact>))]
public enum AnswerImpact
{
    /// <summary>A category checked before the current main challenge depends on it: the main challenge may change.</summary>
    [JsonStringEnumMemberName("main-challenge")] ChangesMainChallenge,
    /// <summary>Only the status of a later category depends on it.</summary>
    [JsonStringEnumMemberName("category")] ChangesCategory,
}

public static class DiagnosisCategories
{
    public static IReadOnlyList<DiagnosisCategory> InOrder { get; } = Enum.GetValues<DiagnosisCategory>();

    /// <summary>The stable id used in texts and by the API ("stuck-market").</summary>
    public static string Id(this DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.UndefinedProject => "undefined-project",
        DiagnosisCategory.SkillsGap => "skills-gap",
        DiagnosisCategory.StuckMarket => "stuck-market",
        DiagnosisCategory.FindWhatYouLike => "find-what-you-like",
        DiagnosisCategory.MissingDiploma => "missing-diploma",
        DiagnosisCategory.StartYourSearch => "start-your-search",
        DiagnosisCategory.EnhanceInterviews => "enhance-interviews",
        DiagnosisCategory.Bravo => "bravo",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown diagnosis category."),
    };

    /// <summary>The title of the category as a challenge ("Un marché local difficile"): for a main challenge or a category that needs attention.</summary>
    public static TextRef Title(this DiagnosisCategory category) => TextRef.Of($"category.{category.Id()}.title");

    /// <summary>
    /// The title that agrees with the status: the challenge ("Un marché local difficile") when the category
    /// holds, its neutral subject ("Le marché local") when it is fine or undecided. Bravo keeps its title
    /// ("Vous êtes sur la bonne voie"): its statuses say whether that is so yet.
    /// </summary>
    public static TextRef Title(this DiagnosisCategory category, CategoryStatus status) =>
        category == DiagnosisCategory.Bravo || status is CategoryStatus.MainChallenge or CategoryStatus.NeedsAttention
            ? category.Title()
            : TextRef.Of($"category.{category.Id()}.subject");
}

/// <summary>One category of the diagnosis with its status and the reasons, figures included.</summary>
public sealed record CategoryDiagnosis(DiagnosisCategory Id, CategoryStatus Status, IReadOnlyList<TextRef> Reasons)
{
    /// <summary>The seeker has no target job: a title with a <c>.no-target</c> wording takes it ("Votre envie pour ce métier" named none).</summary>
    public bool WithoutTarget { get; init; }

    /// <summary>The title that agrees with <see cref="Status"/>.</summary>
    public TextRef Title => WithoutTarget ? Texts.CoachTexts.WithoutTarget(Id.Title(Status)) : Id.Title(Status);
}

/// <summary>A question whose answer could change the diagnosis.</summary>
/// <param name="Field">The questionnaire field (camelCase, as in the JSON profile).</param>
/// <param name="Categories">The categories waiting for it.</param>
public sealed record MissingAnswer(string Field, TextRef Question, AnswerImpact Impact, IReadOnlyList<DiagnosisCategory> Categories);

/// <summary>The diagnosis of a seeker.</summary>
/// <param name="MainChallenge">The first category whose conditions hold; when none holds, bravo if nothing waits for an
/// answer, else the first category waiting for one (<paramref name="Provisional"/>). Null only without a target job
/// or a place.</param>
/// <param name="Categories">All eight categories, in order.</param>
/// <param name="MissingAnswers">Questions to ask, most useful first.</param>
/// <param name="Provisional">True when the main challenge is the first category waiting for an answer rather than one
/// that holds: the answers may confirm it or move it.</param>
public sealed record SeekerDiagnosis(DiagnosisCategory? MainChallenge, IReadOnlyList<CategoryDiagnosis> Categories, IReadOnlyList<MissingAnswer> MissingAnswers, bool Provisional = false)
{
    public CategoryDiagnosis this[DiagnosisCategory category] => Categories[(int)category];

    public bool Holds(DiagnosisCategory category) => this[category].Status is CategoryStatus.MainChallenge or CategoryStatus.NeedsAttention;
}
