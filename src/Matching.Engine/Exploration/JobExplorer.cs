using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Matching.Engine.Access;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Seekers;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Exploration;

/// <summary>What a person without a clear project picks: interests, RIASEC types, sectors, and constraints.</summary>
public sealed record ExploreRequest
{
    /// <summary>ROME 4.0 interest centres (<c>centre_interet</c> codes: 1 "J'ai envie de créer, construire, rénover", ...).</summary>
    public IReadOnlyList<int>? Interests { get; init; }
    /// <summary>RIASEC types: R, I, A, S, E, C.</summary>
    public IReadOnlyList<string>? Riasec { get; init; }
    /// <summary>ROME 4.0 sectors of activity (codes of <c>secteur_activite</c> or its sub-sectors).</summary>
    public IReadOnlyList<int>? Sectors { get; init; }
    /// <summary>No driving licence: jobs whose access needs one are left out.</summary>
    public bool NoDrivingLicence { get; init; }
    /// <summary>Part time wanted: jobs with part-time offers nearby come first.</summary>
    public bool PartTime { get; init; }
    /// <summary>No night work: jobs that ROME lists with night work are left out.</summary>
    public bool NoNightWork { get; init; }
    /// <summary>The highest diploma the person has or is ready to prepare: jobs that require a higher one are left out.</summary>
    public DiplomaLevel? Diploma { get; init; }
    /// <summary>Commune (INSEE code or postcode) for the local market; the seeker's own by default.</summary>
    public string? Place { get; init; }
    public double? RadiusKm { get; init; }
    public int Size { get; init; } = 8;
}

/// <summary>The local market of a job: live offers around the place, DARES offers per ten job seekers in the employment area.</summary>
public sealed record JobMarket(long? LiveOffers, double? OffersPerTenJobSeekers, int? Tension, string? AreaName, int? PartTimeOffers = null, int? OffersRead = null);

[JsonConverter(typeof(JsonStringEnumConverter<FirstStepKind>))]
public enum FirstStepKind
{
    /// <summary>Regulated: check the diploma or authorisation the law requires before anything else.</summary>
    [JsonStringEnumMemberName("checkRegulation")] CheckRegulation,
    /// <summary>A diploma is the usual way in: find the training.</summary>
    [JsonStringEnumMemberName("training")] Training,
    /// <summary>The person has much of it and offers are near: apply.</summary>
    [JsonStringEnumMemberName("apply")] Apply,
    /// <summary>Try it first: an immersion (PMSMP) with an employer of the trade.</summary>
    [JsonStringEnumMemberName("immersion")] Immersion,
}

/// <summary>A first step, with the figures that make it concrete.</summary>
public sealed record FirstStep(FirstStepKind Kind, long? Offers, DiplomaLevel? Level);

/// <summary>A job proposed from the person's interests.</summary>
/// <param name="Code">ROME 4.0 sheet code.</param>
/// <param name="TargetRomeCode">The ROME v3 code the rest of Coach reads (the sheet's parent).</param>
/// <param name="Why">What it matches: the interests, RIASEC types and sectors picked.</param>
/// <param name="SkillsYouHave">The job's core skills the person already has (from their profile).</param>
/// <param name="Access">What access requires (ROME 4.0 "accès à l'emploi" text).</param>
public sealed record ExploredJob(
    string Code, string Label, string TargetRomeCode, string? OccupationUri, IReadOnlyList<string> Why, JobMarket Market,
    IReadOnlyList<SkillRef> SkillsYouHave, int CoreSkills, string? Access, DiplomaLevel? AccessLevel, bool Regulated, FirstStep FirstStep);

/// <param name="SkillsKnown">Whether the person's skills were read (a seeker with a profile): otherwise "skills you have" says nothing.</param>
public sealed record ExploreResult(IReadOnlyList<ExploredJob> Jobs, int Matching, int LeftOutByConstraints, string? PlaceLabel, bool SkillsKnown = false);

public sealed record ExploreChoice(int Code, string Label);

/// <summary>What the form offers: ROME 4.0 interest centres and sectors.</summary>
public sealed record ExploreOptions(IReadOnlyList<ExploreChoice> Interests, IReadOnlyList<ExploreChoice> Sectors);

