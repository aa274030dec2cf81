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

    public static TextRef Title(this DiagnosisCategory category) => TextRef.Of($"category.{category.Id()}.title");
}

/// <summary>One category of the diagnosis with its status and the reasons, figures included.</summary>
public sealed record CategoryDiagnosis(DiagnosisCategory Id, CategoryStatus Status, IReadOnlyList<TextRef> Reasons);

/// <summary>A question whose answer could change the diagnosis.</summary>
/// <param name="Field">The questionnaire field (camelCase, as in the JSON profile).</param>
/// <param name="Categories">The categories waiting for it.</param>
public sealed record MissingAnswer(string Field, TextRef Question, AnswerImpact Impact, IReadOnlyList<DiagnosisCategory> Categories);

/// <summary>The diagnosis of a seeker.</summary>
/// <param name="MainChallenge">The first category whose conditions hold; null only when nothing holds and some category lacks data.</param>
/// <param name="Categories">All eight categories, in order.</param>
/// <param name="MissingAnswers">Questions to ask, most useful first.</param>
public sealed record SeekerDiagnosis(DiagnosisCategory? MainChallenge, IReadOnlyList<CategoryDiagnosis> Categories, IReadOnlyList<MissingAnswer> MissingAnswers)
{
    public CategoryDiagnosis this[DiagnosisCategory category] => Categories[(int)category];

    public bool Holds(DiagnosisCategory category) => this[category].Status is CategoryStatus.MainChallenge or CategoryStatus.NeedsAttention;
}
