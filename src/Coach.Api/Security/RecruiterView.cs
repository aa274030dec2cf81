using Matching.Engine.Indexing;

namespace Coach.Api.Security;

/// <summary>What a recruiter sees instead of a distance (the candidates themselves: Matching/CandidateViews.cs).</summary>
public static class RecruiterView
{
    /// <summary>The candidate facets' bands (<see cref="DistanceBands"/>).</summary>
    public static string DistanceBand(double? km) => DistanceBands.Of(km);
}
