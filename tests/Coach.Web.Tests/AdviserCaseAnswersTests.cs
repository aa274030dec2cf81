using System.Globalization;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Reviews;
using CasePage = Coach.Web.Advisers.ReviewCase;

namespace Coach.Web.Tests;

/// <summary>The adviser's case reads the seeker's answers about a third person, not as the questions put to the seeker.</summary>
public sealed class AdviserCaseAnswersTests
{
    private static ReviewCase Case() => new(
        "s1",
        new SeekerProfile
        {
            Id = "s1",
            TargetJobs = [new TargetJob("aide soignante")],
            Age = 38,
            Skills = [.. Enumerable.Range(0, 31).Select(i => new SeekerSkill($"http://example.org/skill/{i}"))],
        },
        new RenderedDiagnosis(null, null, [], []), [], [], [], null, [], []);

    [Theory]
    [InlineData("fr", "Âge", "Compétences déclarées", "Votre", "Vos ", "vous")]
    [InlineData("en", "Age", "Skills declared", "Your", "your", "you ")]
    public void The_adviser_reads_the_seekers_answers_in_the_third_person(string culture, string age, string skills, params string[] seekersVoice)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

        var answers = CasePage.Answers(Case()).ToList();

        Assert.Contains((age, "38"), answers);
        Assert.Contains((skills, "31"), answers);
        Assert.All(answers, a => Assert.DoesNotContain(seekersVoice, w => a.Label.Contains(w, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_adviser_reads_every_job_of_a_scattered_project()
    {
        // "Métier recherché : boulangère" for a seeker who named three jobs the diagnosis calls unrelated.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");
        var seekerCase = Case() with
        {
            Profile = Case().Profile! with { TargetJobs = [new TargetJob("boulangère"), new TargetJob("infirmière"), new TargetJob("développeuse web")] },
        };

        Assert.Contains(("Métiers recherchés", "boulangère, infirmière, développeuse web"), CasePage.Answers(seekerCase).ToList());
        Assert.Contains(("Métier recherché", "aide soignante"), CasePage.Answers(Case()).ToList());
    }
}
