namespace Matching.Engine.Text;

/// <summary>Language knowledge the label search needs: stop words, light stemming, a few abbreviations.</summary>
internal static class TokenRules
{
    // IDF alone does not discount "de" enough in a small index (a few hundred communes, a test fixture),
    // so the function words of French and English are damped explicitly.
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une", "dans", "avec",
        "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
        "s", // the English possessive: "ship's engineer" tokenizes to "ship s engineer"
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_stopLookup = s_stopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Abbreviations people type for words the data spells out: "st etienne" for Saint-Étienne,
    // "chauffeur PL" for "chauffeur de poids lourd" (one token stands for one token, so PL means "poids").
    private static readonly Dictionary<string, string> s_abbreviations = new(StringComparer.Ordinal)
    {
        ["st"] = "saint",
        ["ste"] = "sainte",
        ["pl"] = "poids",
    };

    public static bool IsStopWord(ReadOnlySpan<char> token) => s_stopLookup.Contains(token);

    public static string? Expansion(string token) => s_abbreviations.GetValueOrDefault(token);

    /// <summary>
    /// A light French/English stem that makes plural and feminine forms meet:
    /// soudeuses → soudeur, boulangère → boulanger, conductrice → conducteur, techniciennes → technicien, sportive → sportif.
    /// Applied to both the vocabulary and the query, so it only has to be consistent, not linguistically right.
    /// </summary>
    public static string Stem(string token)
    {
        if (token.Length <= 3 || !IsAsciiLetters(token))
        {
            return token;
        }

        var span = token.AsSpan();
        if ((span[^1] is 's' && span[^2] is not 's') || span[^1] is 'x')
        {
            span = span[..^1];
        }

        string? replaced = null;
        if (span.EndsWith("euse"))
        {
            replaced = string.Concat(span[..^4], "eur");
        }
        else if (span.EndsWith("trice"))
        {
            replaced = string.Concat(span[..^5], "teur");
        }
        else if (span.EndsWith("ienne"))
        {
            replaced = string.Concat(span[..^5], "ien");
        }
        else if (span.EndsWith("ere"))
        {
            replaced = string.Concat(span[..^3], "er");
        }
        else if (span.EndsWith("ive"))
        {
            replaced = string.Concat(span[..^3], "if");
        }

        if (replaced is not null)
        {
            return replaced;
        }

        if (span.Length > 3 && span[^1] == 'e')
        {
            span = span[..^1];
        }

        return span.Length == token.Length ? token : span.ToString();
    }

    private static bool IsAsciiLetters(string token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
