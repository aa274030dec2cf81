namespace Matching.Engine.Indexing;

/// <summary>
/// The port to the match index. Two implementations: embedded (SQLite + in-process postings, the
/// default) and Elasticsearch (scale-out). Both must give the same ranking for the same query, and
/// both pass the contract tests (tests/Matching.Engine.Tests/Indexing/MatchIndexContractTests.cs).
/// Writes return once durable (committed); reads see every acknowledged write.
/// </summary>
/// <remarks>
/// The container hands out one instance (a singleton), chosen by <c>Coach:Index:Kind</c>. A call
/// the index cannot answer now (not open yet, not reachable) throws
/// <see cref="IndexUnavailableException"/>; invalid documents, options or cursors throw
/// <see cref="IndexValidationException"/> (both checked by the shared <see cref="IndexValidation"/>).
/// </remarks>
public interface IMatchIndex : IAsyncDisposable
{
    Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default);

    Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default);

    /// <summary>Deletes offers by id; returns how many existed.</summary>
    Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// A number that changes once every write is visible to this instance's reads, for caches of what is derived
    /// from the index (a job's local offers in a diagnosis): an entry computed at generation <c>g</c> is good while
    /// the generation is still <c>g</c>. Null when this instance cannot see every write (Elasticsearch: other
    /// instances write too): such caches then compute every time.
    /// </summary>
    long? WriteGeneration => null;

    Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Ids of the offers a recruiter owns (<see cref="OfferDocument.OwnerId"/>).</summary>
    Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Best offers for a profile (stored or not: the diagnosis matches unsaved profiles).</summary>
    Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Best profiles for an offer (stored or not). Only profiles with <see cref="ProfileDocument.Searchable"/> when
    /// <see cref="MatchOptions.SearchableOnly"/>; scored by distance band when <see cref="MatchOptions.BandedDistance"/>.
    /// </summary>
    Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// A recruiter's search of candidates by skills, with facets: consenting profiles only, scored,
    /// ranked and explained by distance band (as <see cref="MatchOptions.BandedDistance"/>).
    /// </summary>
    Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default);

    /// <summary>Offers demanding vs profiles supplying a skill or an occupation, around a place, per area.</summary>
    Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many offers and profiles the index holds.</summary>
    Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>Outcome of a batch write: every item acknowledged here is durable.</summary>
/// <param name="CreatedIds">The ids that did not exist before the batch (the others were updated).</param>
/// <param name="Failed">
/// Items the index refused one by one after the batch was validated (a remote index answers per item:
/// a mapping conflict, a full write queue). They are not stored; every other item is. Empty for the embedded index.
/// </param>
public sealed record BulkResult(int Created, int Updated, IReadOnlySet<string>? CreatedIds = null, IReadOnlyList<BulkItemError>? Failed = null)
{
    public bool WasCreated(string id) => CreatedIds?.Contains(id) == true;

    /// <summary>The refusal of item <paramref name="id"/>, null when it was stored.</summary>
    public BulkItemError? FailureOf(string id) => Failed?.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));
}

/// <summary>One item a remote index refused.</summary>
/// <param name="Status">The HTTP status of the item (429: retry later; 400: the document was refused).</param>
/// <param name="Type">The server's error type (e.g. document_parsing_exception).</param>
public sealed record BulkItemError(string Id, int Status, string Type, string Reason)
{
    /// <summary>True when sending the same item again later may succeed.</summary>
    public bool IsTransient => Status is 429 or >= 500;
}

public sealed record IndexCounts(long Offers, long Profiles);

