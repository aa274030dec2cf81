using System.Diagnostics;
using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>
/// Validates an offer (Coach's schema or France Travail's) and enriches it into an
/// <see cref="OfferDocument"/>: occupation resolved through ROME and the crosswalk, skills mapped
/// or inferred from the occupation, place located, codes mapped. Thread-safe; one per taxonomy.
/// </summary>
/// <param name="resolvePlace">Locates a commune INSEE code or a postcode; null when unknown.</param>
public sealed class OfferDocumentBuilder(SkillsTaxonomy taxonomy, Func<PlaceCode, Place?> resolvePlace)
{
    public const int MaxTitleLength = 500;
    public const int MaxSkills = 500;
    public const int MaxDescriptionLength = 100_000;
    private const int MaxShortText = 500;
    private const string CoachSource = "coach";
    private const string FranceTravailSource = "france-travail";

    /// <summary>
    /// Reads and builds a bulk body (JSON array or NDJSON) item by item, in order; batch the valid
    /// documents for the index (e.g. with <c>AsyncEnumerable.Chunk</c>) as they come.
    /// </summary>
    public async IAsyncEnumerable<IngestOutcome<OfferDocument>> BuildAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in OfferIngestReader.ReadAsync(body, cancellationToken))
        {
            yield return Build(item).FlagRepeatedId(seen);
        }
    }

    /// <summary>Builds an item from <see cref="OfferIngestReader"/>; an item that could not be read stays invalid.</summary>
    public IngestOutcome<OfferDocument> Build(IngestItem<OfferSubmission> item) =>
        item.IsValid ? Build(item.Value, item.Index) : new IngestOutcome<OfferDocument>(item.Index, item.Id, null, item.Errors, []);

    public IngestOutcome<OfferDocument> Build(OfferSubmission offer, int index = 0) => offer switch
    {
        OfferInput input => Build(input, index),
        FranceTravailOffer franceTravail => Build(franceTravail, index),
        _ => throw new UnreachableException("OfferSubmission is a closed set."),
    };

    public IngestOutcome<OfferDocument> Build(OfferInput offer, int index = 0)
    {
        var report = new ItemReport();
        var id = report.Id(offer.Id, "id");
        var title = report.Text(offer.Title, "title", MaxTitleLength, required: true);

        ResolvedOccupation? occupation = null;
        if (!string.IsNullOrWhiteSpace(offer.Occupation))
        {
            occupation = OccupationResolver.Resolve(taxonomy, offer.Occupation, out var error);
            if (error is not null)
            {
                report.Error("occupation", error);
            }
        }
        if (!string.IsNullOrWhiteSpace(offer.RomeCode))
        {
            if (!OccupationResolver.IsRomeCode(offer.RomeCode) || taxonomy.RomeJob(offer.RomeCode.Trim()) is not { } job)
            {
                report.Error("romeCode", "Unknown ROME code.");
            }
            else if (occupation is null && string.IsNullOrWhiteSpace(offer.Occupation))
            {
                occupation = new ResolvedOccupation(OccupationResolver.BestOccupation(taxonomy, job), job.Code);
            }
            else if (occupation is not null)
            {
                // The client knows its ROME code better than the crosswalk's first guess for the occupation.
                occupation = occupation with { RomeCode = job.Code };
            }
        }

        List<DemandedSkill> skills;
        if (offer.Skills is { Count: > 0 })
        {
            skills = StatedSkills(offer.Skills, report);
        }
        else
        {
            skills = [];
            if (occupation?.Occupation is { } o)
            {
                AddInferred(skills, o);
            }
            else if (occupation is null && string.IsNullOrWhiteSpace(offer.Occupation) && string.IsNullOrWhiteSpace(offer.RomeCode))
            {
                report.Error("occupation", "An occupation or skills are required: an offer without either cannot be matched.");
            }
            else if (occupation is not null)
            {
                report.Warnings.Add($"ROME {occupation.RomeCode} has no ESCO occupation in the crosswalk: the offer has no skills to match on.");
            }
        }

        var place = offer.Place is { } p
            ? report.Place(new PlaceFields("place", p.Commune, p.Postcode, p.Latitude, p.Longitude, p.Label), resolvePlace, lenient: false)
            : null;

        var contract = ContractType.Unspecified;
        if (!string.IsNullOrWhiteSpace(offer.Contract) && !IngestCodes.TryContract(offer.Contract, out contract))
        {
            report.Error("contract", IngestCodes.ContractExpected);
        }
        var experience = ExperienceRequirement.BeginnerAccepted;
        if (!string.IsNullOrWhiteSpace(offer.Experience) && !IngestCodes.TryExperience(offer.Experience, out experience))
        {
            report.Error("experience", IngestCodes.ExperienceExpected);
        }
        var experienceYears = report.Range(offer.ExperienceYears, "experienceYears", 0, 60);
        LicenceRequirement? licence = null;
        if (!string.IsNullOrWhiteSpace(offer.DrivingLicence))
        {
            if (IngestCodes.TryLicence(offer.DrivingLicence, out var stated))
            {
                licence = stated;
            }
            else
            {
                report.Error("drivingLicence", IngestCodes.LicenceExpected);
            }
        }
        var hours = report.Text(offer.Hours, "hours", MaxShortText);
        var salary = report.Text(offer.Salary, "salary", MaxShortText);
        var company = report.Text(offer.Company, "company", MaxShortText);
        var description = report.Text(offer.Description, "description", MaxDescriptionLength);
        var source = report.Text(offer.Source, "source", MaxShortText) ?? CoachSource;

        if (report.HasErrors)
        {
            return new IngestOutcome<OfferDocument>(index, offer.Id, null, report.Errors(), report.Warnings);
        }
        return new IngestOutcome<OfferDocument>(index, id, new OfferDocument
        {
            Id = id!,
            Title = title!,
            OccupationUri = occupation?.Occupation?.Uri,
            RomeCode = occupation?.RomeCode,
            Skills = skills,
            Place = place,
            Contract = contract,
            Experience = experience,
            ExperienceYears = experienceYears,
            FullTime = offer.FullTime,
            DrivingLicence = licence,
            Hours = hours,
            Salary = salary,
            Company = company,
            Description = description,
            CreatedAt = offer.CreatedAt,
            UpdatedAt = offer.UpdatedAt,
            Source = source,
        }, null, report.Warnings);
    }

    /// <summary>
    /// A France Travail offer. The feed is external, so what Coach cannot use (an unknown ROME code,
    /// a competence with no ESCO skill, an unknown commune with coordinates) is a warning, not an error;
    /// only a missing id or title, or an impossible value, rejects the offer.
    /// </summary>
    public IngestOutcome<OfferDocument> Build(FranceTravailOffer offer, int index = 0)
    {
        var report = new ItemReport();
        var id = report.Id(offer.Id, "id");
        var title = report.Text(offer.Intitule, "intitule", MaxTitleLength, required: true);

        RomeJob? job = null;
        Occupation? occupation = null;
        if (string.IsNullOrWhiteSpace(offer.RomeCode))
        {
            report.Warnings.Add("romeCode: missing, the occupation is unknown.");
        }
        else if ((job = taxonomy.RomeJob(offer.RomeCode.Trim())) is null)
        {
            report.Warnings.Add($"romeCode: unknown ROME code '{offer.RomeCode}', the occupation is unknown.");
        }
        else
        {
            var romeTitle = string.IsNullOrWhiteSpace(offer.Appellationlibelle) ? null : OccupationResolver.TitleForAppellation(taxonomy, job, offer.Appellationlibelle);
            if (romeTitle is null && !string.IsNullOrWhiteSpace(offer.Appellationlibelle))
            {
                report.Warnings.Add($"appellationlibelle: '{offer.Appellationlibelle}' is not a title of ROME {job.Code}, its best occupation was used.");
            }
            occupation = romeTitle is null ? OccupationResolver.BestOccupation(taxonomy, job) : OccupationResolver.BestOccupation(taxonomy, romeTitle);
            if (occupation is null)
            {
                report.Warnings.Add($"romeCode: ROME {job.Code} has no ESCO occupation in the crosswalk.");
            }
        }

        var skills = new List<DemandedSkill>();
        if (offer.Competences is { } competences)
        {
            var matcher = SkillLabelMatcher.For(taxonomy);
            for (var i = 0; i < competences.Count; i++)
            {
                var competence = competences[i];
                if (string.IsNullOrWhiteSpace(competence?.Libelle))
                {
                    report.Warnings.Add($"competences[{i}]: no label, ignored.");
                    continue;
                }
                if (matcher.Match(competence.Libelle, occupation) is not { } match)
                {
                    report.Warnings.Add($"competences[{i}]: no ESCO skill for '{competence.Libelle}'.");
                    continue;
                }
                // E (exigée) stays essential but not must-have: recruiters tick E freely, and a label
                // mapped by overlap is not sure enough to exclude every candidate who lacks it.
                var importance = string.Equals(competence.Exigence?.Trim(), "S", StringComparison.OrdinalIgnoreCase) ? SkillImportance.Optional : SkillImportance.Essential;
                Merge(skills, new DemandedSkill(taxonomy.Skills[match.SkillId].Uri, importance));
            }
        }
        if (occupation is not null)
        {
            AddInferred(skills, occupation);
        }
        if (skills.Count == 0)
        {
            report.Warnings.Add("No skills: neither the competences nor the occupation gave any, the offer cannot be matched on skills.");
        }

        var lieu = offer.LieuTravail;
        var place = lieu is null ? null
            : report.Place(new PlaceFields("lieuTravail", lieu.Commune, lieu.CodePostal, lieu.Latitude, lieu.Longitude, lieu.Libelle, PostcodeName: "codePostal"), resolvePlace, lenient: true);

        var contract = ContractType.Unspecified;
        if (offer.Alternance == true)
        {
            contract = ContractType.WorkStudy;
        }
        else if (!string.IsNullOrWhiteSpace(offer.TypeContrat) && !IngestCodes.TryContract(offer.TypeContrat, out contract))
        {
            contract = ContractType.Other;
        }

        var experience = ExperienceRequirement.BeginnerAccepted;
        if (!string.IsNullOrWhiteSpace(offer.ExperienceExige) && !IngestCodes.TryExperience(offer.ExperienceExige, out experience))
        {
            report.Warnings.Add($"experienceExige: unknown code '{offer.ExperienceExige}', read as beginners accepted.");
        }

        var description = report.Text(offer.Description, "description", MaxDescriptionLength);
        if (report.HasErrors)
        {
            return new IngestOutcome<OfferDocument>(index, offer.Id, null, report.Errors(), report.Warnings);
        }
        return new IngestOutcome<OfferDocument>(index, id, new OfferDocument
        {
            Id = id!,
            Title = title!,
            OccupationUri = occupation?.Uri,
            RomeCode = job?.Code ?? (string.IsNullOrWhiteSpace(offer.RomeCode) ? null : offer.RomeCode.Trim().ToUpperInvariant()),
            Skills = skills,
            Place = place,
            Contract = contract,
            Experience = experience,
            ExperienceYears = IngestCodes.ExperienceYears(offer.ExperienceLibelle),
            FullTime = IngestCodes.FullTime(offer.DureeTravailLibelleConverti),
            DrivingLicence = IngestCodes.Licence(offer.Permis),
            Hours = offer.DureeTravailLibelle?.Trim(),
            Salary = offer.Salaire?.Libelle?.Trim(),
            Company = offer.Entreprise?.Nom?.Trim(),
            Description = description,
            CreatedAt = offer.DateCreation,
            UpdatedAt = offer.DateActualisation,
            Source = string.IsNullOrWhiteSpace(offer.OrigineOffre?.UrlOrigine) ? FranceTravailSource : offer.OrigineOffre.UrlOrigine.Trim(),
        }, null, report.Warnings);
    }

    private List<DemandedSkill> StatedSkills(IReadOnlyList<OfferSkillInput> inputs, ItemReport report)
    {
        var skills = new List<DemandedSkill>(inputs.Count);
        if (inputs.Count > MaxSkills)
        {
            report.Error("skills", $"At most {MaxSkills} skills.");
            return skills;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (string.IsNullOrWhiteSpace(input?.Uri))
            {
                report.Error($"skills[{i}].uri", "Required.");
                continue;
            }
            if (taxonomy.SkillByUri(input.Uri.Trim()) is not { } skill)
            {
                report.Error($"skills[{i}].uri", "Unknown ESCO skill URI.");
                continue;
            }
            if (!IngestCodes.TryImportance(input.Importance, out var importance))
            {
                report.Error($"skills[{i}].importance", IngestCodes.ImportanceExpected);
                continue;
            }
            if (!Merge(skills, new DemandedSkill(skill.Uri, importance, input.MustHave ?? false)))
            {
                report.Warnings.Add($"skills[{i}]: {skill.Uri} is listed twice, merged.");
            }
        }
        return skills;
    }

    /// <summary>Adds the skill, or strengthens the one already there (essential and must-have win); false when it was there.</summary>
    private static bool Merge(List<DemandedSkill> skills, DemandedSkill skill)
    {
        var existing = skills.FindIndex(s => s.SkillUri == skill.SkillUri);
        if (existing < 0)
        {
            skills.Add(skill);
            return true;
        }
        var old = skills[existing];
        skills[existing] = old with
        {
            Importance = old.Importance == SkillImportance.Essential || skill.Importance == SkillImportance.Essential ? SkillImportance.Essential : SkillImportance.Optional,
            MustHave = old.MustHave || skill.MustHave,
            Inferred = old.Inferred && skill.Inferred,
        };
        return false;
    }

    private void AddInferred(List<DemandedSkill> skills, Occupation occupation)
    {
        var present = skills.Select(s => s.SkillUri).ToHashSet(StringComparer.Ordinal);
        foreach (var (ids, importance) in new[] { (occupation.EssentialSkills, SkillImportance.Essential), (occupation.OptionalSkills, SkillImportance.Optional) })
        {
            foreach (var id in ids)
            {
                var uri = taxonomy.Skills[id].Uri;
                if (present.Add(uri))
                {
                    skills.Add(new DemandedSkill(uri, importance, MustHave: false, Inferred: true));
                }
            }
        }
    }
}
