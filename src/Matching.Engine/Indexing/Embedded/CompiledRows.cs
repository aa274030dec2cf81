using System.Runtime.CompilerServices;
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
/// Skills are taxonomy ids with <see cref="Packed"/> flags, one entry per distinct skill; the ROME code is normalised
/// (trimmed, upper case), null when the offer states none. <see cref="Area"/> is the offer's place wider than a commune
/// (<see cref="OfferDocument.PlaceArea"/>) when it has no coordinates, null otherwise.
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
    int Occupation,
    string? RomeCode = null,
    PlaceArea? Area = null)
{
    public bool HasPlace => !double.IsNaN(Latitude);
}

/// <summary>
/// The matching projection of a profile. Skills are distinct taxonomy ids, sorted (explanations binary-search them);
/// target ROME codes normalised (trimmed, upper case, distinct), null or empty when none.
/// </summary>
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
    int[] Occupations,
    double Attested = 0,
    string[]? RomeCodes = null)
{
    public bool HasPlace => !double.IsNaN(Latitude);
}

/// <summary>
/// Compiles documents to rows: taxonomy ids and packed flags. Documents are checked first by the
/// shared <see cref="IndexValidation"/> (every index refuses the same input): a compiled document is valid.
/// </summary>
internal sealed class DocumentCompiler(SkillsTaxonomy taxonomy)
{
    public OfferRow[] CompileOffers(IReadOnlyList<OfferDocument> offers)
    {
        var rows = new OfferRow[offers.Count];
        for (var i = 0; i < offers.Count; i++)
        {
            rows[i] = CompileOffer(offers[i]);
        }
        return rows;
    }

    public ProfileRow[] CompileProfiles(IReadOnlyList<ProfileDocument> profiles)
    {
        var rows = new ProfileRow[profiles.Count];
        for (var i = 0; i < profiles.Count; i++)
        {
            rows[i] = CompileProfile(profiles[i]);
        }
        return rows;
    }

    /// <summary>An offer used as a query (it need not be stored, nor have an id).</summary>
    public OfferRow CompileOfferProbe(OfferDocument offer) => CompileOffer(offer);

    public ProfileRow CompileProfileProbe(ProfileDocument profile) => CompileProfile(profile);

    /// <summary>The taxonomy id of a skill URI the validation accepted.</summary>
    public int SkillId(string uri) => taxonomy.SkillByUri(uri)!.Id;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private OfferRow CompileOffer(OfferDocument offer)
    {
        // A skill listed twice counts once: essential wins over optional, must-have over not.
        var bySkill = new Dictionary<int, int>();
        foreach (var skill in offer.Skills ?? [])
        {
            var id = SkillId(skill.SkillUri);
            var flags = (skill.Importance == SkillImportance.Optional ? Packed.Optional : 0) | (skill.MustHave ? Packed.MustHave : 0);
            if (bySkill.TryGetValue(id, out var previous))
            {
                var optional = (previous & Packed.Optional) != 0 && (flags & Packed.Optional) != 0 ? Packed.Optional : 0;
                flags = optional | ((previous | flags) & Packed.MustHave);
            }
            bySkill[id] = flags;
        }
        var (lat, lon) = Coordinates(offer.Place);
        var occupation = string.IsNullOrWhiteSpace(offer.OccupationUri) ? -1 : taxonomy.OccupationByUri(offer.OccupationUri)!.Id;
        var packed = bySkill.Select(kv => kv.Key | kv.Value).ToArray();
        Array.Sort(packed, (a, b) => (a & Packed.IdMask).CompareTo(b & Packed.IdMask));
        return new OfferRow(offer.Id ?? "", packed, lat, lon, offer.Place?.CommuneCode, offer.Contract, offer.Experience, offer.ExperienceYears ?? double.NaN, occupation,
            RomeCode(offer.RomeCode), offer.Place is null ? offer.PlaceArea : null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ProfileRow CompileProfile(ProfileDocument profile)
    {
        var ids = new SortedSet<int>();
        foreach (var skill in profile.Skills ?? [])
        {
            ids.Add(SkillId(skill.SkillUri));
        }
        var (lat, lon) = Coordinates(profile.Place);
        var occupations = (profile.TargetOccupationUris ?? []).Select(uri => taxonomy.OccupationByUri(uri)!.Id).Distinct();
        return new ProfileRow(profile.Id ?? "", [.. ids], lat, lon, profile.Place?.CommuneCode, profile.RadiusKm, profile.ExperienceYears,
            MatchScorer.ContractMask(profile.ContractWishes ?? []), profile.Searchable, [.. occupations], MatchScorer.Attested(profile.Skills ?? []),
            RomeCodes(profile.TargetRomeCodes));
    }

    /// <summary>A ROME code as the index keys it: trimmed, upper case; null when blank.</summary>
    public static string? RomeCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public static string[] RomeCodes(IEnumerable<string>? codes) =>
        [.. (codes ?? []).Select(RomeCode).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static (double Lat, double Lon) Coordinates(Place? place) =>
        place is null ? (double.NaN, double.NaN) : (place.Latitude, place.Longitude);
}
