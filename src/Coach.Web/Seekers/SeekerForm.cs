using System.Globalization;
using System.Text.RegularExpressions;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Geography;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Coach.Web.Seekers;

/// <summary>
/// The questionnaire's answers as posted, step after step. Each step posts its own fields and carries
/// the earlier ones in hidden inputs, so the form works without script and survives a back button.
/// Blank means "not answered": the diagnosis asks for it later instead of guessing.
/// </summary>
public sealed partial class SeekerForm
{
    public const int LastStep = 4;

    private const double MinPlaceScore = 0.8;

    /// <summary>The fields of each step, in order (the names of the inputs).</summary>
    public static IReadOnlyList<string[]> Steps { get; } =
    [
        ["job", "pastJob", "place", "radius"],
        ["jobReading", "age", "experience", "diploma", "searching", "searchMonths", "applications", "interviews", "contracts"],
        ["frustrations", "passionate", "network"],
        ["skills", "shownExperience", "extraSkill", "consent"],
    ];

    private readonly Dictionary<string, StringValues> _values;

    private SeekerForm(Dictionary<string, StringValues> values) => _values = values;

    public static SeekerForm Empty() => new(new(StringComparer.Ordinal));

    public static SeekerForm Read(IFormCollection form) => new(
        Steps.SelectMany(s => s).ToDictionary(f => f, f => form.TryGetValue(f, out var v) ? Clean(v) : StringValues.Empty, StringComparer.Ordinal));

