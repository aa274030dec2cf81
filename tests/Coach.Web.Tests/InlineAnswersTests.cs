using System.Globalization;
using Coach.Web.Seekers;
using Matching.Engine.Coaching.Questionnaire;

namespace Coach.Web.Tests;

public sealed class InlineAnswersTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly SeekerProfile Profile = new() { Id = "web-0123456789abcdef" };

    public InlineAnswersTests() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

    [Fact]
    public void ANumberAnswerSetsItsField()
    {
        var (profile, error) = InlineAnswers.Apply(Profile, ProfileFields.ApplicationsSoFar, "12", Today);

        Assert.Null(error);
        Assert.Equal(12, profile!.ApplicationsSoFar);
    }

    [Fact]
    public void TheSearchStartIsAnsweredInMonths()
    {
        var (profile, _) = InlineAnswers.Apply(Profile, ProfileFields.SearchStartDate, "3", Today);

        Assert.True(profile!.SearchStarted);
        Assert.Equal(new DateOnly(2026, 8, 23), profile.SearchStartDate);
        Assert.Equal(3, profile.MonthsSearching(Today));
    }

    [Fact]
    public void YesAndNoAreTheOnlyAnswersToAYesNoQuestion()
    {
        Assert.True(InlineAnswers.Apply(Profile, ProfileFields.HasDrivingLicence, "yes", Today).Profile!.HasDrivingLicence);
        Assert.False(InlineAnswers.Apply(Profile, ProfileFields.ProjectClear, "no", Today).Profile!.ProjectClear);
        var (refused, error) = InlineAnswers.Apply(Profile, ProfileFields.ProjectClear, "maybe", Today);
        Assert.Null(refused);
        Assert.Equal("Répondez par oui ou par non.", error);
    }

    [Theory]
    [InlineData(ProfileFields.Age, "-4")]
    [InlineData(ProfileFields.Age, "200")]
    [InlineData(ProfileFields.InterviewsSoFar, "douze")]
    [InlineData(ProfileFields.NetworkStrength, "9")]
    [InlineData(ProfileFields.HighestDiploma, "Master of the universe")]
    [InlineData(ProfileFields.Age, "  ")]
    public void AWrongAnswerIsRefusedWithAReason(string field, string value)
    {
        var (profile, error) = InlineAnswers.Apply(Profile, field, value, Today);

        Assert.Null(profile);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void AJobOrSkillsAreAnsweredInTheQuestionnaire()
    {
        Assert.Equal(AnswerInput.Questionnaire, InlineAnswers.InputFor(ProfileFields.TargetJobs));
        Assert.Equal(AnswerInput.Questionnaire, InlineAnswers.InputFor(ProfileFields.Skills));
        Assert.Null(InlineAnswers.Apply(Profile, ProfileFields.TargetJobs, "boulanger", Today).Profile);
    }

    [Fact]
    public void EveryQuestionFieldTheDiagnosisAsksHasTexts()
    {
        foreach (var level in Enum.GetValues<DiplomaLevel>())
        {
            Assert.True(Ui.HasText($"diploma.{level}"), $"diploma.{level}");
        }
        foreach (var mobility in Enum.GetValues<Mobility>())
        {
            Assert.True(Ui.HasText($"mobility.{mobility}"), $"mobility.{mobility}");
        }
        foreach (var frustration in Enum.GetValues<Frustration>())
        {
            Assert.True(Ui.HasText($"frustration.{frustration}"), $"frustration.{frustration}");
        }
    }
}
