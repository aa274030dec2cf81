using System.Diagnostics;
using System.Globalization;
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
/// <param name="classifier">
/// The occupation classifier for France Travail offers without a usable <c>romeCode</c> or
/// <c>appellationlibelle</c>; called only for them (it may train on first use). Null: such offers have no occupation.
/// </param>
public sealed class OfferDocumentBuilder(SkillsTaxonomy taxonomy, Func<PlaceCode, Place?> resolvePlace, Func<OfferOccupationClassifier>? classifier = null)
{
    /// <summary>Below this many skills of its own, an offer gets its occupation's core items too.</summary>
    public const int MinOwnSkills = 3;

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
            // A ROME v3 code or a ROME 4.0 one.
            if (!OccupationResolver.IsRomeCode(offer.RomeCode) || OccupationResolver.Resolve(taxonomy, offer.RomeCode, out _) is not { } byCode)
            {
                report.Error("romeCode", "Unknown ROME code.");
            }
            else if (occupation is null && string.IsNullOrWhiteSpace(offer.Occupation))
            {
                occupation = byCode;
            }
            else if (occupation is not null)
            {
                // The client knows its ROME code better than the crosswalk's first guess for the occupation.
                occupation = occupation with { RomeCode = byCode.RomeCode };
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
    /// A France Travail offer, read as the recruiter wrote it: its occupation from <c>romeCode</c> (ROME
    /// 4.0 or v3), <c>appellationlibelle</c>, else its title and description (the classifier); its skills
    /// from its competences by code, its text, its fields, and its occupation's core items when those
    /// give too few (docs/quality.md). The feed is external, so what Coach cannot use (an unknown ROME
    /// code, a competence with no skill, an unknown commune with coordinates) is a warning, not an error;
    /// only a missing id or title, or an impossible value, rejects the offer.
    /// </summary>
    public IngestOutcome<OfferDocument> Build(FranceTravailOffer offer, int index = 0)
    {
        var report = new ItemReport();
        var id = report.Id(offer.Id, "id");
        var title = report.Text(offer.Intitule, "intitule", MaxTitleLength, required: true);

        var competenceCodes = offer.Competences?.Select(c => int.TryParse(c?.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1).Where(code => code > 0).ToArray();
        var occupation = OfferOccupationReader.For(taxonomy).Read(offer.RomeCode, offer.Appellationlibelle, offer.Intitule, offer.Description, classifier, report.Warnings, competenceCodes);
        var skills = FranceTravailSkills(offer, occupation, report, out var usualSheet);

        var lieu = offer.LieuTravail;
        // Without a commune, postcode or coordinates, the place is the area the offer names ("01 - Ain", "France",
        // "Télétravail"), kept as given: its distance to a seeker is unknown, never 0 km.
        var located = lieu is not null && (!string.IsNullOrWhiteSpace(lieu.Commune) || !string.IsNullOrWhiteSpace(lieu.CodePostal) || lieu.Latitude is not null || lieu.Longitude is not null);
        var place = located
            ? report.Place(new PlaceFields("lieuTravail", lieu!.Commune, lieu.CodePostal, lieu.Latitude, lieu.Longitude, lieu.Libelle, PostcodeName: "codePostal"), resolvePlace, lenient: true)
            : null;
        var area = located ? null : PlaceAreas.Read(lieu?.Libelle);

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
            OccupationUri = occupation?.Occupation?.Uri,
            RomeCode = occupation?.Sheet.Code,
            OccupationEvidence = occupation?.Evidence,
            OccupationConfidence = occupation?.Confidence is { } confidence ? Math.Round(confidence, 3) : null,
            Skills = skills,
            UsualSkillsRomeCode = usualSheet?.Code,
            Place = place,
            PlaceArea = area,
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

    /// <summary>
    /// The skills a France Travail offer asks for, each with its source: its competences by code, its title
    /// and description, its structured fields, and, when those give fewer than <see cref="MinOwnSkills"/>,
    /// the core items of its occupation's ROME 4.0 sheet, or of the sheet its title names exactly when that is another
    /// (<paramref name="usualSheet"/>, null otherwise).
    /// </summary>
    private List<DemandedSkill> FranceTravailSkills(FranceTravailOffer offer, OfferOccupation? occupation, ItemReport report, out Rome4Sheet? usualSheet)
    {
        usualSheet = null;
        var reader = OfferSkillReader.For(taxonomy);
        var skills = new List<DemandedSkill>();
        var relevant = Relevance(occupation);
        // A skill that says a quality in other words ("travailler en équipe", "Sens du service client") is read as the quality:
        // the offer shows "Avoir l'esprit d'équipe" once, not beside its twin, and a seeker who ticked the quality meets it.
        void Add(Skill skill, SkillImportance importance, SkillSource source) =>
            Merge(skills, new DemandedSkill((taxonomy.QualityTwinOf(skill) ?? skill).Uri, importance, MustHave: false, source));

        // Lines the feed glued together ("servicesEncaissement") are read apart (eleventh review); form fields the offer denies
        // ("Port de charges : non") are not read at all.
        var description = OfferFormFields.WithoutDenied(OfferSkillReader.Unglued(offer.Description));
        var competences = offer.Competences ?? [];
        for (var i = 0; i < competences.Count; i++)
        {
            var competence = competences[i];
            // E (exigée) stays essential but not must-have: recruiters tick E freely.
            var importance = Importance(competence?.Exigence);
            if (reader.ByCode(competence?.Code) is { } coded)
            {
                Add(coded, importance, SkillSource.OfferCode);
            }
            else if (reader.ByLabel(competence?.Libelle, romeFirst: true) is { } labelled)
            {
                Add(labelled, importance, SkillSource.OfferCode);
            }
            else if (!string.IsNullOrWhiteSpace(competence?.Libelle))
            {
                // A competence the recruiter typed: read as text.
                var found = reader.InText(competence.Libelle).ToList();
                foreach (var (skill, _) in found)
                {
                    Add(skill, importance, SkillSource.OfferText);
                }
                if (found.Count == 0)
                {
                    report.Warnings.Add($"competences[{i}]: no skill for '{competence.Libelle}'.");
                }
            }
        }

        foreach (var (skill, _) in reader.InText(offer.Intitule, relevant))
        {
            Add(skill, SkillImportance.Essential, SkillSource.OfferText);
        }
        foreach (var (skill, importance) in reader.InText(description, relevant))
        {
            Add(skill, importance, SkillSource.OfferText);
        }
        if (occupation is not null)
        {
            // Tasks of the job and its neighbours said in full in the offer's words ("Emballage et étiquetage des produits").
            var sheets = taxonomy.Rome4.SheetsOfFamily(occupation.Sheet.ParentCode).Select(s => s.Code).Append(occupation.Sheet.Code).Concat(occupation.Sheet.Mobilities).ToHashSet(StringComparer.Ordinal);
            foreach (var (skill, importance) in reader.Tasks(description, sheets, occupation.Sheet.Code))
            {
                Add(skill, importance, SkillSource.OfferText);
            }
        }
        // Qualities and licences in the words offers use for them ("vous êtes rigoureux", "permis B exigé", "CACES 3").
        var cues = OfferSkillCues.For(taxonomy);
        foreach (var (sentence, optional) in OfferSkillReader.SentencesOf(offer.Intitule).Concat(OfferSkillReader.SentencesOf(description)))
        {
            foreach (var skill in cues.In(sentence))
            {
                Add(skill, optional ? SkillImportance.Optional : SkillImportance.Essential, SkillSource.OfferText);
            }
        }
        if (occupation is not null)
        {
            // The title and description often say the job's own tasks in their own words ("préparateur de commandes").
            // Not a driving licence's category: "permis de conduire" says none ("Permis de conduire catégorie D" is no paraphrase of
            // "obtenir leur permis de conduire"); the categories are read as written ("permis B", "permis de conduire de catégorie C").
            foreach (var (skill, importance) in reader.Paraphrased(offer.Intitule, description, OccupationSkills(occupation).Where(s => !cues.IsLicence(s))))
            {
                Add(skill, importance, SkillSource.OfferText);
            }
        }

        foreach (var language in offer.Langues ?? [])
        {
            if (reader.ByLabel(language?.Libelle) is { } skill)
            {
                Add(skill, Importance(language!.Exigence), SkillSource.OfferFields);
            }
        }
        foreach (var licence in offer.Permis ?? [])
        {
            if (reader.DrivingLicence(licence?.Libelle) is { } skill)
            {
                Add(skill, Importance(licence!.Exigence), SkillSource.OfferFields);
            }
        }
        foreach (var training in offer.Formations ?? [])
        {
            if (reader.ByLabel(training?.DomaineLibelle) is { } skill)
            {
                Add(skill, Importance(training!.Exigence), SkillSource.OfferFields);
            }
        }
        // Eleventh review: a training's comment names the diploma asked ("BPJEPS", "CAP Petite Enfance", "DE Ambulancier").
        foreach (var training in offer.Formations ?? [])
        {
            foreach (var (skill, _) in reader.InText(training?.Commentaire, relevant))
            {
                Add(skill, Importance(training!.Exigence), SkillSource.OfferFields);
            }
        }
        foreach (var quality in offer.QualitesProfessionnelles ?? [])
        {
            if (reader.ByLabel(quality?.Libelle, romeFirst: true) is { } skill)
            {
                Add(skill, SkillImportance.Optional, SkillSource.OfferFields);
            }
            else
            {
                // Older labels name the quality in a word: "Autonomie", "Capacité d'adaptation".
                foreach (var cued in cues.In(quality?.Libelle))
                {
                    Add(cued, SkillImportance.Optional, SkillSource.OfferFields);
                }
            }
        }

        // Qualities say nothing of which job: an offer that names fewer than 3 skills of the job itself (qualities
        // aside) still gets its job's core items, so a seeker who only types the job meets it.
        // The qualities the cues read count as qualities too, whatever ROME files them under ("Respecter la confidentialité des informations").
        // Not those of a job guessed at a coin toss (below 0.6, right about half the time) when the offer says anything itself:
        // "Opérateur (H/F)", "Travail en équipe", read as a sound technician's offer, was shown to sound technicians as asking 26
        // skills of theirs, a 96 % match. An offer that says nothing at all would be matched by nobody: it keeps them (and its
        // page says "métier incertain").
        // The confidence as stored (3 decimals), so that the offer's page says "métier incertain" exactly when this rule applied.
        var uncertain = occupation is not null && skills.Count > 0
            && OfferDocument.IsOccupationUncertain(occupation.Evidence, occupation.Confidence is { } c ? Math.Round(c, 3) : null);
        var fewOfItsOwn = occupation is not null
            && skills.Count(s => taxonomy.SkillByUri(s.SkillUri) is not ({ Reuse: ReuseLevel.Transversal } or null) && !cues.IsQuality(taxonomy.SkillByUri(s.SkillUri)!)) < MinOwnSkills;
        if (fewOfItsOwn && uncertain)
        {
            report.Warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"occupation: the guess {occupation!.Sheet.Code} is uncertain (confidence {occupation.Confidence:0.00}): the job's usual skills are not added; give romeCode or the skills asked."));
        }
        else if (fewOfItsOwn)
        {
            // The usual items are those of the job the title names, when it names another sheet exactly and no other: France Travail
            // files "Assistant comptable confirmé" under M1211 "Expert-comptable", whose usual items an accountant's assistant does not
            // have. The filed code stays the offer's occupation (docs/quality.md, "Usual skills from the job the title names").
            var usual = occupation!.Sheet;
            if (OfferTitleJob.For(taxonomy).OtherSheetNamed(offer.Intitule, occupation.Sheet) is { } titled)
            {
                usual = usualSheet = titled;
                report.Warnings.Add($"intitule: the title names ROME {titled.Code} {titled.Label}, not the filed {occupation.Sheet.Code}: the job's usual skills added are {titled.Code}'s.");
            }
            foreach (var item in usual.CoreItems)
            {
                if (taxonomy.Rome4Skill(item.Code) is { } skill)
                {
                    Add(skill, SkillImportance.Essential, SkillSource.Occupation);
                }
            }
        }
        if (skills.Count == 0)
        {
            report.Warnings.Add("No skills: neither the offer nor its occupation gave any, the offer cannot be matched on skills.");
        }
        return skills;
    }

    /// <summary>The occupation's skills: its ROME sheet's items, then its ESCO occupation's essential and optional skills.</summary>
    private IEnumerable<Skill> OccupationSkills(OfferOccupation occupation)
    {
        foreach (var item in occupation.Sheet.Items)
        {
            if (taxonomy.Rome4Skill(item.Code) is { } skill)
            {
                yield return skill;
            }
        }
        if (occupation.Occupation is { } esco)
        {
            foreach (var id in esco.EssentialSkills.Concat(esco.OptionalSkills))
            {
                yield return taxonomy.Skills[id];
            }
        }
    }

    /// <summary>
    /// Whether a skill a short phrase of the text names belongs with the offer: transversal (ESCO's
    /// collection, ROME's savoir-être and transverse competences), or linked to the occupation (its ROME
    /// sheet's items, its ESCO occupation's skills, or skills aligned to either).
    /// </summary>
    private Func<Skill, bool> Relevance(OfferOccupation? occupation)
    {
        var linked = new HashSet<int>();
        if (occupation is not null)
        {
            foreach (var item in occupation.Sheet.Items)
            {
                if (taxonomy.Rome4Skill(item.Code) is { } skill)
                {
                    linked.Add(skill.Id);
                    linked.UnionWith(skill.Aligned);
                }
            }
            if (occupation.Occupation is { } esco)
            {
                foreach (var id in esco.EssentialSkills.Concat(esco.OptionalSkills))
                {
                    linked.Add(id);
                    linked.UnionWith(taxonomy.Skills[id].Aligned);
                }
            }
        }
        return skill => skill.Reuse == ReuseLevel.Transversal || (skill.Collections & SkillCollections.Transversal) != 0 || linked.Contains(skill.Id);
    }

    private static SkillImportance Importance(string? exigence) =>
        string.Equals(exigence?.Trim(), "S", StringComparison.OrdinalIgnoreCase) ? SkillImportance.Optional : SkillImportance.Essential;

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
            // What the offer states wins over what Coach adds from the occupation.
            Source = old.Inferred ? skill.Source : old.Source,
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
                    skills.Add(new DemandedSkill(uri, importance, MustHave: false, Source: SkillSource.Occupation));
                }
            }
        }
    }
}