    /// <summary>The form of a saved questionnaire, to change one's answers.</summary>
    public static SeekerForm From(SeekerProfile profile, DateOnly today)
    {
        string? Num(double? v) => v?.ToString(CultureInfo.InvariantCulture);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal)
        {
            ["job"] = profile.TargetJobs?.FirstOrDefault()?.Label,
            ["pastJob"] = profile.PastJobs?.FirstOrDefault()?.Label,
            ["place"] = profile.Commune is { } c ? $"({c})" : profile.Postcode,
            ["radius"] = Num(profile.RadiusKm),
            ["age"] = Num(profile.Age),
            ["experience"] = Num(profile.YearsOfExperienceInTarget),
            ["diploma"] = profile.HighestDiploma?.ToString(),
            ["searching"] = profile.SearchStarted switch { true => "yes", false => "no", null => null },
            ["searchMonths"] = Num(profile.MonthsSearching(today)),
            ["applications"] = Num(profile.ApplicationsSoFar),
            ["interviews"] = Num(profile.InterviewsSoFar),
            ["contracts"] = new([.. (profile.ContractWishes ?? []).Select(x => x.ToString())]),
            ["frustrations"] = new([.. (profile.Frustrations ?? []).Select(x => x.ToString())]),
            ["passionate"] = profile.PassionateAboutTarget switch { true => "yes", false => "no", null => null },
            ["network"] = Num(profile.NetworkStrength),
            ["skills"] = new([.. (profile.Skills ?? []).Select(s => s.Uri)]),
            // Skills from experience the seeker saw: the ticked ones are in skills, the unticked ones declined.
            ["shownExperience"] = new([.. (profile.Skills ?? []).Where(s => s.Evidence == SkillEvidence.PastJob).Select(s => s.Uri).Concat(profile.DeclinedSkills ?? []).Distinct()]),
            ["consent"] = profile.SearchableByRecruiters ? "on" : null,
        };
        return new(values);
    }

    public string Value(string field) => _values.TryGetValue(field, out var v) ? v.ToString() : "";

    public IReadOnlyList<string> Values(string field) => _values.TryGetValue(field, out var v) ? [.. v.Where(x => !string.IsNullOrEmpty(x)).Select(x => x!)] : [];

    public bool Has(string field, string value) => Values(field).Contains(value, StringComparer.Ordinal);

    /// <summary>
    /// Whether a skill's box is ticked: as posted once the seeker has seen the skills step; before that, a skill
    /// from experience is ticked (the seeker unticks what they lack) and any other is not.
    /// </summary>
    public bool Ticked(string skillUri, bool fromExperience) =>
        Values("shownExperience").Count > 0 || Values("skills").Count > 0 ? Has("skills", skillUri) : fromExperience;

    /// <summary>Hidden inputs for every answered field outside <paramref name="step"/>.</summary>
    public IEnumerable<(string Name, string Value)> Carried(int step) =>
        Steps.Where((_, i) => i != step - 1).SelectMany(s => s).SelectMany(f => Values(f).Select(v => (f, v)));

    /// <summary>The errors of one step's fields, in the reader's language, by field.</summary>
    public Dictionary<string, string> Validate(int step, ReferenceData data)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step == 1)
        {
            if (string.IsNullOrWhiteSpace(Value("job")))
            {
                errors["job"] = Ui.T("error.job.required");
            }
            if (string.IsNullOrWhiteSpace(Value("place")))
            {
                errors["place"] = Ui.T("error.place.required");
            }
            else if (ResolvePlace(data, Value("place")) is null)
            {
                errors["place"] = Ui.T("error.place.unknown", Value("place"));
            }
            Number(errors, "radius", 0, 1000);
        }
        else if (step == 2)
        {
            Number(errors, "age", SeekerProfileValidator.MinAge, SeekerProfileValidator.MaxAge);
            Number(errors, "experience", 0, 60);
            Number(errors, "searchMonths", 0, 240);
            Number(errors, "applications", 0, 100_000);
            Number(errors, "interviews", 0, 10_000);
            if (Value("searching") == "no" && Value("searchMonths").Length > 0 && Parse("searchMonths") > 0)
            {
                errors["searchMonths"] = Ui.T("error.searchMonths.notSearching");
            }
            // Each number in range can still contradict another: 50 years in the job at 45 is a typo in one of them, which would
            // weigh in the diagnosis (the diploma rule reads long experience).
            if (!errors.ContainsKey("age") && !errors.ContainsKey("experience") && Parse("age") is { } age && Parse("experience") is { } years
                && years > Math.Max(0, age - SeekerProfileValidator.MinAge))
            {
                errors["experience"] = Ui.T("error.experience.age", Math.Max(0, Math.Round(age) - SeekerProfileValidator.MinAge), Math.Round(age));
            }
        }
        return errors;
    }

    private void Number(Dictionary<string, string> errors, string field, double min, double max)
    {
        var text = Value(field);
        if (text.Length == 0)
        {
            return;
        }
        if (!double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            errors[field] = Ui.T("error.number", text);
        }
        else if (value < min || value > max)
        {
            errors[field] = Ui.T("error.range", min, max);
        }
    }

    private double? Parse(string field) =>
        double.TryParse(Value(field).Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// A commune from what the seeker typed: "Lyon (69123)" as the suggestions write it, an INSEE code in
    /// parentheses, a postcode (as people type it, before an INSEE code), or a name.
    /// </summary>
    public static Commune? ResolvePlace(ReferenceData data, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }
        var geography = data.Geography;
        if (CodeInParentheses().Match(text) is { Success: true } code && geography.TryGetCommune(code.Groups[1].Value.ToUpperInvariant(), out var byCode))
        {
            return byCode;
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 5 && trimmed.All(char.IsAsciiDigit))
        {
            return geography.ResolvePostcode(trimmed) ?? geography.Resolve(trimmed);
        }
        // Typo tolerance reads "Villeurbane" as Villeurbanne (0.81) but also "Atlantis" as Le Plantis (0.73): below 0.8, ask instead.
        return data.Places.Search(trimmed, 1).FirstOrDefault() is { Score: >= MinPlaceScore } match ? match.Commune : null;
    }

    /// <summary>The questionnaire as the engine reads it.</summary>
    /// <param name="readTarget">The target job from the words typed and the reading chosen on the second step (<see cref="Matching.Engine.Seekers.JobReadings.Target"/>).</param>
    /// <param name="understandTitle">A past job's words to an ESCO occupation and ROME code.</param>
    public SeekerProfile ToProfile(string id, ReferenceData data, Func<string, string?, TargetJob?> readTarget, Func<string, (string? Uri, string? Rome)> understandTitle, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(readTarget);
        int? Int(string f) => Parse(f) is { } v ? (int)Math.Round(v) : null;
        bool? YesNo(string f) => Value(f) switch { "yes" => true, "no" => false, _ => null };
        var job = Value("job").Trim();
        var target = job.Length == 0 ? null : readTarget(job, Value("jobReading") is { Length: > 0 } chosen ? chosen : null);
        var pastJob = Value("pastJob").Trim();
        var past = pastJob.Length == 0 ? default : understandTitle(pastJob);
        var commune = ResolvePlace(data, Value("place"));
        var months = Int("searchMonths");
        var searching = YesNo("searching") ?? (months is > 0 ? true : null);

        // Ticked boxes are the skills; a skill from experience left unticked is declined, so experience never brings it back.
        var fromExperience = Values("shownExperience").Where(u => data.Taxonomy.SkillByUri(u) is not null).ToHashSet(StringComparer.Ordinal);
        var ticked = Values("skills").Where(u => data.Taxonomy.SkillByUri(u) is not null).ToHashSet(StringComparer.Ordinal);
        var skills = ticked.Select(u => new SeekerSkill(u, fromExperience.Contains(u) ? SkillEvidence.PastJob : SkillEvidence.Declared)).ToList();
        if (Value("extraSkill").Trim() is { Length: > 0 and <= 200 } extra
            && data.Search.Skills(extra, Ui.Language, 1).FirstOrDefault() is { } typed
            && skills.All(s => s.Uri != typed.Item.Uri))
        {
            skills.Add(new SeekerSkill(typed.Item.Uri));
        }

        return new SeekerProfile
        {
            Id = id,
            TargetJobs = target is null ? null : [target],
            PastJobs = pastJob.Length == 0 ? null : [new PastJob(pastJob, past.Uri, past.Rome)],
            Commune = commune?.InseeCode,
            RadiusKm = Parse("radius") ?? 30,
            Age = Int("age"),
            YearsOfExperienceInTarget = Parse("experience"),
            HighestDiploma = Enum.TryParse<DiplomaLevel>(Value("diploma"), out var diploma) ? diploma : null,
            SearchStarted = searching,
            SearchStartDate = searching == true && months is { } m ? today.AddMonths(-m) : null,
            ApplicationsSoFar = Int("applications"),
            InterviewsSoFar = Int("interviews"),
            ContractWishes = Values("contracts").Select(c => Enum.TryParse<ContractType>(c, out var t) ? t : ContractType.Unspecified)
                .Where(c => c != ContractType.Unspecified).Distinct().ToList(),
            Frustrations = Values("frustrations").Select(f => Enum.TryParse<Frustration>(f, out var t) ? (Frustration?)t : null)
                .OfType<Frustration>().Distinct().ToList(),
            PassionateAboutTarget = YesNo("passionate"),
            NetworkStrength = Int("network"),
            Skills = skills,
            DeclinedSkills = [.. fromExperience.Where(u => !ticked.Contains(u))],
            SearchableByRecruiters = Value("consent") is "on" or "true",
        };
    }

    private static StringValues Clean(StringValues values) =>
        new([.. values.Where(v => v is not null).Select(v => v!.Trim()).Where(v => v.Length is > 0 and <= 300).Take(SeekerProfileValidator.MaxSkills)]);

    [GeneratedRegex(@"\((\d[0-9AB]\d{3})\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeInParentheses();
}
