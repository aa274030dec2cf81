using System.Runtime.CompilerServices;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>
/// Validates a profile and resolves it into a <see cref="ProfileDocument"/>. Unlike offers, a
/// profile's skills are never inferred from its target occupations: a seeker aims at a job's skills,
/// they do not have them yet. Thread-safe; one per taxonomy.
/// </summary>
/// <param name="resolvePlace">Locates a commune INSEE code or a postcode; null when unknown.</param>
public sealed class ProfileDocumentBuilder(SkillsTaxonomy taxonomy, Func<PlaceCode, Place?> resolvePlace)
{
    public const double DefaultRadiusKm = 30;
    public const double MaxRadiusKm = 1000;
    public const double MaxExperienceYears = 60;
    public const int MaxTargets = 20;
    public const int MaxSkills = 1000;

    /// <summary>Reads and builds a bulk body (JSON array or NDJSON) item by item, in order.</summary>
    public async IAsyncEnumerable<IngestOutcome<ProfileDocument>> BuildAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in ProfileIngestReader.ReadAsync(body, cancellationToken))
        {
            yield return Build(item).FlagRepeatedId(seen);
        }
    }

    public IngestOutcome<ProfileDocument> Build(IngestItem<ProfileInput> item) =>
        item.IsValid ? Build(item.Value, item.Index) : new IngestOutcome<ProfileDocument>(item.Index, item.Id, null, item.Errors, []);

    public IngestOutcome<ProfileDocument> Build(ProfileInput profile, int index = 0)
    {
        var report = new ItemReport();
        var id = report.Id(profile.Id, "id");

        var occupationUris = new List<string>();
        var romeCodes = new List<string>();
        if (profile.TargetOccupations is { } targets)
        {
            if (targets.Count > MaxTargets)
            {
                report.Error("targetOccupations", $"At most {MaxTargets} target occupations.");
            }
            else
            {
                for (var i = 0; i < targets.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(targets[i]))
                    {
                        report.Error($"targetOccupations[{i}]", "Required.");
                        continue;
                    }
                    var resolved = OccupationResolver.Resolve(taxonomy, targets[i], out var error);
                    if (resolved is null)
                    {
                        report.Error($"targetOccupations[{i}]", error!);
                        continue;
                    }
                    if (resolved.Occupation is { } occupation && !occupationUris.Contains(occupation.Uri))
                    {
                        occupationUris.Add(occupation.Uri);
                    }
                    else if (resolved.Occupation is null)
                    {
                        report.Warnings.Add($"targetOccupations[{i}]: ROME {resolved.RomeCode} has no ESCO occupation in the crosswalk.");
                    }
                    if (resolved.RomeCode is { } rome && !romeCodes.Contains(rome))
                    {
                        romeCodes.Add(rome);
                    }
                }
            }
        }

        var skills = Skills(profile.Skills, report);

        var place = profile.Place is { } p
            ? report.Place(new PlaceFields("place", p.Commune, p.Postcode, p.Latitude, p.Longitude, p.Label), resolvePlace, lenient: false)
            : null;
        var radius = report.Range(profile.RadiusKm, "radiusKm", 0, MaxRadiusKm) ?? DefaultRadiusKm;
        var experienceYears = report.Range(profile.ExperienceYears, "experienceYears", 0, MaxExperienceYears) ?? 0;

        var wishes = new List<ContractType>();
        if (profile.ContractWishes is { } contractWishes)
        {
            for (var i = 0; i < contractWishes.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(contractWishes[i]) || !IngestCodes.TryContract(contractWishes[i], out var contract))
                {
                    report.Error($"contractWishes[{i}]", IngestCodes.ContractExpected);
                    continue;
                }
                if (!wishes.Contains(contract))
                {
                    wishes.Add(contract);
                }
            }
        }

        if (report.HasErrors)
        {
            return new IngestOutcome<ProfileDocument>(index, profile.Id, null, report.Errors(), report.Warnings);
        }
        if (skills.Count == 0)
        {
            report.Warnings.Add("No skills: the profile can only match offers that demand none.");
        }
        if (place is null && profile.RadiusKm is not null)
        {
            report.Warnings.Add("radiusKm: no place, the radius has no effect.");
        }
        return new IngestOutcome<ProfileDocument>(index, id, new ProfileDocument
        {
            Id = id!,
            TargetOccupationUris = occupationUris,
            TargetRomeCodes = romeCodes,
            Skills = skills,
            Place = place,
            RadiusKm = radius,
            ExperienceYears = experienceYears,
            ContractWishes = wishes,
            Searchable = profile.Searchable ?? false,
            UpdatedAt = profile.UpdatedAt,
        }, null, report.Warnings);
    }

    private List<OfferedSkill> Skills(IReadOnlyList<ProfileSkillInput>? inputs, ItemReport report)
    {
        var skills = new List<OfferedSkill>();
        if (inputs is null)
        {
            return skills;
        }
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
            if (!IngestCodes.TryEvidence(input.Evidence, out var evidence))
            {
                report.Error($"skills[{i}].evidence", IngestCodes.EvidenceExpected);
                continue;
            }
            var existing = skills.FindIndex(s => s.SkillUri == skill.Uri);
            if (existing < 0)
            {
                skills.Add(new OfferedSkill(skill.Uri, evidence));
                continue;
            }
            // The strongest evidence wins: adviser-confirmed over past job over declared.
            if (evidence > skills[existing].Evidence)
            {
                skills[existing] = new OfferedSkill(skill.Uri, evidence);
            }
            report.Warnings.Add($"skills[{i}]: {skill.Uri} is listed twice, merged.");
        }
        return skills;
    }
}
