namespace Matching.Engine.Coaching.Questionnaire;

/// <summary>Field paths of <see cref="SeekerProfile"/> as they appear in JSON (camelCase): used by the
/// validator's errors and the diagnosis' questions, so the API and the UI can point at the field.</summary>
public static class ProfileFields
{
    public const string Id = "id";
    public const string TargetJobs = "targetJobs";
    public const string ProjectClear = "projectClear";
    public const string Commune = "commune";
    public const string Postcode = "postcode";
    public const string RadiusKm = "radiusKm";
    public const string Mobility = "mobility";
    public const string YearsOfExperienceInTarget = "yearsOfExperienceInTarget";
    public const string Age = "age";
    public const string BirthYear = "birthYear";
    public const string HighestDiploma = "highestDiploma";
    public const string DiplomaRequiredForTarget = "diplomaRequiredForTarget";
    public const string SearchStarted = "searchStarted";
    public const string SearchStartDate = "searchStartDate";
    public const string ApplicationsSoFar = "applicationsSoFar";
    public const string InterviewsSoFar = "interviewsSoFar";
    public const string ApplicationsPerWeek = "applicationsPerWeek";
    public const string OffersReceived = "offersReceived";
    public const string ContractWishes = "contractWishes";
    public const string Frustrations = "frustrations";
    public const string PassionateAboutTarget = "passionateAboutTarget";
    public const string NetworkStrength = "networkStrength";
    public const string WantsToCreateCompany = "wantsToCreateCompany";
    public const string HasDrivingLicence = "hasDrivingLicence";
    public const string Skills = "skills";
    public const string DeclinedSkills = "declinedSkills";
    public const string PastJobs = "pastJobs";
}
