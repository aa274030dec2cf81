using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;

namespace Matching.Elasticsearch;

/// <summary>A point as Elasticsearch's <c>geo_point</c> takes it (and as _source gives back: the exact doubles).</summary>
public sealed record GeoPointValue([property: JsonPropertyName("lat")] double Lat, [property: JsonPropertyName("lon")] double Lon);

/// <summary>One skill of an offer as stored: its URI (the keyword term), importance, must-have flag and source (<see cref="SkillSource"/>: OfferCode, OfferText, OfferFields or Occupation).</summary>
public sealed record StoredDemandedSkill(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("importance")] string Importance,
    [property: JsonPropertyName("must_have")] bool MustHave,
    [property: JsonPropertyName("source")] string Source);

public sealed record StoredOfferedSkill(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("evidence")] string Evidence);

/// <summary>
/// An offer as the <c>coach-offers</c> index holds it: the fields Elasticsearch filters, scores and aggregates
/// on, and the document itself (<c>doc</c>, not indexed) from which Coach re-scores and answers reads.
/// Skill ids are ESCO/ROME URIs (keywords): stable across taxonomy versions, unlike Coach's dense ids.
/// </summary>
public sealed class StoredOffer
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("occupation")] public string? Occupation { get; init; }
    [JsonPropertyName("rome_code")] public string? RomeCode { get; init; }
    [JsonPropertyName("skills")] public IReadOnlyList<StoredDemandedSkill> Skills { get; init; } = [];
    [JsonPropertyName("skill_ids")] public IReadOnlyList<string> SkillIds { get; init; } = [];
    [JsonPropertyName("essential_ids")] public IReadOnlyList<string> EssentialIds { get; init; } = [];
    [JsonPropertyName("optional_ids")] public IReadOnlyList<string> OptionalIds { get; init; } = [];
    [JsonPropertyName("must_have_ids")] public IReadOnlyList<string> MustHaveIds { get; init; } = [];
    [JsonPropertyName("must_have_count")] public int MustHaveCount { get; init; }
    /// <summary>What one essential credit is worth in the Demand part of the score (0.75/n, or 1/n without optional skills).</summary>
    [JsonPropertyName("essential_weight")] public double EssentialWeight { get; init; }
    [JsonPropertyName("optional_weight")] public double OptionalWeight { get; init; }
    [JsonPropertyName("location")] public GeoPointValue? Location { get; init; }
    [JsonPropertyName("commune")] public string? Commune { get; init; }
    [JsonPropertyName("area")] public string? Area { get; init; }
    /// <summary>How wide the offer's place is (<see cref="Engine.Indexing.PlaceScope"/>); without <c>location</c>, a scope other than Commune means "distance unknown".</summary>
    [JsonPropertyName("place_scope")] public string? PlaceScope { get; init; }
    /// <summary>The département or région of an offer without <c>location</c> (<see cref="Engine.Geography.PlaceAreaMap"/>: "D74", "R84"); a seeker's
    /// query lists the keys its circle reaches. Absent for France, remote work, abroad: such an offer passes every radius.</summary>
    [JsonPropertyName("place_area")] public string? PlaceArea { get; init; }
    [JsonPropertyName("contract")] public string Contract { get; init; } = "";
    [JsonPropertyName("experience")] public string Experience { get; init; } = "";
    [JsonPropertyName("experience_years")] public double? ExperienceYears { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("owner")] public string? Owner { get; init; }
    /// <summary>Null only when a search asked for other fields of _source.</summary>
    [JsonPropertyName("doc")] public OfferDocument? Doc { get; init; }
}

