using Matching.Engine.Hosting;
using Matching.Engine.Indexing;

namespace Coach.Api.Matching;

public static class CandidateViews
{
    /// <summary>
    /// Candidates for a recruiter: skills, experience, a distance band and the explanation, never
    /// the exact distance (it would locate the seeker), nor any name or contact.
    /// </summary>
    public static async Task<List<CandidateView>> CandidatesAsync(IEnumerable<MatchHit> hits, MatchingRuntime runtime, string language, CancellationToken cancellationToken)
    {
        var views = new List<CandidateView>();
        foreach (var hit in hits)
        {
            var profile = await runtime.Index.GetProfileAsync(hit.Id, cancellationToken);
            var explanation = MatchViews.Explain(hit.Explanation, runtime.Data.Taxonomy, language) with { DistanceKm = null };
            views.Add(new CandidateView(hit.Id, Math.Round(hit.Score, 4), profile?.ExperienceYears ?? 0, MatchViews.DistanceBand(hit.Explanation.DistanceKm), explanation));
        }
        return views;
    }
}
