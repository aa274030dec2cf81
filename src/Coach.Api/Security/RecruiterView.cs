using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Coach.Api.Security;

/// <summary>
/// A candidate as a recruiter sees them before contact: a pseudonym, skills, experience, a distance
/// band and the explanation. No id, no name, no contact, no place, no exact distance (with the
/// search centre it would locate the seeker's home).
/// </summary>
public sealed record RecruiterCandidate(
    string Pseudonym,
    double Score,
    IReadOnlyList<OfferedSkill> Skills,
    double ExperienceYears,
    IReadOnlyList<ContractType> ContractWishes,
    string DistanceBand,
    RecruiterExplanation Explanation);

/// <summary>The match explanation without the exact distance.</summary>
public sealed record RecruiterExplanation(
    IReadOnlyList<SkillMatch> Matched,
    IReadOnlyList<SkillMatch> MatchedThroughRelated,
    IReadOnlyList<string> MissingEssential,
    IReadOnlyList<string> MissingOptional,
    ScoreParts Parts)
{
    public static RecruiterExplanation From(MatchExplanation e) => new(e.Matched, e.MatchedThroughRelated, e.MissingEssential, e.MissingOptional, e.Parts);
}

public static class RecruiterView
{
    /// <summary>
    /// Projects hits for a recruiter: drops seekers who did not consent (whatever the index
    /// returned), replaces ids by this recruiter's pseudonyms (remembered for contact requests).
    /// <paramref name="profiles"/> holds the hits' profiles by id (the profile id is the seeker's user id).
    /// </summary>
    public static IReadOnlyList<RecruiterCandidate> Candidates(
        string recruiterId, IReadOnlyList<MatchHit> hits, IReadOnlyDictionary<string, ProfileDocument> profiles, Pseudonyms pseudonyms)
    {
        var shown = hits.Where(h => Consent.MayAppearInRecruiterSearch(profiles.GetValueOrDefault(h.Id))).ToArray();
        var names = pseudonyms.Issue(recruiterId, [.. shown.Select(h => h.Id)]);
        return [.. shown.Select((hit, i) =>
        {
            var profile = profiles[hit.Id];
            return new RecruiterCandidate(
                names[i], hit.Score, profile.Skills, profile.ExperienceYears, profile.ContractWishes,
                DistanceBand(hit.Explanation.DistanceKm), RecruiterExplanation.From(hit.Explanation));
        })];
    }

    /// <summary>The same bands as the candidate facets.</summary>
    public static string DistanceBand(double? km) => km switch
    {
        null => "unknown",
        < 5 => "0-5 km",
        < 10 => "5-10 km",
        < 20 => "10-20 km",
        < 50 => "20-50 km",
        _ => "50+ km",
    };
}
