using System.Globalization;
using System.Text.RegularExpressions;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using F = Matching.Engine.Coaching.Questionnaire.ProfileFields;

namespace Matching.Engine.Coaching.Questionnaire;

/// <summary>
/// Checks a questionnaire and returns every wrong field with its messages (field path → messages, the
/// shape of a validation ProblemDetails). Unanswered (null) fields are never errors: the diagnosis asks
/// for them.
/// </summary>
public static partial class SeekerProfileValidator
{
    public const int MaxTargetJobs = 20;
    public const int MaxLabelLength = 200;
    public const int MaxSkills = 500;
    public const int MaxPastJobs = 50;
    public const double MaxRadiusKm = 1000;
    public const int MinAge = 14;
    public const int MaxAge = 80;

    /// <summary>The per-field errors; empty when the profile is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(SeekerProfile profile, DateOnly today)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(profile.Id))
        {
            errors.Add(F.Id, "The profile id is required.");
        }
        else if (profile.Id.Length > 100)
        {
            errors.Add(F.Id, "The profile id must be at most 100 characters.");
        }

        if (profile.TargetJobs is { } targets)
        {
            if (targets.Count > MaxTargetJobs)
            {
                errors.Add(F.TargetJobs, $"At most {MaxTargetJobs} target jobs, got {targets.Count}.");
            }
            for (var i = 0; i < targets.Count; i++)
            {
                var path = $"{F.TargetJobs}[{i}]";
                if (targets[i] is not { } job)
                {
                    errors.Add(path, "A target job cannot be null.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(job.Label) && job.OccupationUri is null && job.RomeCode is null)
                {
                    errors.Add(path, "A target job needs a label, an occupationUri or a romeCode.");
                }
                CheckJob(errors, path, job.Label, job.OccupationUri, job.RomeCode);
            }
        }

        if (profile.Commune is { } commune && !CommunePattern().IsMatch(commune))
        {
            errors.Add(F.Commune, $"'{commune}' is not an INSEE commune code (5 characters, e.g. 75056 or 2A004).");
        }
        if (profile.Postcode is { } postcode && !PostcodePattern().IsMatch(postcode))
        {
            errors.Add(F.Postcode, $"'{postcode}' is not a French postcode (5 digits).");
        }
        if (profile.RadiusKm is { } radius && !(radius >= 0 && radius <= MaxRadiusKm))
        {
            errors.Add(F.RadiusKm, $"The radius must be between 0 and {MaxRadiusKm} km, got {radius}.");
        }
        CheckEnum(errors, F.Mobility, profile.Mobility);
        CheckRange(errors, F.YearsOfExperienceInTarget, profile.YearsOfExperienceInTarget, 0, 60);

        if (profile.Age is { } age && age is < MinAge or > MaxAge)
        {
            errors.Add(F.Age, $"The age must be between {MinAge} and {MaxAge}, got {age}.");
        }
        if (profile.BirthYear is { } birthYear)
        {
            var implied = today.Year - birthYear;
            if (implied is < MinAge or > MaxAge + 1)
            {
                errors.Add(F.BirthYear, $"The birth year {birthYear} gives an age outside {MinAge}..{MaxAge}.");
            }
            else if (profile.Age is { } stated && Math.Abs(implied - stated) > 1)
            {
                errors.Add(F.BirthYear, $"The birth year {birthYear} does not agree with the age {stated}.");
            }
        }
        CheckEnum(errors, F.HighestDiploma, profile.HighestDiploma);

        if (profile.SearchStartDate is { } start)
        {
            if (start > today)
            {
                errors.Add(F.SearchStartDate, $"The search start date {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future.");
            }
            if (profile.SearchStarted == false)
            {
                errors.Add(F.SearchStartDate, "A search start date is given but searchStarted is false.");
            }
        }
        CheckRange(errors, F.ApplicationsSoFar, profile.ApplicationsSoFar, 0, 100_000);
        CheckRange(errors, F.InterviewsSoFar, profile.InterviewsSoFar, 0, 10_000);
        CheckRange(errors, F.ApplicationsPerWeek, profile.ApplicationsPerWeek, 0, 500);
        CheckRange(errors, F.OffersReceived, profile.OffersReceived, 0, 1_000);
        // Interviews can come without an application (network, walk-in), but not fifty more: a typo.
        if (profile.InterviewsSoFar is { } interviews && profile.ApplicationsSoFar is { } applications && interviews > applications + 50)
        {
            errors.Add(F.InterviewsSoFar, $"{interviews} interviews for {applications} applications looks like a typo.");
        }
        CheckEnums(errors, F.ContractWishes, profile.ContractWishes);
        CheckEnums(errors, F.Frustrations, profile.Frustrations);
        CheckRange(errors, F.NetworkStrength, profile.NetworkStrength, 0, 3);

        if (profile.Skills is { } skills)
        {
            if (skills.Count > MaxSkills)
            {
                errors.Add(F.Skills, $"At most {MaxSkills} skills, got {skills.Count}.");
            }
            for (var i = 0; i < skills.Count; i++)
            {
                var path = $"{F.Skills}[{i}]";
                if (skills[i] is not { } skill)
                {
                    errors.Add(path, "A skill cannot be null.");
                    continue;
                }
                if (!IsSkillUri(skill.Uri))
                {
                    errors.Add($"{path}.uri", $"'{skill.Uri}' is not an ESCO skill URI ({EscoSkillPrefix}...) nor a ROME 4.0 one ({Rome4Referential.CompetenceUriPrefix}..., {Rome4Referential.SavoirUriPrefix}...).");
                }
                CheckEnum(errors, $"{path}.evidence", (SkillEvidence?)skill.Evidence);
            }
        }

        if (profile.DeclinedSkills is { } declined)
        {
            if (declined.Count > MaxSkills)
            {
                errors.Add(F.DeclinedSkills, $"At most {MaxSkills} declined skills, got {declined.Count}.");
            }
            for (var i = 0; i < Math.Min(declined.Count, MaxSkills); i++)
            {
                if (!IsSkillUri(declined[i]))
                {
                    errors.Add($"{F.DeclinedSkills}[{i}]", $"'{declined[i]}' is not an ESCO skill URI ({EscoSkillPrefix}...) nor a ROME 4.0 one ({Rome4Referential.CompetenceUriPrefix}..., {Rome4Referential.SavoirUriPrefix}...).");
                }
            }
        }

        if (profile.PastJobs is { } pastJobs)
        {
            if (pastJobs.Count > MaxPastJobs)
            {
                errors.Add(F.PastJobs, $"At most {MaxPastJobs} past jobs, got {pastJobs.Count}.");
            }
            for (var i = 0; i < pastJobs.Count; i++)
            {
                var path = $"{F.PastJobs}[{i}]";
                if (pastJobs[i] is not { } job)
                {
                    errors.Add(path, "A past job cannot be null.");
                    continue;
                }
                CheckJob(errors, path, job.Label, job.OccupationUri, job.RomeCode);
                CheckRange(errors, $"{path}.years", job.Years, 0, 60);
            }
        }
        return errors.ToDictionary();
    }

    /// <summary>
    /// The questionnaire's own rules, then what needs the reference data: a commune or postcode that exists, target
    /// occupations and skills the taxonomy knows. Every adapter (API, web pages) calls this one, so a null in a list
    /// or an unknown code is the same 400 naming the field whichever door it came through.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(SeekerProfile profile, DateOnly today, SkillsTaxonomy taxonomy, GeographyData geography)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(geography);
        var errors = Validate(profile, today).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (profile.Commune is { } commune && !errors.ContainsKey(F.Commune) && geography.Resolve(commune) is null)
        {
            errors[F.Commune] = [$"Unknown commune '{Truncate(commune)}': give its INSEE code (e.g. 69383) or use postcode."];
        }
        if (profile.Postcode is { } postcode && !errors.ContainsKey(F.Postcode) && geography.ResolvePostcode(postcode) is null)
        {
            errors[F.Postcode] = [$"Unknown postcode '{Truncate(postcode)}'."];
        }
        for (var i = 0; i < (profile.TargetJobs?.Count ?? 0); i++)
        {
            var field = $"{F.TargetJobs}[{i}].occupationUri";
            if (profile.TargetJobs![i]?.OccupationUri is { } uri && !errors.ContainsKey(field) && taxonomy.OccupationByUri(uri) is null)
            {
                errors[field] = ["Unknown ESCO occupation URI."];
            }
        }
        for (var i = 0; i < (profile.Skills?.Count ?? 0); i++)
        {
            var field = $"{F.Skills}[{i}].uri";
            if (profile.Skills![i] is { } skill && !errors.ContainsKey(field) && taxonomy.SkillByUri(skill.Uri ?? "") is null)
            {
                errors[field] = ["Unknown skill URI (ESCO or ROME 4.0)."];
            }
        }
        return errors;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private const string EscoSkillPrefix = "http://data.europa.eu/esco/skill/";

    /// <summary>
    /// A skill of the one taxonomy: an ESCO skill, or a ROME 4.0 competence or savoir (the skill autocomplete suggests
    /// both, and offers carry ROME 4.0 items); whether the taxonomy knows it is checked against the reference data.
    /// </summary>
    private static bool IsSkillUri(string? uri) =>
        !string.IsNullOrWhiteSpace(uri)
        && (uri.StartsWith(EscoSkillPrefix, StringComparison.Ordinal)
            || uri.StartsWith(Rome4Referential.CompetenceUriPrefix, StringComparison.Ordinal)
            || uri.StartsWith(Rome4Referential.SavoirUriPrefix, StringComparison.Ordinal));
    private const string EscoOccupationPrefix = "http://data.europa.eu/esco/occupation/";

    private static void CheckJob(Errors errors, string path, string? label, string? occupationUri, string? romeCode)
    {
        if (label is { Length: > MaxLabelLength })
        {
            errors.Add($"{path}.label", $"The label must be at most {MaxLabelLength} characters, got {label.Length}.");
        }
        if (occupationUri is not null && !occupationUri.StartsWith(EscoOccupationPrefix, StringComparison.Ordinal))
        {
            errors.Add($"{path}.occupationUri", $"'{occupationUri}' is not an ESCO occupation URI ({EscoOccupationPrefix}...).");
        }
        if (romeCode is not null && !RomeCodePattern().IsMatch(romeCode))
        {
            errors.Add($"{path}.romeCode", $"'{romeCode}' is not a ROME code (a letter A-N and 4 digits, e.g. J1501).");
        }
    }

    private static void CheckRange(Errors errors, string field, double? value, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Must be between {min} and {max}, got {v}."));
        }
    }

    private static void CheckEnum<T>(Errors errors, string field, T? value)
        where T : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            errors.Add(field, $"Unknown {typeof(T).Name} value '{v}'. Expected one of: {string.Join(", ", Enum.GetNames<T>())}.");
        }
    }

    private static void CheckEnums<T>(Errors errors, string field, IReadOnlyList<T>? values)
        where T : struct, Enum
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            CheckEnum(errors, $"{field}[{i}]", (T?)values![i]);
        }
    }

    [GeneratedRegex("^([0-9]{5}|2[AB][0-9]{3})$")]
    private static partial Regex CommunePattern();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex("^[A-N][0-9]{4}$")]
    private static partial Regex RomeCodePattern();

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages))
            {
                _byField[field] = messages = [];
            }
            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
