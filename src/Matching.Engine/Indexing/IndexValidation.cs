using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing;

/// <summary>
/// What every <see cref="IMatchIndex"/> checks before it writes or queries, so that all of them
/// refuse the same input with the same errors: documents against the taxonomy (skill and occupation
/// URIs, places, numbers, enums, sizes), match options (page size, radius, cursor) and queries. Each
/// check lists every error of a batch in one <see cref="IndexValidationException"/>.
/// </summary>
public sealed class IndexValidation(SkillsTaxonomy taxonomy)
{
    public const int MaxIdLength = 256;

    /// <summary>Far above any ESCO occupation's skill count; keeps per-doc counts and credit sums in small integers.</summary>
    public const int MaxSkills = 500;

    public const int MaxPageSize = 100;

    // ------------------------------------------------------------ documents

    public void CheckOffers(IReadOnlyList<OfferDocument> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var errors = new List<IndexValidationError>();
        for (var i = 0; i < offers.Count; i++)
        {
            CheckOffer(offers[i], $"#{i}", requireId: true, errors);
        }
        ThrowIfAny(errors);
    }

    public void CheckProfiles(IReadOnlyList<ProfileDocument> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var errors = new List<IndexValidationError>();
        for (var i = 0; i < profiles.Count; i++)
        {
            CheckProfile(profiles[i], $"#{i}", requireId: true, errors);
        }
        ThrowIfAny(errors);
    }

    /// <summary>An offer used as a query (it need not be stored, nor have an id), with the options of the match.</summary>
    public void CheckOfferProbe(OfferDocument offer, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var errors = new List<IndexValidationError>();
        CheckOffer(offer, "query", requireId: false, errors);
        CheckOptions(options, errors);
        ThrowIfAny(errors);
    }

    /// <summary>A profile used as a query, with the options of the match.</summary>
    public void CheckProfileProbe(ProfileDocument profile, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new List<IndexValidationError>();
        CheckProfile(profile, "query", requireId: false, errors);
        CheckOptions(options, errors);
        ThrowIfAny(errors);
    }

    private void CheckOffer(OfferDocument? offer, string position, bool requireId, List<IndexValidationError> errors)
    {
        if (offer is null)
        {
            errors.Add(new(position, "offer", "is null."));
            return;
        }
        var item = string.IsNullOrWhiteSpace(offer.Id) ? position : offer.Id;
        CheckId(offer.Id, item, requireId, errors);
        if (requireId && string.IsNullOrWhiteSpace(offer.Title))
        {
            errors.Add(new(item, nameof(OfferDocument.Title), "is required."));
        }
        var skills = offer.Skills ?? [];
        CheckSkillCount(skills.Count, item, nameof(OfferDocument.Skills), errors);
        for (var i = 0; i < skills.Count; i++)
        {
            if (skills[i] is not { } skill)
            {
                errors.Add(new(item, $"{nameof(OfferDocument.Skills)}[{i}]", "is null."));
                continue;
            }
            ResolveSkill(skill.SkillUri, item, nameof(OfferDocument.Skills), i, nameof(DemandedSkill.SkillUri), errors);
            if (!Enum.IsDefined(skill.Importance))
            {
                errors.Add(new(item, $"{nameof(OfferDocument.Skills)}[{i}].{nameof(DemandedSkill.Importance)}", $"'{skill.Importance}' is not an importance."));
            }
        }
        CheckPlace(offer.Place, item, errors);
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
        if (!string.IsNullOrWhiteSpace(offer.OccupationUri) && taxonomy.OccupationByUri(offer.OccupationUri) is null)
        {
            errors.Add(new(item, nameof(OfferDocument.OccupationUri), $"'{offer.OccupationUri}' is not an ESCO occupation URI."));
        }
    }

