using System.Globalization;
using Matching.Engine.Coaching.Questionnaire;
using F = Matching.Engine.Coaching.Questionnaire.ProfileFields;

namespace Coach.Web.Seekers;

/// <summary>How a missing answer is asked on the seeker's page.</summary>
public enum AnswerInput
{
    /// <summary>Not askable inline (a job, a place, skills): the questionnaire asks it.</summary>
    Questionnaire,
    Number,
    YesNo,
    Diploma,
    Mobility,
}

/// <summary>The questions the diagnosis asks, answered one at a time on the seeker's page.</summary>
public static class InlineAnswers
{
    public static AnswerInput InputFor(string field) => field switch
    {
        F.Age or F.YearsOfExperienceInTarget or F.ApplicationsSoFar or F.InterviewsSoFar or F.ApplicationsPerWeek
            or F.OffersReceived or F.NetworkStrength or F.RadiusKm or F.SearchStartDate or F.BirthYear => AnswerInput.Number,
        F.ProjectClear or F.SearchStarted or F.PassionateAboutTarget or F.DiplomaRequiredForTarget
            or F.HasDrivingLicence or F.WantsToCreateCompany => AnswerInput.YesNo,
        F.HighestDiploma => AnswerInput.Diploma,
        F.Mobility => AnswerInput.Mobility,
        _ => AnswerInput.Questionnaire,
    };

    /// <summary>
    /// The profile with one more answer, or the reason (in words) the answer was refused. A search start is
    /// answered in months ("for how many months?"), the way people count it.
    /// </summary>
    public static (SeekerProfile? Profile, string? Error) Apply(SeekerProfile profile, string field, string? value, DateOnly today)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, Ui.T("error.answer.empty"));
        }
        switch (InputFor(field))
        {
            case AnswerInput.YesNo:
                bool? yes = text switch { "yes" => true, "no" => false, _ => null };
                if (yes is not { } b)
                {
                    return (null, Ui.T("error.answer.yesNo"));
                }
                return (field switch
                {
                    F.ProjectClear => profile with { ProjectClear = b },
                    F.SearchStarted => profile with { SearchStarted = b, SearchStartDate = b ? profile.SearchStartDate : null },
                    F.PassionateAboutTarget => profile with { PassionateAboutTarget = b },
                    F.DiplomaRequiredForTarget => profile with { DiplomaRequiredForTarget = b },
                    F.HasDrivingLicence => profile with { HasDrivingLicence = b },
                    _ => profile with { WantsToCreateCompany = b },
                }, null);
            case AnswerInput.Diploma:
                return Enum.TryParse<DiplomaLevel>(text, out var diploma) && Enum.IsDefined(diploma)
                    ? (profile with { HighestDiploma = diploma }, null)
                    : (null, Ui.T("error.answer.choice"));
            case AnswerInput.Mobility:
                return Enum.TryParse<Mobility>(text, out var mobility) && Enum.IsDefined(mobility)
                    ? (profile with { Mobility = mobility }, null)
                    : (null, Ui.T("error.answer.choice"));
            case AnswerInput.Number:
                if (!double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || number < 0)
                {
                    return (null, Ui.T("error.number", text));
                }
                var whole = (int)Math.Round(Math.Min(number, int.MaxValue));
                var answered = field switch
                {
                    F.Age => profile with { Age = whole },
                    F.BirthYear => profile with { BirthYear = whole },
                    F.YearsOfExperienceInTarget => profile with { YearsOfExperienceInTarget = number },
                    F.ApplicationsSoFar => profile with { ApplicationsSoFar = whole },
                    F.InterviewsSoFar => profile with { InterviewsSoFar = whole },
                    F.ApplicationsPerWeek => profile with { ApplicationsPerWeek = number },
                    F.OffersReceived => profile with { OffersReceived = whole },
                    F.NetworkStrength => profile with { NetworkStrength = whole },
                    F.RadiusKm => profile with { RadiusKm = number },
                    _ => profile with { SearchStarted = true, SearchStartDate = today.AddMonths(-Math.Min(whole, 600)) },
                };
                // The engine's own rules decide what is acceptable (ranges, coherence); their message is shown as is.
                var errors = SeekerProfileValidator.Validate(answered, today);
                return errors.Count == 0 ? (answered, null) : (null, string.Join(" ", errors.SelectMany(e => e.Value)));
            default:
                return (null, Ui.T("error.answer.questionnaire"));
        }
    }
}
