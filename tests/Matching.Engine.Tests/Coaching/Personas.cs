using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// A fully answered seeker with nothing holding them back (the "bravo" persona) and a healthy local market.
/// Each test changes only what its case is about, so a boundary is the only difference.
/// </summary>
internal static class Personas
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static SeekerProfile Settled { get; } = new()
    {
        Id = "seeker-1",
        TargetJobs = [new TargetJob("aide-soignante", "http://data.europa.eu/esco/occupation/aa", "J1501")],
        ProjectClear = true,
        Commune = "69381",
        Postcode = "69001",
        RadiusKm = 30,
        Mobility = Mobility.Department,
        YearsOfExperienceInTarget = 5,
        Age = 35,
        HighestDiploma = DiplomaLevel.Bac,
        DiplomaRequiredForTarget = false,
        SearchStarted = true,
        SearchStartDate = Today.AddMonths(-4),
        ApplicationsSoFar = 40,
        InterviewsSoFar = 8,
        ApplicationsPerWeek = 3,
        OffersReceived = 1,
        ContractWishes = [],
        Frustrations = [],
        PassionateAboutTarget = true,
        NetworkStrength = 2,
        WantsToCreateCompany = false,
        HasDrivingLicence = true,
        Skills = [new SeekerSkill("http://data.europa.eu/esco/skill/s1", SkillEvidence.PastJob)],
        PastJobs = [new PastJob("aide-soignante", RomeCode: "J1501", Years: 5)],
        SearchableByRecruiters = true,
    };

    public static MarketFacts Healthy { get; } = new()
    {
        RomeCode = "J1501",
        AreaCode = "8212",
        AreaName = "Lyon",
        OffersPerTenJobSeekers = 6.5,
        TensionIndicator = 4,
        LiveOffers = 120,
        LiveProfiles = 80,
        SkillsGapShare = 0.1,
        MissingSkills = [new MissingSkill("http://data.europa.eu/esco/skill/m1", "administrer des médicaments", 42)],
        DiplomaUsuallyRequired = true,
        RequiredDiploma = DiplomaLevel.CapBep,
        MainApplicationChannel = ApplicationChannel.Other,
        RecruitmentDifficultyPercent = 70,
        DrivingLicenceShare = 0.05,
        DrivingLicenceBasis = DrivingLicenceBasis.LocalOffers,
        DrivingLicenceOffers = 60,
    };

    /// <summary>A new, unsure young seeker in a middling market: several categories hold, many modules fire.</summary>
    public static SeekerProfile YoungBeginner { get; } = Settled with
    {
        Age = 22,
        YearsOfExperienceInTarget = 0,
        PassionateAboutTarget = false,
        SearchStartDate = Today.AddMonths(-1),
        ApplicationsSoFar = 3,
        InterviewsSoFar = 0,
        OffersReceived = 0,
        NetworkStrength = 0,
        HasDrivingLicence = false,
        ContractWishes = [ContractType.Permanent],
        Frustrations = [Frustration.NoAnswers, Frustration.Motivation],
        HighestDiploma = DiplomaLevel.None,
    };

    public static MarketFacts Tough { get; } = Healthy with
    {
        OffersPerTenJobSeekers = 2.4,
        TensionIndicator = 2,
        SkillsGapShare = 0.6,
        MissingSkills =
        [
            new MissingSkill("http://data.europa.eu/esco/skill/m1", "administrer des médicaments", 42),
            new MissingSkill("http://data.europa.eu/esco/skill/m2", "aider les patients à se déplacer", 30),
            new MissingSkill("http://data.europa.eu/esco/skill/m3", "mesurer les signes vitaux", 12),
            new MissingSkill("http://data.europa.eu/esco/skill/m4", "hygiène hospitalière", 5),
        ],
        MainApplicationChannel = ApplicationChannel.SpontaneousVisit,
        DrivingLicenceShare = 0.55,
        CloseJobs =
        [
            new CloseJob("auxiliaire de puériculture", "J1304", 7.5, ["soins aux nourrissons"]) { CoreSkills = 10 },
            new CloseJob("agent de service hospitalier", "J1501", 3.0, []) { CoreSkills = 10 },
            new CloseJob("infirmier", "J1506", 5.0, ["soins infirmiers"]) { CoreSkills = 10 },
            new CloseJob("agent d'entretien", "K2204", 9.0, ["techniques de nettoyage", "produits d'entretien"]) { CoreSkills = 10 },
        ],
        BetterCommunes = [new BetterCommune("Villeurbanne", "69266", 36, 3.2), new BetterCommune("Vénissieux", "69259", 42, 2.1)],
        LessTenseAreas = [new BetterArea("5301", "Rennes", 8.2)],
    };
}