/// <summary>
/// Explore jobs by interests, for a person without a clear project (the "undefined project" diagnosis): ROME 4.0
/// sheets ranked by the interest centres, RIASEC types and sectors picked, without those the constraints rule out
/// (a driving licence the access needs, night work, a diploma above the level given), each with its local market,
/// the skills the person already has, what access requires and a first step. Choosing one makes it the seeker's
/// target (the questionnaire is saved on the same road as any other change).
/// </summary>
public sealed partial class JobExplorer(SeekerProfiles profiles, IMatchIndex index, ReferenceDataProvider referenceData)
{
    public const int MaxPicks = 30;
    public const int MaxSize = 20;
    private const int NightWork = 300803;
    private const string RiasecLetters = "RIASEC";
    private const int PartTimeSample = 40;

    public ExploreOptions Options()
    {
        var rome4 = referenceData.Require().Taxonomy.Rome4;
        return new ExploreOptions(
            [.. rome4.InterestCentres.OrderBy(c => c.Code).Select(c => new ExploreChoice(c.Code, c.Label))],
            [.. rome4.Sectors.Where(s => s.ParentCode is null).OrderBy(s => s.Label, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr"), true))
                .Select(s => new ExploreChoice(s.Code, s.Label))]);
    }

    /// <summary>Jobs for the picks. Anyone may explore; a seeker's own profile (place, skills) is read when they have one.</summary>
    public async Task<Outcome<ExploreResult>> ExploreAsync(CoachUser? caller, ExploreRequest request, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = referenceData.Require();
        var rome4 = data.Taxonomy.Rome4;
        var errors = new Dictionary<string, string[]>();
        var interests = Picks(request.Interests, "interests", c => rome4.InterestCentre(c) is not null, errors);
        var sectors = Picks(request.Sectors, "sectors", c => rome4.Sector(c) is not null, errors);
        var riasec = new HashSet<char>();
        for (var i = 0; i < Math.Min(request.Riasec?.Count ?? 0, MaxPicks); i++)
        {
            if (request.Riasec![i] is { Length: 1 } letter && RiasecLetters.Contains(char.ToUpperInvariant(letter[0]), StringComparison.Ordinal))
            {
                riasec.Add(char.ToUpperInvariant(letter[0]));
            }
            else
            {
                errors[$"riasec[{i}]"] = ["One of R, I, A, S, E, C."];
            }
        }
        if (interests.Count + sectors.Count + riasec.Count == 0 && errors.Count == 0)
        {
            errors["interests"] = ["Pick at least one interest, RIASEC type or sector."];
        }
        if (request.Diploma is { } d && !Enum.IsDefined(d))
        {
            errors["diploma"] = ["Unknown diploma level."];
        }
        if (request.RadiusKm is { } r && (!double.IsFinite(r) || r is < 0 or > SeekerProfiles.MaxRadiusKm))
        {
            errors["radiusKm"] = [$"Between 0 and {SeekerProfiles.MaxRadiusKm} km."];
        }
        if (request.Size is < 1 or > MaxSize)
        {
            errors["size"] = [$"Between 1 and {MaxSize}."];
        }
        Place? place = null;
        if (request.Place is { } placeText && !string.IsNullOrWhiteSpace(placeText))
        {
            var commune = placeText.Length > 100 ? null : data.Geography.Resolve(placeText) ?? data.Geography.ResolvePostcode(placeText);
            if (commune?.Location is { } location)
            {
                place = new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle);
            }
            else
            {
                errors["place"] = ["Unknown commune or postcode."];
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        // The seeker's own profile, when they explore as themselves: their place and their skills.
        var profile = caller is { IsSeeker: true } ? await index.GetProfileAsync(caller.Id, cancellationToken) : null;
        place ??= profile?.Place;
        var radius = request.RadiusKm ?? profile?.RadiusKm ?? 30;
        var has = (profile?.Skills ?? []).Select(s => s.SkillUri).ToHashSet(StringComparer.Ordinal);

        var candidates = new List<(Rome4Sheet Sheet, int Relevance, List<string> Why)>();
        var leftOut = 0;
        foreach (var sheet in rome4.Sheets)
        {
            var why = new List<string>();
            var relevance = 0;
            foreach (var m in sheet.InterestCentres.Where(m => interests.Contains(m.Code)))
            {
                relevance += m.Principal ? 3 : 2;
                why.Add(rome4.InterestCentre(m.Code)!.Label);
            }
            if (sheet.Riasec is { Length: > 0 } types)
            {
                if (riasec.Contains(types[0]))
                {
                    relevance += 2;
                    why.Add("RIASEC " + types[0]);
                }
                else if (types.Length > 1 && riasec.Contains(types[1]))
                {
                    relevance += 1;
                    why.Add("RIASEC " + types[1]);
                }
            }
            foreach (var m in sheet.Sectors.Where(m => sectors.Contains(m.Code) || (rome4.Sector(m.Code)?.ParentCode is { } parent && sectors.Contains(parent))))
            {
                relevance += m.Principal ? 2 : 1;
                why.Add(rome4.Sector(m.Code)!.Label);
            }
            if (relevance == 0)
            {
                continue;
            }
            if (RuledOut(sheet, request))
            {
                leftOut++;
                continue;
            }
            candidates.Add((sheet, relevance, [.. why.Distinct()]));
        }

        var area = place?.CommuneCode is { } communeCode ? data.Geography.EmploymentAreaOf(communeCode) : null;
        // Most relevant first; among equals the better local market (DARES), then the code for a stable order.
        var ranked = candidates
            .Select(c => (c.Sheet, c.Relevance, c.Why, Tension: area is not null && data.Market.TryGetTension(c.Sheet.ParentCode, area.Code, out var t) ? t : null))
            .OrderByDescending(c => c.Relevance)
            .ThenByDescending(c => c.Tension?.OffersPerTenJobSeekers ?? -1)
            .ThenBy(c => c.Sheet.Code, StringComparer.Ordinal)
            .Take(request.PartTime ? request.Size * 2 : request.Size)
            .ToList();

        var jobs = new List<ExploredJob>();
        foreach (var (sheet, _, why, tension) in ranked)
        {
            var occupation = data.Taxonomy.OccupationsForRome(sheet.Code).FirstOrDefault();
            var core = occupation?.EssentialSkills.Select(id => data.Taxonomy.Skills[id]).ToList() ?? [];
            var yours = core.Where(s => has.Contains(s.Uri)).Select(s => ExplanationViews.Skill(data.Taxonomy, s.Uri, language)).ToList();
            long? live = null;
            int? partTime = null, read = null;
            if (occupation is not null)
            {
                live = (await index.SupplyDemandAsync(new SupplyDemandQuery(null, occupation.Uri, place, place is null ? null : radius), cancellationToken)).Offers;
                if (request.PartTime && live > 0)
                {
                    (partTime, read) = await PartTimeAsync(occupation, place, radius, cancellationToken);
                }
            }
            var requirement = RomeDiplomaReader.Read(sheet.AccessToJob);
            var step = sheet.Regulated == true ? new FirstStep(FirstStepKind.CheckRegulation, live, requirement.Level)
                : requirement.Required == true && (request.Diploma is not { } level || requirement.Level > level) ? new FirstStep(FirstStepKind.Training, live, requirement.Level)
                : live > 0 && core.Count > 0 && yours.Count * 2 >= core.Count ? new FirstStep(FirstStepKind.Apply, live, null)
                : new FirstStep(FirstStepKind.Immersion, live, null);
            jobs.Add(new ExploredJob(
                sheet.Code, sheet.Label, sheet.ParentCode, occupation?.Uri, why,
                new JobMarket(live, tension?.OffersPerTenJobSeekers is { } perTen ? Math.Round(perTen, 1) : null, tension?.TensionIndicator, area is null ? null : MarketFactsBuilder.AreaName(data.Geography, area.Code), partTime, read),
                yours, core.Count, sheet.AccessToJob, requirement.Level, sheet.Regulated == true, step));
        }
        if (request.PartTime)
        {
            // Part time wanted: the jobs with the largest share of part-time offers nearby come first.
            jobs = [.. jobs.OrderByDescending(j => j.Market.OffersRead > 0 ? (double)j.Market.PartTimeOffers! / j.Market.OffersRead.Value : -1).Take(request.Size)];
        }
        return Outcome.Ok(new ExploreResult(jobs, candidates.Count, leftOut, place?.Label, has.Count > 0));
    }

    /// <summary>
    /// The chosen job becomes the seeker's target (their main and only one: a scattered project is what exploring
    /// resolves), their project clear; what they said of the former target is asked again. Saved as any change of
    /// the questionnaire: index, store, review queue. A seeker without a questionnaire is not found.
    /// </summary>
    public async Task<Outcome<string>> ChooseAsync(CoachUser caller, string seekerId, string? code, CancellationToken cancellationToken = default)
    {
        var rome4 = referenceData.Require().Taxonomy.Rome4;
        if (code is null || code.Length > 10 || rome4.Sheet(code) is not { } sheet)
        {
            return Outcome.Invalid("code", "Unknown ROME 4.0 job code.");
        }
        var questionnaire = await profiles.GetQuestionnaireAsync(caller, seekerId, "target chosen from interests");
        if (questionnaire.Value is not { } profile)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        var occupation = referenceData.Require().Taxonomy.OccupationsForRome(sheet.Code).FirstOrDefault();
        var chosen = profile with
        {
            TargetJobs = [new TargetJob(sheet.Label, occupation?.Uri, sheet.ParentCode)],
            ProjectClear = true,
            YearsOfExperienceInTarget = null,
            PassionateAboutTarget = null,
            DiplomaRequiredForTarget = null,
        };
        var saved = await profiles.SaveQuestionnaireAsync(caller, seekerId, chosen, cancellationToken);
        return saved.IsSuccess ? Outcome.Ok(sheet.Label) : saved.Refusal!;
    }

    private static bool RuledOut(Rome4Sheet sheet, ExploreRequest request)
    {
        if (request.NoNightWork && sheet.WorkContexts.Contains(NightWork))
        {
            return true;
        }
        if (request.NoDrivingLicence && sheet.AccessToJob is { } text && DrivingLicence().IsMatch(text))
        {
            return true;
        }
        return request.Diploma is { } level && RomeDiplomaReader.Read(sheet.AccessToJob) is { Required: true, Level: { } needed } && needed > level;
    }

    /// <summary>Of the offers of the job around the place (a sample), how many are part time.</summary>
    private async Task<(int PartTime, int Read)> PartTimeAsync(Occupation occupation, Place? place, double radius, CancellationToken cancellationToken)
    {
        var taxonomy = referenceData.Require().Taxonomy;
        var probe = new ProfileDocument
        {
            Id = "probe",
            Skills = [.. occupation.EssentialSkills.Select(id => new OfferedSkill(taxonomy.Skills[id].Uri))],
            Place = place,
            RadiusKm = place is null ? SeekerProfiles.MaxRadiusKm : radius,
        };
        if (probe.Skills.Count == 0)
        {
            return (0, 0);
        }
        var page = await index.MatchOffersAsync(probe, new MatchOptions(PartTimeSample, AllowRelated: false), cancellationToken);
        int partTime = 0, read = 0;
        foreach (var hit in page.Hits)
        {
            if (await index.GetOfferAsync(hit.Id, cancellationToken) is { OccupationUri: var uri, FullTime: { } fullTime } && uri == occupation.Uri)
            {
                read++;
                partTime += fullTime ? 0 : 1;
            }
        }
        return (partTime, read);
    }

    private static HashSet<int> Picks(IReadOnlyList<int>? codes, string field, Func<int, bool> known, Dictionary<string, string[]> errors)
    {
        var picks = new HashSet<int>();
        if (codes is { Count: > MaxPicks })
        {
            errors[field] = [$"At most {MaxPicks}."];
            return picks;
        }
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            if (known(codes![i]))
            {
                picks.Add(codes[i]);
            }
            else
            {
                errors[$"{field}[{i}]"] = ["Unknown code."];
            }
        }
        return picks;
    }

    // "permis B", "permis de conduire", "permis C1", "permis poids lourd"; not "permis d'exploitation" nor "permis de construire".
    [GeneratedRegex(@"\b[Pp]ermis\s+(?:de\s+conduire|[A-E][E1]?(?![\w'’])|poids\s+lourds?)")]
    private static partial Regex DrivingLicence();
}
