namespace Matching.Engine.Indexing;

/// <summary>
/// The port to the match index. Two implementations: embedded (SQLite + in-process postings, the
/// default) and Elasticsearch (scale-out). Both must give the same ranking for the same query.
/// Writes return once durable (committed); reads see every acknowledged write.
/// </summary>
public interface IMatchIndex
{
    Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default);

    Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default);

    /// <summary>Deletes offers by id; returns how many existed.</summary>
    Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default);

    Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Ids of the offers a recruiter owns (<see cref="OfferDocument.OwnerId"/>).</summary>
    Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Best offers for a profile (stored or not: the diagnosis matches unsaved profiles).</summary>
    Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>Best profiles for an offer (stored or not). Only profiles with <see cref="ProfileDocument.Searchable"/> when <see cref="MatchOptions.SearchableOnly"/>.</summary>
    Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>A recruiter's search of candidates by skills, with facets.</summary>
    Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default);

    /// <summary>Offers demanding vs profiles supplying a skill or an occupation, around a place, per area.</summary>
    Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many offers and profiles the index holds.</summary>
    Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>Outcome of a batch write: every item acknowledged here is durable.</summary>
/// <param name="CreatedIds">The ids that did not exist before the batch (the others were updated).</param>
public sealed record BulkResult(int Created, int Updated, IReadOnlySet<string>? CreatedIds = null)
{
    public bool WasCreated(string id) => CreatedIds?.Contains(id) == true;
}

public sealed record IndexCounts(long Offers, long Profiles);

/// <summary>Options of a match query.</summary>
/// <param name="Size">Page size, 1..100.</param>
/// <param name="Cursor">Opaque cursor of the previous page's last hit, for stable paging.</param>
/// <param name="AllowRelated">Credit demanded skills met through related/broader/narrower skills (exact and aligned ones count either way).</param>
/// <param name="RadiusKm">Overrides the profile's radius when set.</param>
/// <param name="SearchableOnly">Offer to profiles: only profiles that consented to be found.</param>
public sealed record MatchOptions(int Size = 20, string? Cursor = null, bool AllowRelated = true, double? RadiusKm = null, bool SearchableOnly = false);

/// <summary>How a demanded skill was met.</summary>
public enum SkillMatchKind
{
    /// <summary>The same skill.</summary>
    Exact,
    /// <summary>The supplier has a narrower (more specific) skill of the demanded one.</summary>
    Narrower,
    /// <summary>The supplier has a broader skill of the demanded one.</summary>
    Broader,
    /// <summary>The supplier has a skill ESCO relates to the demanded one.</summary>
    Related,
    /// <summary>
    /// The supplier has the demanded skill in the other taxonomy: a ROME 4.0 competence or savoir met by
    /// the ESCO skill it is aligned to, or the reverse (<see cref="Taxonomy.SkillsTaxonomy.Alignment"/>).
    /// <see cref="SkillMatch.ViaSkillUri"/> names the bridge.
    /// </summary>
    Aligned,
}

/// <summary>One demanded skill met, and how.</summary>
/// <param name="SkillUri">The demanded skill.</param>
/// <param name="ViaSkillUri">The supplied skill that met it (the same URI for an exact match).</param>
/// <param name="Credit">Share of a full match credited, 0..1.</param>
public sealed record SkillMatch(string SkillUri, string ViaSkillUri, SkillMatchKind Kind, SkillImportance Importance, double Credit);

/// <summary>The parts of a score, every one visible to the user. Total = Skills × Distance × Contract × Experience.</summary>
public sealed record ScoreParts(
    double EssentialCoverage,
    double OptionalCoverage,
    double SupplyUse,
    double Skills,
    double Distance,
    double Contract,
    double Experience,
    double Total);

/// <summary>Why a pair matched.</summary>
public sealed record MatchExplanation(
    IReadOnlyList<SkillMatch> Matched,
    IReadOnlyList<SkillMatch> MatchedThroughRelated,
    IReadOnlyList<string> MissingEssential,
    IReadOnlyList<string> MissingOptional,
    double? DistanceKm,
    ScoreParts Parts);

/// <summary>One hit: the other side's id and the explanation.</summary>
public sealed record MatchHit(string Id, double Score, MatchExplanation Explanation);

public sealed record MatchPage(IReadOnlyList<MatchHit> Hits, long Total, string? NextCursor);

/// <summary>A recruiter's candidate search.</summary>
/// <param name="MustHave">Skills every candidate must have (hard filter).</param>
/// <param name="NiceToHave">Skills that add to the score.</param>
/// <param name="AllowRelated">Accept related skills at a lower weight (for must-have too).</param>
/// <param name="Place">Centre of the search; with <paramref name="RadiusKm"/> a hard filter.</param>
/// <param name="MinExperienceYears">Hard filter on experience when set.</param>
public sealed record CandidateQuery(
    IReadOnlyList<string> MustHave,
    IReadOnlyList<string> NiceToHave,
    bool AllowRelated = true,
    Place? Place = null,
    double? RadiusKm = null,
    IReadOnlyList<ContractType>? Contracts = null,
    double? MinExperienceYears = null,
    int Size = 20,
    string? Cursor = null);

public sealed record FacetBucket(string Key, long Count);

public sealed record CandidateFacets(
    IReadOnlyList<FacetBucket> DistanceBands,
    IReadOnlyList<FacetBucket> Contracts,
    IReadOnlyList<FacetBucket> Experience);

public sealed record CandidateSearchResult(IReadOnlyList<MatchHit> Hits, long Total, string? NextCursor, CandidateFacets Facets);

/// <summary>Supply and demand of a skill or an occupation (exactly one of the two), around a place or nationwide.</summary>
public sealed record SupplyDemandQuery(string? SkillUri, string? OccupationUri, Place? Place = null, double? RadiusKm = null);

/// <summary>Offers demanding vs profiles supplying, for one area (employment area code, or "all").</summary>
public sealed record SupplyDemandArea(string AreaCode, string? AreaName, long Offers, long Profiles);

public sealed record SupplyDemandResult(long Offers, long Profiles, IReadOnlyList<SupplyDemandArea> Areas);
