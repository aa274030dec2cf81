using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Coach.Web.Recruiters;

/// <summary>
/// What a recruiter sees instead of a seeker's id: a keyed hash (the key never leaves the process), and the
/// way back to the profile for a contact request, so no profile id reaches the recruiter's browser.
/// </summary>
public sealed class CandidatePseudonyms
{
    private const int MaxRemembered = 100_000;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, string> _profiles = new(StringComparer.Ordinal);

    public string Of(string profileId)
    {
        var pseudonym = "C-" + Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(profileId)), 0, 5);
        if (_profiles.Count >= MaxRemembered)
        {
            // A contact request on a very old result page then asks for a new search: acceptable for a cache.
            _profiles.Clear();
        }
        _profiles[pseudonym] = profileId;
        return pseudonym;
    }

    public string? ProfileOf(string pseudonym) => _profiles.GetValueOrDefault(pseudonym);
}
