namespace Matching.Engine.Market;

/// <summary>
/// DARES labour-market tension for one ROME code in one employment area (2021). Indicators run
/// from 1 (low) to 5 (high) and are null where the source leaves them blank.
/// </summary>
/// <param name="OffersRegistered">Offers registered per quarter ("oee"), averaged, hence fractional.</param>
/// <param name="JobSeekers">Job seekers in categories A, B, C ("defm_abc"), quarterly average.</param>
public sealed record Tension(
    string RomeCode,
    string EmploymentAreaCode,
    double OffersRegistered,
    double JobSeekers,
    int? TensionIndicator,
    int? HiringIntensity,
    int? LabourShortage,
    int? LastingJobs,
    int? WorkingConditions,
    int? GeographicMismatch,
    int? TrainingSpecificity)
{
    /// <summary>Offers for every ten job seekers: the figure a coach can say out loud. Null when there are no job seekers.</summary>
    public double? OffersPerTenJobSeekers => JobSeekers > 0 ? 10 * OffersRegistered / JobSeekers : null;
}

/// <summary>How employers of one NAF sector prefix best receive applications for one ROME code.</summary>
public sealed record HiringChannel(string NafPrefix, string RomeCode, string ContactMode);

/// <summary>One FAP job family's share of hiring projects judged difficult (BMO survey).</summary>
public sealed record FapDifficulty(string FapCode, string FapLabel, double DifficultPercent);

/// <summary>
/// Share of hiring projects judged difficult for a ROME code. A ROME code spread over several FAP
/// families gets their plain average: the source gives no weights.
/// </summary>
public sealed record RecruitmentDifficulty(
    string RomeCode,
    string RomeLabel,
    double DifficultPercent,
    string FapLabel,
    IReadOnlyList<FapDifficulty> Families);
