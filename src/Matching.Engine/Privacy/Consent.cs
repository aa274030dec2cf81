using Matching.Engine.Indexing;

namespace Matching.Engine.Privacy;

/// <summary>The consent rules, in one place so every recruiter-facing path applies the same ones.</summary>
public static class Consent
{
    /// <summary>Only seekers who said yes appear in a recruiter's search or an offer's candidates.</summary>
    public static bool MayAppearInRecruiterSearch(ProfileDocument? profile) => profile is { Searchable: true };

    /// <summary>
    /// Options of any match a recruiter sees, whatever the caller asked: consenting profiles only, and
    /// scored by distance band (an exact distance from a place the recruiter chooses would locate the seeker).
    /// </summary>
    public static MatchOptions ForRecruiter(MatchOptions options) => options with { SearchableOnly = true, BandedDistance = true };

    /// <summary>A recruiter sees a seeker's identity (id, name, contact) only after the seeker accepted their contact request.</summary>
    public static bool MayRevealIdentity(ContactRequests requests, string recruiterId, string seekerId) =>
        requests.IsAccepted(recruiterId, seekerId);
}