/// <summary>A profile as the <c>coach-profiles</c> index holds it; <c>consent</c> is the seeker's consent to be found by recruiters.</summary>
public sealed class StoredProfile
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("skills")] public IReadOnlyList<StoredOfferedSkill> Skills { get; init; } = [];
    [JsonPropertyName("skill_ids")] public IReadOnlyList<string> SkillIds { get; init; } = [];
    [JsonPropertyName("skill_count")] public int SkillCount { get; init; }
    [JsonPropertyName("occupations")] public IReadOnlyList<string> Occupations { get; init; } = [];
    [JsonPropertyName("rome_codes")] public IReadOnlyList<string> RomeCodes { get; init; } = [];
    [JsonPropertyName("location")] public GeoPointValue? Location { get; init; }
    [JsonPropertyName("commune")] public string? Commune { get; init; }
    [JsonPropertyName("area")] public string? Area { get; init; }
    [JsonPropertyName("radius_km")] public double RadiusKm { get; init; }
    /// <summary>The départements and régions the seeker's circle (location, own radius) reaches (<see cref="Engine.Geography.PlaceAreaMap.ReachedBy"/>):
    /// an offer given by one of them finds the profile. Absent without a location.</summary>
    [JsonPropertyName("reached_areas")] public IReadOnlyList<string>? ReachedAreas { get; init; }
    [JsonPropertyName("experience_years")] public double ExperienceYears { get; init; }
    /// <summary>Contract names, or <c>Any</c> for a seeker open to every contract (no wish, or "unspecified").</summary>
    [JsonPropertyName("contract_wishes")] public IReadOnlyList<string> ContractWishes { get; init; } = [];
    [JsonPropertyName("consent")] public bool Consent { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>The seeker the profile belongs to (its id): what export and erasure look up.</summary>
    [JsonPropertyName("owner")] public string Owner { get; init; } = "";
    [JsonPropertyName("doc")] public ProfileDocument? Doc { get; init; }
}

/// <summary>Maps Coach's documents to what the indices hold.</summary>
internal static class StoredDocuments
{
    public const string AnyContract = "Any";

    /// <summary>Elasticsearch's _id takes at most 512 bytes; longer Coach ids (up to 256 characters, up to 1 KB in UTF-8) are hashed.</summary>
    public static string DocumentId(string id) =>
        Encoding.UTF8.GetByteCount(id) <= 200 ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    public static StoredOffer ToStored(OfferDocument offer, Func<string, string?> areaOfCommune, PlaceAreaMap? places = null)
    {
        var demand = Demand.Of(offer);
        var essential = demand.Skills.Where(s => !s.Optional).Select(s => s.Uri).ToList();
        var optional = demand.Skills.Where(s => s.Optional).Select(s => s.Uri).ToList();
        var must = demand.Skills.Where(s => s.MustHave).Select(s => s.Uri).ToList();
        var (essentialWeight, optionalWeight) = Weights(essential.Count, optional.Count);
        return new StoredOffer
        {
            Id = offer.Id,
            Title = offer.Title,
            Occupation = offer.OccupationUri,
            RomeCode = offer.RomeCode,
            Skills = [.. demand.Skills.Select(s => new StoredDemandedSkill(s.Uri, s.Optional ? "optional" : "essential", s.MustHave, s.Source.ToString()))],
            SkillIds = [.. demand.Skills.Select(s => s.Uri)],
            EssentialIds = essential,
            OptionalIds = optional,
            MustHaveIds = must,
            MustHaveCount = must.Count,
            EssentialWeight = essentialWeight,
            OptionalWeight = optionalWeight,
            Location = offer.Place is { } p ? new GeoPointValue(p.Latitude, p.Longitude) : null,
            Commune = offer.Place?.CommuneCode,
            Area = Area(offer.Place, areaOfCommune),
            PlaceScope = offer.Place is not null ? nameof(Engine.Indexing.PlaceScope.Commune) : offer.PlaceArea?.Scope.ToString(),
            PlaceArea = offer.Place is null ? places?.KeyOf(offer.PlaceArea) : null,
            Contract = offer.Contract.ToString(),
            Experience = offer.Experience.ToString(),
            ExperienceYears = offer.ExperienceYears,
            CreatedAt = offer.CreatedAt,
            UpdatedAt = offer.UpdatedAt,
            Source = offer.Source,
            Owner = offer.OwnerId,
            Doc = offer,
        };
    }

