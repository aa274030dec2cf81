using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>Flags packed in the high bits of an offer's skill ids and of offer postings' doc ids.</summary>
internal static class Packed
{
    public const int MustHave = 1 << 30;
    public const int Optional = 1 << 29;
    public const int IdMask = Optional - 1;
}

/// <summary>
/// The matching projection of an offer: what the in-memory index and the store's cold-start columns hold.
/// Skills are taxonomy ids with <see cref="Packed"/> flags, one entry per distinct skill.
/// </summary>
internal sealed record OfferRow(
    string Id,
    int[] Skills,
    double Latitude,
    double Longitude,
    string? Commune,
    ContractType Contract,
    ExperienceRequirement Experience,
    double ExperienceYears,
    int Occupation)
{
    public bool HasPlace => !double.IsNaN(Latitude);
}

/// <summary>The matching projection of a profile. Skills are distinct taxonomy ids, sorted (explanations binary-search them).</summary>
internal sealed record ProfileRow(
    string Id,
    int[] Skills,
    double Latitude,
    double Longitude,
    string? Commune,
    double RadiusKm,
    double ExperienceYears,
    int ContractWishes,
    bool Searchable,
    int[] Occupations)
{
    public bool HasPlace => !double.IsNaN(Latitude);
}

/// <summary>Validates documents against the taxonomy and compiles them to rows; collects every error of a batch.</summary>
internal sealed class DocumentCompiler(SkillsTaxonomy taxonomy)
{
    public const int MaxIdLength = 256;

    /// <summary>Far above any ESCO occupation's skill count; keeps per-doc counts and credit sums in small integers.</summary>
    public const int MaxSkills = 500;

    public OfferRow[] CompileOffers(IReadOnlyList<OfferDocument> offers)
    {
        var errors = new List<IndexValidationError>();
        var rows = new OfferRow[offers.Count];
        for (var i = 0; i < offers.Count; i++)
        {
            rows[i] = CompileOffer(offers[i], $"#{i}", requireId: true, errors);
        }
        ThrowIfAny(errors);
        return rows;
    }

    public ProfileRow[] CompileProfiles(IReadOnlyList<ProfileDocument> profiles)
    {
        var errors = new List<IndexValidationError>();
        var rows = new ProfileRow[profiles.Count];
        for (var i = 0; i < profiles.Count; i++)
        {
            rows[i] = CompileProfile(profiles[i], $"#{i}", requireId: true, errors);
        }
        ThrowIfAny(errors);
        return rows;
    }

    /// <summary>An offer used as a query (it need not be stored, nor have an id).</summary>
    public OfferRow CompileOfferProbe(OfferDocument offer)
    {
        var errors = new List<IndexValidationError>();
        var row = CompileOffer(offer, "query", requireId: false, errors);
        ThrowIfAny(errors);
        return row;
    }

    public ProfileRow CompileProfileProbe(ProfileDocument profile)
    {
        var errors = new List<IndexValidationError>();
        var row = CompileProfile(profile, "query", requireId: false, errors);
        ThrowIfAny(errors);
        return row;
    }

    public int ResolveSkill(string? uri, string itemId, string field, List<IndexValidationError> errors) =>
        ResolveSkill(uri, itemId, field, -1, null, errors);

