using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// Words job ads and seekers add to a title that say nothing about the occupation: gender marks ("H/F"),
/// seniority ("confirmé", "junior"), contract and hours ("en CDI", "temps partiel"), schedule ("de nuit"), a shop as the
/// workplace ("en magasin").
/// <see cref="TitleUnderstanding"/> searches without them, and with them at a lower weight, so a title where
/// they are the job ("veilleur de nuit") still reads right. The list is small on purpose: every entry was
/// seen in France Travail offer titles or seeker input and names no ESCO or ROME occupation by itself.
/// </summary>
internal static class TitleNoise
{
    /// <summary>Noise phrases in normalized form (see <see cref="TextNormalizer"/>), French then English.</summary>
    internal static readonly string[] Phrases =
    [
        // Gender marks: "H/F", "(H/F)", "F/H", "H / F".
        "h f", "f h",
        // Schedule.
        "de nuit", "de jour", "en journee", "week end", "weekend", "en horaires decales",
        // Seniority.
        "confirme", "confirmee", "confirme e", "experimente", "experimentee", "experimente e",
        "debutant", "debutante", "debutant e", "debutant accepte", "junior", "senior",
        // Workplace: no title says "en magasin" or "en boutique" (a "vendeur en magasin" is a salesperson of any shop).
        "en magasin", "en boutique",
        // Contract and hours.
        "en cdi", "en cdd", "cdi", "cdd", "en interim", "interim", "en alternance", "en freelance",
        "a temps partiel", "a temps plein", "temps partiel", "temps plein", "mi temps", "urgent",
        // English.
        "night shift", "day shift", "part time", "full time", "entry level", "experienced",
    ];

    /// <summary>
    /// Short forms seekers type that no ESCO or ROME label spells ("dev", "IDE", "ASH"), and programming languages,
    /// which name the software-developer family rather than a job: each becomes the words the labels use, per
    /// query language (in English "java developer" must stay near "software developer", not turn French).
    /// </summary>
    internal static readonly Dictionary<string, string> FrenchExpansions = new(StringComparer.Ordinal)
    {
        ["dev"] = "developpeur",
        ["devs"] = "developpeur",
        ["ide"] = "infirmier",
        ["ash"] = "agent de service hospitalier",
        ["aes"] = "accompagnant educatif et social",
        ["c#"] = "logiciels",
        ["c++"] = "logiciels",
        ["java"] = "logiciels",
        ["python"] = "logiciels",
        ["php"] = "logiciels",
        ["javascript"] = "logiciels",
        ["dotnet"] = "logiciels",
    };

    internal static readonly Dictionary<string, string> EnglishExpansions = new(StringComparer.Ordinal)
    {
        ["dev"] = "developer",
        ["devs"] = "developer",
        ["c#"] = "software",
        ["c++"] = "software",
        ["java"] = "software",
        ["python"] = "software",
        ["php"] = "software",
        ["javascript"] = "software",
        ["dotnet"] = "software",
    };

    // Longest phrases first, so "a temps partiel" goes before "temps partiel" could leave a stray "a".
    private static readonly string[][] s_phrases = [.. Phrases.Select(p => p.Split(' ')).OrderByDescending(p => p.Length)];

    /// <summary>The normalized title without its noise phrases, short forms expanded; empty when the title was only noise.</summary>
    public static string Strip(string title, string language = "fr")
    {
        var expansions = language == "en" ? EnglishExpansions : FrenchExpansions;
        var tokens = TextNormalizer.Tokenize(title);
        var kept = new List<string>(tokens.Length);
        for (var i = 0; i < tokens.Length;)
        {
            var skip = 0;
            foreach (var phrase in s_phrases)
            {
                if (Matches(tokens, i, phrase))
                {
                    skip = phrase.Length;
                    break;
                }
            }
            if (skip > 0)
            {
                i += skip;
                continue;
            }
            var expansion = expansions.GetValueOrDefault(tokens[i]);
            // "dev java python" is one software job: its expansion is said once.
            if (expansion is null || !kept.Contains(expansion))
            {
                kept.Add(expansion ?? tokens[i]);
            }
            i++;
        }
        return string.Join(' ', kept);
    }

    private static bool Matches(string[] tokens, int at, string[] phrase)
    {
        if (at + phrase.Length > tokens.Length)
        {
            return false;
        }
        for (var j = 0; j < phrase.Length; j++)
        {
            if (!string.Equals(tokens[at + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
