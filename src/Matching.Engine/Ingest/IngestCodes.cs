using System.Globalization;
using System.Text.RegularExpressions;
using Matching.Engine.Indexing;

namespace Matching.Engine.Ingest;

/// <summary>The codes clients send (France Travail's and our enum names), to the document enums.</summary>
public static partial class IngestCodes
{
    public const string ContractExpected = "Expected CDI, CDD, MIS, SAI, LIB, alternance or a contract type name (Permanent, FixedTerm, Temporary, Seasonal, Freelance, WorkStudy, Other).";
    public const string ExperienceExpected = "Expected D, S, E, beginner, desired or required.";
    public const string ImportanceExpected = "Expected essential or optional.";
    public const string EvidenceExpected = "Expected declared, pastJob or adviserConfirmed.";
    public const string LicenceExpected = "Expected required, desired, none (or E, S).";

    /// <summary>France Travail's other contract codes (franchise, takeover, insertion contracts, ...).</summary>
    private static readonly HashSet<string> s_otherFranceTravailContracts = new(StringComparer.OrdinalIgnoreCase) { "FRA", "REP", "CCE", "DDI", "DIN", "TTI", "DDT" };

    public static bool TryContract(string value, out ContractType contract)
    {
        contract = value.Trim().ToUpperInvariant() switch
        {
            "CDI" or "PERMANENT" => ContractType.Permanent,
            "CDD" or "FIXEDTERM" => ContractType.FixedTerm,
            "MIS" or "TEMPORARY" => ContractType.Temporary,
            "SAI" or "SEASONAL" => ContractType.Seasonal,
            "LIB" or "FREELANCE" => ContractType.Freelance,
            "ALTERNANCE" or "WORKSTUDY" => ContractType.WorkStudy,
            "OTHER" => ContractType.Other,
            var code when s_otherFranceTravailContracts.Contains(code) => ContractType.Other,
            _ => ContractType.Unspecified,
        };
        return contract != ContractType.Unspecified;
    }

    public static bool TryExperience(string value, out ExperienceRequirement experience)
    {
        (var known, experience) = value.Trim().ToUpperInvariant() switch
        {
            "D" or "BEGINNER" or "BEGINNERACCEPTED" => (true, ExperienceRequirement.BeginnerAccepted),
            "S" or "DESIRED" => (true, ExperienceRequirement.Desired),
            "E" or "REQUIRED" => (true, ExperienceRequirement.Required),
            _ => (false, ExperienceRequirement.BeginnerAccepted),
        };
        return known;
    }

    public static bool TryImportance(string? value, out SkillImportance importance)
    {
        (var known, importance) = value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "ESSENTIAL" => (true, SkillImportance.Essential),
            "OPTIONAL" => (true, SkillImportance.Optional),
            _ => (false, SkillImportance.Essential),
        };
        return known;
    }

    public static bool TryEvidence(string? value, out SkillEvidence evidence)
    {
        (var known, evidence) = value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "DECLARED" => (true, SkillEvidence.Declared),
            "PASTJOB" or "PAST_JOB" => (true, SkillEvidence.PastJob),
            "ADVISERCONFIRMED" or "ADVISER_CONFIRMED" => (true, SkillEvidence.AdviserConfirmed),
            "TRAINING" => (true, SkillEvidence.Training),
            "COLLEAGUEENDORSED" or "COLLEAGUE_ENDORSED" => (true, SkillEvidence.ColleagueEndorsed),
            _ => (false, SkillEvidence.Declared),
        };
        return known;
    }

    /// <summary>Years from France Travail's experienceLibelle: "2 An(s)", "6 Mois", "Expérience exigée de 3 An(s)", "1 an".</summary>
    public static double? ExperienceYears(string? label)
    {
        if (string.IsNullOrWhiteSpace(label) || Duration().Match(label) is not { Success: true } match)
        {
            return null;
        }
        var amount = double.Parse(match.Groups["n"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.StartsWith('m') || match.Groups["unit"].Value.StartsWith('M') ? Math.Round(amount / 12, 2) : amount;
    }

    public static bool TryLicence(string value, out LicenceRequirement licence)
    {
        (var known, licence) = value.Trim().ToUpperInvariant() switch
        {
            "E" or "REQUIRED" => (true, LicenceRequirement.Required),
            "S" or "DESIRED" => (true, LicenceRequirement.Desired),
            "NONE" or "NOTASKED" or "NO" => (true, LicenceRequirement.NotAsked),
            _ => (false, LicenceRequirement.NotAsked),
        };
        return known;
    }

    /// <summary>France Travail's <c>permis</c>: required when one licence is (E), desired when all are desired (S),
    /// not asked when the list is absent or empty (the feed lists every licence an offer asks for).</summary>
    public static LicenceRequirement Licence(IReadOnlyList<FranceTravailLicence>? permis) =>
        permis is not { Count: > 0 } ? LicenceRequirement.NotAsked
        : permis.Any(p => !string.Equals(p.Exigence?.Trim(), "S", StringComparison.OrdinalIgnoreCase)) ? LicenceRequirement.Required
        : LicenceRequirement.Desired;

    /// <summary>"Temps plein" → true, "Temps partiel" → false.</summary>
    public static bool? FullTime(string? label) =>
        label is null ? null :
        label.Contains("plein", StringComparison.OrdinalIgnoreCase) ? true :
        label.Contains("partiel", StringComparison.OrdinalIgnoreCase) ? false :
        null;

    [GeneratedRegex(@"(?<n>\d+(?:[.,]\d+)?)\s*(?<unit>an|mois)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
