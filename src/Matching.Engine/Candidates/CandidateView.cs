using Matching.Engine.Indexing;
using Matching.Engine.Scoring;

namespace Matching.Engine.Candidates;

/// <summary>
/// A candidate as a recruiter sees them: a pseudonym stable for this recruiter, skills, experience,
/// contract wishes, a distance band and the explanation; never an id, a name, a contact, a place or
/// an exact distance (the score and its parts are computed from the band too).
/// </summary>
/// <param name="TargetJob">The job the candidate looks for (the ESCO occupation's label), when known.</param>
/// <param name="SearchingForMonths">Availability: how long the candidate has been looking (whole months; 0 this month);
/// null when they did not say. A candidate who has not started looking is not counted as available.</param>
/// <param name="NotYetSearching">True when the candidate said they have not started looking.</param>
/// <param name="Evidence">The candidate's skills that carry evidence beyond the seeker's word, and which kind
/// ("confirmed by an adviser", "endorsed by a former colleague", ...): never who confirmed or endorsed.</param>
public sealed record CandidateView(
    string Pseudonym, double Score, IReadOnlyList<SkillRef> Skills, double ExperienceYears, IReadOnlyList<ContractType> ContractWishes,
    string DistanceBand, ExplanationView Explanation, string? TargetJob = null, int? SearchingForMonths = null, bool NotYetSearching = false,
    IReadOnlyList<EvidencedSkill>? Evidence = null);

/// <summary>A skill and its strongest evidence, as a recruiter sees it.</summary>
public sealed record EvidencedSkill(SkillRef Skill, SkillEvidence Evidence);

/// <param name="TotalIsLowerBound">More than <paramref name="Total"/> candidates match (the count stopped at <see cref="Indexing.MatchOptions.TotalUpTo"/>); a
/// search with facets counts every candidate.</param>
public sealed record CandidatePage(IReadOnlyList<CandidateView> Hits, long Total, string? NextCursor, CandidateFacets? Facets = null,
    [property: System.ComponentModel.Description("True when more than total candidates match: the count stopped at the cap (the hits and their order are exact either way).")] bool TotalIsLowerBound = false);

/// <summary>A recruiter's search of candidates by skills.</summary>
public sealed record CandidateSearchRequest
{
    /// <summary>ESCO skill URIs every candidate must have (hard filter).</summary>
    public IReadOnlyList<string>? MustHave { get; init; }
    /// <summary>ESCO skill URIs that add to the score.</summary>
    public IReadOnlyList<string>? NiceToHave { get; init; }
    /// <summary>Accept related, broader or narrower skills at a lower weight (default true).</summary>
    public bool AllowRelated { get; init; } = true;
    /// <summary>Centre of the search: INSEE code or postcode.</summary>
    public string? Place { get; init; }
    /// <summary>Radius around <see cref="Place"/>, km (default 30 when a place is given).</summary>
    public double? RadiusKm { get; init; }
    /// <summary>Contracts the candidate wants (CDI, CDD, MIS, ...); any when empty.</summary>
    public IReadOnlyList<string>? Contracts { get; init; }
    public double? MinExperienceYears { get; init; }
    public int Size { get; init; } = 20;
    public string? Cursor { get; init; }
}