    public static StoredProfile ToStored(ProfileDocument profile, Func<string, string?> areaOfCommune, PlaceAreaMap? places = null)
    {
        var uris = profile.Skills.Select(s => s.SkillUri).Distinct(StringComparer.Ordinal).ToList();
        return new StoredProfile
        {
            Id = profile.Id,
            Skills = [.. profile.Skills.Select(s => new StoredOfferedSkill(s.SkillUri, s.Evidence.ToString()))],
            SkillIds = uris,
            SkillCount = uris.Count,
            Occupations = profile.TargetOccupationUris,
            RomeCodes = profile.TargetRomeCodes,
            Location = profile.Place is { } p ? new GeoPointValue(p.Latitude, p.Longitude) : null,
            Commune = profile.Place?.CommuneCode,
            Area = Area(profile.Place, areaOfCommune),
            RadiusKm = profile.RadiusKm,
            ReachedAreas = profile.Place is { } at && places is not null ? places.ReachedBy(at.Latitude, at.Longitude, profile.RadiusKm) : null,
            ExperienceYears = profile.ExperienceYears,
            ContractWishes = Wishes(profile.ContractWishes),
            Consent = profile.Searchable,
            UpdatedAt = profile.UpdatedAt,
            Owner = profile.Id,
            Doc = profile,
        };
    }

    /// <summary>A seeker open to any contract is stored as <c>Any</c>, so one terms filter and one terms aggregation read it.</summary>
    public static IReadOnlyList<string> Wishes(IReadOnlyList<ContractType> wishes) =>
        wishes.Count == 0 || wishes.Contains(ContractType.Unspecified)
            ? [AnyContract]
            : [.. wishes.Distinct().Order().Select(w => w.ToString())];

    /// <summary>Weights of one credit (in units of a full match) in the Demand part of the score, as <c>MatchScorer.Skills</c> weighs coverages.</summary>
    public static (double Essential, double Optional) Weights(int essentialCount, int optionalCount) => (essentialCount, optionalCount) switch
    {
        (0, 0) => (0, 0),
        (_, 0) => (1.0 / essentialCount, 0),
        (0, _) => (0, 1.0 / optionalCount),
        _ => (Engine.Scoring.MatchScorer.EssentialWeight / essentialCount, Engine.Scoring.MatchScorer.OptionalWeight / optionalCount),
    };

    private static string? Area(Place? place, Func<string, string?> areaOfCommune) =>
        place?.CommuneCode is { Length: > 0 } commune && areaOfCommune(commune) is { Length: > 0 } area ? area : null;
}

/// <summary>
/// An offer's demanded skills, one entry per distinct skill, merged as the embedded index merges them:
/// essential wins over optional, must-have over not.
/// </summary>
internal sealed record Demand(IReadOnlyList<Demand.Skill> Skills)
{
    /// <param name="Source">Where the skill comes from (<see cref="SkillSource"/>); what the offer states wins over its occupation.</param>
    public sealed record Skill(string Uri, bool Optional, bool MustHave, SkillSource Source);

    public static Demand Of(OfferDocument offer)
    {
        var bySkill = new Dictionary<string, Skill>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var s in offer.Skills)
        {
            var optional = s.Importance == SkillImportance.Optional;
            if (bySkill.TryGetValue(s.SkillUri, out var previous))
            {
                bySkill[s.SkillUri] = previous with { Optional = previous.Optional && optional, MustHave = previous.MustHave || s.MustHave, Source = previous.Source == SkillSource.Occupation ? s.Source : previous.Source };
            }
            else
            {
                bySkill[s.SkillUri] = new Skill(s.SkillUri, optional, s.MustHave, s.Source);
                order.Add(s.SkillUri);
            }
        }
        return new Demand([.. order.Select(u => bySkill[u])]);
    }
}