    /// <summary>Resolves a skill URI; the field path (<c>list[index].member</c>) is only formatted for an error, off the hot ingest path.</summary>
    public int ResolveSkill(string? uri, string itemId, string list, int index, string? member, List<IndexValidationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(uri) && taxonomy.SkillByUri(uri) is { } skill)
        {
            return skill.Id;
        }
        var field = index < 0 ? list : member is null ? $"{list}[{index}]" : $"{list}[{index}].{member}";
        errors.Add(string.IsNullOrWhiteSpace(uri)
            ? new(itemId, field, "is required (an ESCO skill URI).")
            : new(itemId, field, $"'{uri}' is not an ESCO skill URI."));
        return -1;
    }

    public static void ThrowIfAny(List<IndexValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new IndexValidationException(errors);
        }
    }

    private OfferRow CompileOffer(OfferDocument offer, string position, bool requireId, List<IndexValidationError> errors)
    {
        if (offer is null)
        {
            errors.Add(new(position, "offer", "is null."));
            return Empty();
        }
        var item = string.IsNullOrWhiteSpace(offer.Id) ? position : offer.Id;
        CheckId(offer.Id, item, requireId, errors);
        if (requireId && string.IsNullOrWhiteSpace(offer.Title))
        {
            errors.Add(new(item, nameof(OfferDocument.Title), "is required."));
        }
        // A skill listed twice counts once: essential wins over optional, must-have over not.
        var bySkill = new Dictionary<int, int>();
        var skills = offer.Skills ?? [];
        CheckSkillCount(skills.Count, item, nameof(OfferDocument.Skills), errors);
        for (var i = 0; i < skills.Count; i++)
        {
            if (skills[i] is not { } skill)
            {
                errors.Add(new(item, $"{nameof(OfferDocument.Skills)}[{i}]", "is null."));
                continue;
            }
            var id = ResolveSkill(skill.SkillUri, item, nameof(OfferDocument.Skills), i, nameof(DemandedSkill.SkillUri), errors);
            if (!Enum.IsDefined(skill.Importance))
            {
                errors.Add(new(item, $"{nameof(OfferDocument.Skills)}[{i}].{nameof(DemandedSkill.Importance)}", $"'{skill.Importance}' is not an importance."));
            }
            if (id < 0)
            {
                continue;
            }
            var flags = (skill.Importance == SkillImportance.Optional ? Packed.Optional : 0) | (skill.MustHave ? Packed.MustHave : 0);
            if (bySkill.TryGetValue(id, out var previous))
            {
                var optional = (previous & Packed.Optional) != 0 && (flags & Packed.Optional) != 0 ? Packed.Optional : 0;
                flags = optional | ((previous | flags) & Packed.MustHave);
            }
            bySkill[id] = flags;
        }
        var (lat, lon) = CheckPlace(offer.Place, item, errors);
        if (!Enum.IsDefined(offer.Contract))
        {
            errors.Add(new(item, nameof(OfferDocument.Contract), $"'{offer.Contract}' is not a contract type."));
        }
        if (!Enum.IsDefined(offer.Experience))
        {
            errors.Add(new(item, nameof(OfferDocument.Experience), $"'{offer.Experience}' is not an experience requirement."));
        }
        if (offer.ExperienceYears is { } years && (!double.IsFinite(years) || years < 0))
        {
            errors.Add(new(item, nameof(OfferDocument.ExperienceYears), "must be a finite number ≥ 0."));
        }
        var occupation = -1;
        if (!string.IsNullOrWhiteSpace(offer.OccupationUri))
        {
            if (taxonomy.OccupationByUri(offer.OccupationUri) is { } o)
            {
                occupation = o.Id;
            }
            else
            {
                errors.Add(new(item, nameof(OfferDocument.OccupationUri), $"'{offer.OccupationUri}' is not an ESCO occupation URI."));
            }
        }
        var packed = bySkill.Select(kv => kv.Key | kv.Value).ToArray();
        Array.Sort(packed, (a, b) => (a & Packed.IdMask).CompareTo(b & Packed.IdMask));
        return new OfferRow(offer.Id ?? "", packed, lat, lon, offer.Place?.CommuneCode, offer.Contract, offer.Experience, offer.ExperienceYears ?? double.NaN, occupation);
    }

    private ProfileRow CompileProfile(ProfileDocument profile, string position, bool requireId, List<IndexValidationError> errors)
    {
        if (profile is null)
        {
            errors.Add(new(position, "profile", "is null."));
            return new ProfileRow("", [], double.NaN, double.NaN, null, 0, 0, 0, false, []);
        }
        var item = string.IsNullOrWhiteSpace(profile.Id) ? position : profile.Id;
        CheckId(profile.Id, item, requireId, errors);
        var ids = new SortedSet<int>();
        var skills = profile.Skills ?? [];
        CheckSkillCount(skills.Count, item, nameof(ProfileDocument.Skills), errors);
        for (var i = 0; i < skills.Count; i++)
        {
            if (skills[i] is not { } skill)
            {
                errors.Add(new(item, $"{nameof(ProfileDocument.Skills)}[{i}]", "is null."));
                continue;
            }
            var id = ResolveSkill(skill.SkillUri, item, nameof(ProfileDocument.Skills), i, nameof(OfferedSkill.SkillUri), errors);
            if (id >= 0)
            {
                ids.Add(id);
            }
        }
        var (lat, lon) = CheckPlace(profile.Place, item, errors);
        if (!double.IsFinite(profile.RadiusKm) || profile.RadiusKm < 0)
        {
            errors.Add(new(item, nameof(ProfileDocument.RadiusKm), "must be a finite number of km ≥ 0."));
        }
        if (!double.IsFinite(profile.ExperienceYears) || profile.ExperienceYears < 0)
        {
            errors.Add(new(item, nameof(ProfileDocument.ExperienceYears), "must be a finite number ≥ 0."));
        }
        var wishes = profile.ContractWishes ?? [];
        for (var i = 0; i < wishes.Count; i++)
        {
            if (!Enum.IsDefined(wishes[i]))
            {
                errors.Add(new(item, $"{nameof(ProfileDocument.ContractWishes)}[{i}]", $"'{wishes[i]}' is not a contract type."));
            }
        }
        var occupations = new List<int>();
        var targets = profile.TargetOccupationUris ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            if (taxonomy.OccupationByUri(targets[i] ?? "") is { } o)
            {
                occupations.Add(o.Id);
            }
            else
            {
                errors.Add(new(item, $"{nameof(ProfileDocument.TargetOccupationUris)}[{i}]", $"'{targets[i]}' is not an ESCO occupation URI."));
            }
        }
        return new ProfileRow(profile.Id ?? "", [.. ids], lat, lon, profile.Place?.CommuneCode, profile.RadiusKm, profile.ExperienceYears,
            MatchScorer.ContractMask(wishes), profile.Searchable, [.. occupations.Distinct()]);
    }

    public static void CheckSkillCount(int count, string item, string field, List<IndexValidationError> errors)
    {
        if (count > MaxSkills)
        {
            errors.Add(new(item, field, $"has {count} skills; at most {MaxSkills} are accepted."));
        }
    }

    private static void CheckId(string? id, string item, bool requireId, List<IndexValidationError> errors)
    {
        if (!requireId)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(item, "Id", "is required."));
        }
        else if (id.Length > MaxIdLength)
        {
            errors.Add(new(item, "Id", $"is longer than {MaxIdLength} characters."));
        }
    }

    public static (double Lat, double Lon) CheckPlace(Place? place, string item, List<IndexValidationError> errors, string field = "Place")
    {
        if (place is null)
        {
            return (double.NaN, double.NaN);
        }
        var ok = true;
        if (!double.IsFinite(place.Latitude) || place.Latitude is < -90 or > 90)
        {
            errors.Add(new(item, field + ".Latitude", "must be between -90 and 90."));
            ok = false;
        }
        if (!double.IsFinite(place.Longitude) || place.Longitude is < -180 or > 180)
        {
            errors.Add(new(item, field + ".Longitude", "must be between -180 and 180."));
            ok = false;
        }
        return ok ? (place.Latitude, place.Longitude) : (double.NaN, double.NaN);
    }

    private static OfferRow Empty() => new("", [], double.NaN, double.NaN, null, ContractType.Unspecified, ExperienceRequirement.BeginnerAccepted, double.NaN, -1);
}
