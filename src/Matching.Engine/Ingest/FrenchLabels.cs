using Matching.Engine.Text;

namespace Matching.Engine.Ingest;

/// <summary>
/// Label normalisation for matching French labels across sources (ROME, France Travail, ESCO): ROME
/// writes "d''engins" and ESCO "d’engins", offers mix accents and case. Folding is
/// <see cref="TextNormalizer"/>'s; the stop words and stemming are tuned here on ROME competence labels.
/// </summary>
internal static class FrenchLabels
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les",
        "ou", "par", "pour", "s", "sa", "ses", "son", "sur", "un", "une", "leur", "leurs", "etc",
    };

    /// <summary>Lower case, no accents, letters and digits separated by single spaces ("c#" and "c++" kept whole).</summary>
    public static string Normalize(string label) => TextNormalizer.Normalize(label);

    /// <summary>
    /// The item whose label shares the most content words with <paramref name="normalized"/> (Dice coefficient of their
    /// <see cref="Tokens"/>), when that reaches <paramref name="threshold"/>; the first of equals; else null.
    /// </summary>
    public static T? BestByWords<T>(string normalized, IEnumerable<T> items, Func<T, string> label, double threshold) where T : class
    {
        var tokens = Tokens(normalized);
        T? best = null;
        var bestScore = 0.0;
        foreach (var item in items)
        {
            var itemTokens = Tokens(Normalize(label(item)));
            var shared = tokens.Count(itemTokens.Contains);
            var score = tokens.Length + itemTokens.Length == 0 ? 0 : 2.0 * shared / (tokens.Length + itemTokens.Length);
            if (score > bestScore)
            {
                (best, bestScore) = (item, score);
            }
        }
        return bestScore >= threshold ? best : null;
    }

    /// <summary>
    /// Content words of a normalised label, crudely stemmed (plural and feminine endings dropped) so
    /// that "soignante" meets "soignant" and "langages" meets "langage".
    /// </summary>
    public static string[] Tokens(string normalized)
    {
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (s_stopWords.Contains(word))
            {
                continue;
            }
            var token = Stem(word);
            if (!tokens.Contains(token))
            {
                tokens.Add(token);
            }
        }
        return [.. tokens];
    }

    public static bool IsStopWord(string word) => s_stopWords.Contains(word);

    /// <summary>The crude stem of one normalised word: plural and feminine endings dropped.</summary>
    public static string Stem(string word)
    {
        var token = word;
        if (token.Length > 3 && token[^1] is 's' or 'x')
        {
            token = token[..^1];
        }
        if (token.Length > 3 && token[^1] == 'e')
        {
            token = token[..^1];
        }
        return token;
    }
}