/// <summary>Options of a match query.</summary>
/// <param name="Size">Page size, 1..100.</param>
/// <param name="Cursor">Opaque cursor of the previous page's last hit, for stable paging.</param>
/// <param name="AllowRelated">Credit demanded skills met through related/broader/narrower skills (exact and aligned ones count either way).</param>
/// <param name="RadiusKm">Overrides the profile's radius when set.</param>
/// <param name="SearchableOnly">Offer to profiles: only profiles that consented to be found.</param>
/// <param name="BandedDistance">
/// Offer to profiles, what a recruiter sees: the score, the ranking and the explanation use the lower
/// bound of the pair's distance band (<see cref="DistanceBands.Floor"/>), never the exact distance,
/// which from a chosen place would locate the seeker. The radius stays a hard filter on the exact distance.
/// </param>
/// <param name="ExcludedOccupationUris">Profile to offers: offers of these ESCO occupations are not matches (hard filter;
/// the seeker's coach excludes regulated jobs the seeker cannot hold). Null or empty: none excluded.</param>
/// <param name="MinScore">Profile to offers: hits scoring below this apart from the occupation factor (Total below MinScore × Occupation)
/// are not matches (hard filter, counted out of the total like any other), except the offers of a job the seeker targets
/// (<see cref="Scoring.OccupationFit.Target"/>), which are the job they asked for whatever their score; 0 keeps every hit with a
/// positive score.</param>
/// <param name="TotalUpTo">The page's <see cref="MatchPage.Total"/> is exact up to this count; past it, <see cref="MatchPage.Total"/> is this count and
/// <see cref="MatchPage.TotalIsLowerBound"/> says that more match ("plus de 1 000 offres"), which spares the index the count of every match (the
/// hits, their order and scores are exact either way). Null: always counted exactly. Default <see cref="DefaultTotalUpTo"/>.</param>
public sealed record MatchOptions(
    int Size = 20,
    string? Cursor = null,
    bool AllowRelated = true,
    double? RadiusKm = null,
    bool SearchableOnly = false,
    bool BandedDistance = false,
    IReadOnlyCollection<string>? ExcludedOccupationUris = null,
    double MinScore = 0,
    int? TotalUpTo = MatchOptions.DefaultTotalUpTo)
{
    /// <summary>The count up to which a match's total is exact unless asked otherwise: the pages say "plus de 1 000" past it.</summary>
    public const int DefaultTotalUpTo = 1000;
}

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

/// <summary>The parts of a score, every one visible to the user. Total = Skills × Distance × Contract × Experience × Evidence × Occupation.</summary>
/// <param name="Evidence">How well the candidate's skills are evidenced (<see cref="Scoring.MatchScorer.Evidence"/>): part of
/// what a recruiter sees (offer to profiles with <see cref="MatchOptions.BandedDistance"/>, candidate search); 1 elsewhere.</param>
/// <param name="Occupation">How the offer's job stands to the seeker's target jobs (<see cref="Scoring.MatchScorer.Occupation"/>): 1 for a
/// target job or when either side states no occupation, less for a close job, least for another job.</param>
public sealed record ScoreParts(
    double EssentialCoverage,
    double OptionalCoverage,
    double SupplyUse,
    double Skills,
    double Distance,
    double Contract,
    double Experience,
    double Total,
    double Evidence = 1,
    double Occupation = 1)
{
    /// <summary>
    /// How much of what the demand asks the supply covers: 0.75 × <see cref="EssentialCoverage"/> + 0.25 ×
    /// <see cref="OptionalCoverage"/> (one of them alone when the demand has only that kind). It is the share people
    /// read as "how well do I fit": the pages show it, not <see cref="Total"/>, a ranking figure that also weighs how
    /// much of the supply the demand uses, the distance and the contract (a waitress who ticked 38 skills fits an
    /// offer asking 6 of them, 3 met, at 65 %, but its total is 9 %).
    /// </summary>
    public double Demand { get; init; }

    /// <summary>
    /// The learned ranking model's part, set only when a model that beat the scorer re-ordered the page
    /// (see docs/quality.md); null otherwise. An index never sets it: it is added after the index answered.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LearnedPart? Learned { get; init; }
}

/// <summary>What the learned ranking model did to a hit.</summary>
/// <param name="Score">The model's score (a LambdaMART output: only its order means something).</param>
/// <param name="ScorerRank">The hit's rank (1-based) in the scorer's order, before the model re-ordered the page.</param>
/// <param name="Rank">The hit's rank (1-based) after it.</param>
/// <param name="ModelVersion">Which saved model (data/models/ranking-v{N}.zip).</param>
public sealed record LearnedPart(double Score, int ScorerRank, int Rank, int ModelVersion);

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

/// <summary>A page of hits.</summary>
/// <param name="Total">How many match in all; when <paramref name="TotalIsLowerBound"/>, the cap (<see cref="MatchOptions.TotalUpTo"/>) that more than
/// that many exceed.</param>
/// <param name="TotalIsLowerBound">More than <paramref name="Total"/> match (the count stopped at <see cref="MatchOptions.TotalUpTo"/>).</param>
public sealed record MatchPage(IReadOnlyList<MatchHit> Hits, long Total, string? NextCursor, bool TotalIsLowerBound = false);

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