    private void CheckProfile(ProfileDocument? profile, string position, bool requireId, List<IndexValidationError> errors)
    {
        if (profile is null)
        {
            errors.Add(new(position, "profile", "is null."));
            return;
        }
        var item = string.IsNullOrWhiteSpace(profile.Id) ? position : profile.Id;
        CheckId(profile.Id, item, requireId, errors);
        var skills = profile.Skills ?? [];
        CheckSkillCount(skills.Count, item, nameof(ProfileDocument.Skills), errors);
        for (var i = 0; i < skills.Count; i++)
        {
            if (skills[i] is not { } skill)
            {
                errors.Add(new(item, $"{nameof(ProfileDocument.Skills)}[{i}]", "is null."));
                continue;
            }
            ResolveSkill(skill.SkillUri, item, nameof(ProfileDocument.Skills), i, nameof(OfferedSkill.SkillUri), errors);
        }
        CheckPlace(profile.Place, item, errors);
        CheckDistance(profile.RadiusKm, item, nameof(ProfileDocument.RadiusKm), errors);
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
        var targets = profile.TargetOccupationUris ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            if (taxonomy.OccupationByUri(targets[i] ?? "") is null)
            {
                errors.Add(new(item, $"{nameof(ProfileDocument.TargetOccupationUris)}[{i}]", $"'{targets[i]}' is not an ESCO occupation URI."));
            }
        }
    }

    // ------------------------------------------------------------ queries

    /// <summary>Page size, radius override, cursor, score floor and excluded occupations of a match.</summary>
    public static void CheckOptions(MatchOptions options)
    {
        var errors = new List<IndexValidationError>();
        CheckOptions(options, errors);
        ThrowIfAny(errors);
    }

    private static void CheckOptions(MatchOptions options, List<IndexValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckSize(options.Size, errors);
        if (options.RadiusKm is { } radius)
        {
            CheckDistance(radius, "query", nameof(MatchOptions.RadiusKm), errors);
        }
        CheckCursor(options.Cursor, errors);
        if (!(options.MinScore >= 0 && options.MinScore <= 1))
        {
            errors.Add(new("query", nameof(MatchOptions.MinScore), "must be a number between 0 and 1."));
        }
        if (options.TotalUpTo is < 1)
        {
            errors.Add(new("query", nameof(MatchOptions.TotalUpTo), "must be at least 1 (or null: an exact count)."));
        }
        if (options.ExcludedOccupationUris is { Count: > MaxExcludedOccupations })
        {
            errors.Add(new("query", nameof(MatchOptions.ExcludedOccupationUris), $"at most {MaxExcludedOccupations} occupations."));
        }
    }

    /// <summary>Excluded occupations of a match: every ESCO occupation fits.</summary>
    public const int MaxExcludedOccupations = 5_000;

    /// <summary>
    /// A recruiter's search: known skill URIs (at least one, must-have or nice-to-have), a valid place,
    /// radius and minimum experience, page size and cursor.
    /// </summary>
    public void CheckCandidateQuery(CandidateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IndexValidationError>();
        var mustHave = query.MustHave ?? [];
        var niceToHave = query.NiceToHave ?? [];
        for (var i = 0; i < niceToHave.Count; i++)
        {
            ResolveSkill(niceToHave[i], "query", nameof(CandidateQuery.NiceToHave), i, null, errors);
        }
        for (var i = 0; i < mustHave.Count; i++)
        {
            ResolveSkill(mustHave[i], "query", nameof(CandidateQuery.MustHave), i, null, errors);
        }
        CheckSkillCount(mustHave.Count + niceToHave.Count, "query", nameof(CandidateQuery.MustHave), errors);
        if (mustHave.Count + niceToHave.Count == 0)
        {
            errors.Add(new("query", nameof(CandidateQuery.MustHave), "at least one skill is needed in MustHave or NiceToHave."));
        }
        CheckPlace(query.Place, "query", errors);
        if (query.RadiusKm is { } radius)
        {
            CheckDistance(radius, "query", nameof(CandidateQuery.RadiusKm), errors);
        }
        if (query.MinExperienceYears is { } min && (!double.IsFinite(min) || min < 0))
        {
            errors.Add(new("query", nameof(CandidateQuery.MinExperienceYears), "must be a finite number ≥ 0."));
        }
        var contracts = query.Contracts ?? [];
        for (var i = 0; i < contracts.Count; i++)
        {
            if (!Enum.IsDefined(contracts[i]))
            {
                errors.Add(new("query", $"{nameof(CandidateQuery.Contracts)}[{i}]", $"'{contracts[i]}' is not a contract type."));
            }
        }
        CheckSize(query.Size, errors);
        CheckCursor(query.Cursor, errors);
        ThrowIfAny(errors);
    }

    /// <summary>Exactly one of a known skill or occupation URI; a valid place and radius.</summary>
    public void CheckSupplyDemand(SupplyDemandQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IndexValidationError>();
        var hasSkill = !string.IsNullOrWhiteSpace(query.SkillUri);
        var hasOccupation = !string.IsNullOrWhiteSpace(query.OccupationUri);
        if (hasSkill == hasOccupation)
        {
            errors.Add(new("query", nameof(SupplyDemandQuery.SkillUri), "exactly one of SkillUri and OccupationUri is needed."));
        }
        else if (hasSkill)
        {
            ResolveSkill(query.SkillUri, "query", nameof(SupplyDemandQuery.SkillUri), -1, null, errors);
        }
        else if (taxonomy.OccupationByUri(query.OccupationUri!) is null)
        {
            errors.Add(new("query", nameof(SupplyDemandQuery.OccupationUri), $"'{query.OccupationUri}' is not an ESCO occupation URI."));
        }
        CheckPlace(query.Place, "query", errors);
        if (query.RadiusKm is { } radius)
        {
            CheckDistance(radius, "query", nameof(SupplyDemandQuery.RadiusKm), errors);
        }
        ThrowIfAny(errors);
    }

    // ------------------------------------------------------------ fields

    /// <summary>The taxonomy id of a skill URI, or -1 after adding the error (the field path is only formatted for an error).</summary>
    public int ResolveSkill(string? uri, string itemId, string list, int index, string? member, List<IndexValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
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

    public static void CheckSkillCount(int count, string item, string field, List<IndexValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (count > MaxSkills)
        {
            errors.Add(new(item, field, $"has {count} skills; at most {MaxSkills} are accepted."));
        }
    }

    /// <summary>Coordinates within range; null is "no place".</summary>
    public static void CheckPlace(Place? place, string item, List<IndexValidationError> errors, string field = "Place")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (place is null)
        {
            return;
        }
        if (!double.IsFinite(place.Latitude) || place.Latitude is < -90 or > 90)
        {
            errors.Add(new(item, field + ".Latitude", "must be between -90 and 90."));
        }
        if (!double.IsFinite(place.Longitude) || place.Longitude is < -180 or > 180)
        {
            errors.Add(new(item, field + ".Longitude", "must be between -180 and 180."));
        }
    }

    /// <summary>Whether a place passes <see cref="CheckPlace"/> (an invalid one counts as none where it is only read).</summary>
    public static bool IsValidPlace(Place? place) =>
        place is not null && double.IsFinite(place.Latitude) && place.Latitude is >= -90 and <= 90
        && double.IsFinite(place.Longitude) && place.Longitude is >= -180 and <= 180;

    private static void CheckDistance(double km, string item, string field, List<IndexValidationError> errors)
    {
        if (!double.IsFinite(km) || km < 0)
        {
            errors.Add(new(item, field, "must be a finite number of km ≥ 0."));
        }
    }

    private static void CheckSize(int size, List<IndexValidationError> errors)
    {
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add(new("query", "Size", $"must be between 1 and {MaxPageSize}."));
        }
    }

    private static void CheckCursor(string? cursor, List<IndexValidationError> errors)
    {
        if (!PageCursor.TryDecode(cursor, out _))
        {
            errors.Add(new("query", PageCursor.Field, "is not a cursor returned by this index."));
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

    public static void ThrowIfAny(List<IndexValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new IndexValidationException(errors);
        }
    }
}
