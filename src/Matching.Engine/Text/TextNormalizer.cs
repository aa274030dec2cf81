using System.Buffers;
using System.Globalization;
using System.Text;

namespace Matching.Engine.Text;

/// <summary>
/// Folds labels and queries to one comparable form: no accents, no case, no punctuation,
/// French ligatures spelled out, and programming-language names such as "C#" and "C++" kept whole.
/// </summary>
public static class TextNormalizer
{
    // Folded form of every char up to the end of Latin Extended-B, computed once: "" means separator.
    // French and the other EU languages in ESCO live in this range, so the hot path never calls string.Normalize.
    private const int TableSize = 0x250;
    private static readonly string[] s_fold = BuildFoldTable();

    /// <summary>The normalized form: "Aide-Soignant(e) Œnologue C#" becomes "aide soignant e oenologue c#".</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return "";
        }

        char[]? rented = null;
        var buffer = text.Length <= 256 ? stackalloc char[MaxNormalizedLength(256)] : (rented = ArrayPool<char>.Shared.Rent(MaxNormalizedLength(text.Length)));
        try
        {
            var length = NormalizeInto(text, buffer);
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The normalized tokens of <paramref name="text"/>, in order.</summary>
    public static string[] Tokenize(string text)
    {
        var normalized = Normalize(text);
        return normalized.Length == 0 ? [] : normalized.Split(' ');
    }

    /// <summary>A destination of this length always holds the normalized form of a text of <paramref name="length"/> chars.</summary>
    internal static int MaxNormalizedLength(int length) => (length * 2) + 1;

    /// <summary>
    /// Writes the normalized form of <paramref name="source"/> into <paramref name="destination"/>
    /// (at least <see cref="MaxNormalizedLength"/> long) and returns its length. Tokens are separated by one space.
    /// </summary>
    internal static int NormalizeInto(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        var pendingSpace = false;
        // True while the last char written is a letter or a kept '#'/'+', which is what lets "c#" and "c++" stay whole.
        var afterLetter = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '#' or '+')
            {
                if (afterLetter && !pendingSpace && (i + 1 == source.Length || !IsWordChar(source[i + 1])))
                {
                    destination[written++] = c;
                    continue;
                }

                pendingSpace = written > 0;
                afterLetter = false;
                continue;
            }

            if (c < TableSize)
            {
                var folded = s_fold[c];
                if (folded.Length == 0)
                {
                    pendingSpace = written > 0;
                    afterLetter = false;
                    continue;
                }

                if (pendingSpace)
                {
                    destination[written++] = ' ';
                    pendingSpace = false;
                }

                foreach (var f in folded)
                {
                    destination[written++] = f;
                }

                afterLetter = char.IsLetter(folded[^1]);
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // A combining accent of decomposed input ("e\u0301"): dropping it is what NFD + strip does.
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = written > 0;
                afterLetter = false;
                continue;
            }

            if (pendingSpace)
            {
                destination[written++] = ' ';
                pendingSpace = false;
            }

            destination[written++] = FoldRare(c);
            afterLetter = char.IsLetter(c);
        }

        return written;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && c is not '#' and not '+';

    // Outside the table: Vietnamese and other precomposed letters still lose their marks, the rest is lower-cased.
    private static char FoldRare(char c)
    {
        if (c is >= '\u1E00' and <= '\u1EFF')
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            return char.ToLowerInvariant(decomposed[0]);
        }

        return char.ToLowerInvariant(c);
    }

    private static string[] BuildFoldTable()
    {
        var table = new string[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            table[i] = c switch
            {
                'ß' => "ss",
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ø' or 'Ø' => "o",
                'đ' or 'Đ' => "d",
                'ł' or 'Ł' => "l",
                'ı' => "i",
                _ when c <= '\u007F' => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : "",
                _ when char.IsLetterOrDigit(c) => StripMarks(c),
                _ => "",
            };
        }

        return table;
    }

    private static string StripMarks(char c)
    {
        var builder = new StringBuilder(2);
        foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(d));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The masculine and feminine forms of a French job label as ROME and ESCO write them:
    /// "Abatteur / Abatteuse de carrière" gives "Abatteur de carrière" and "Abatteuse de carrière",
    /// "Accastilleur(se)-monteur(se) électronique de marine" gives "Accastilleur-monteur …" and "Accastilleuse-monteuse …".
    /// A label without such a pattern comes back alone.
    /// </summary>
    public static IReadOnlyList<string> GenderForms(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var trimmed = CollapseSpaces(label);
        var forms = new List<string>(2);
        foreach (var part in SplitSlashes(trimmed))
        {
            ExpandSuffixes(part, forms);
        }

        if (forms.Count == 0)
        {
            forms.Add(trimmed);
        }

        return forms;
    }

    private static List<string> SplitSlashes(string label)
    {
        // " / " separates gender alternatives in ROME; a bare '/' may also be "production/transformation",
        // so the spaced form wins when present and a bare '/' is used only when it is the only one.
        var spaced = label.Split(" / ", StringSplitOptions.TrimEntries);
        if (spaced.Length == 2)
        {
            return PairForms(spaced[0], spaced[1], label);
        }

        if (spaced.Length > 2)
        {
            // "Agent / Agente d'administration principal / principale des douanes": every " / " swaps the
            // last word before it with the first word after it.
            var words = spaced.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            var masculine = new List<string>(words[0]);
            var feminine = new List<string>();
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0)
                {
                    masculine.AddRange(words[i].Skip(1));
                }

                feminine.AddRange(i < words.Length - 1 ? words[i].Take(words[i].Length - 1) : words[i]);
            }

            return [string.Join(' ', masculine), string.Join(' ', feminine)];
        }

        var bare = label.Split('/', StringSplitOptions.TrimEntries);
        return bare.Length == 2 ? PairForms(bare[0], bare[1], label) : [label];
    }

    private static List<string> PairForms(string left, string right, string label)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            return [label];
        }

        var leftWords = left.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rightWords = right.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (leftWords.Length > rightWords.Length)
        {
            // "agent import/export": a longer left side is not a gender pair.
            return [label];
        }

        // "Abatteur / Abatteuse de carrière": the tail of the right side belongs to both forms.
        var masculine = leftWords.Length == rightWords.Length
            ? left
            : left + " " + string.Join(' ', rightWords.Skip(leftWords.Length));
        return [masculine, right];
    }

    // "Accueillant(e) familial(e)" → "Accueillant familial" and "Accueillante familiale".
    private static void ExpandSuffixes(string part, List<string> forms)
    {
        var baseForm = new StringBuilder(part.Length);
        var feminine = new StringBuilder(part.Length + 8);
        var found = false;
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '(' && i > 0 && char.IsLetter(part[i - 1]))
            {
                var close = part.IndexOf(')', i + 1);
                if (close > i + 1 && close - i - 1 <= 5 && IsLetters(part.AsSpan(i + 1, close - i - 1)))
                {
                    ApplySuffix(feminine, part.AsSpan(i + 1, close - i - 1));
                    found = true;
                    i = close;
                    continue;
                }
            }

            baseForm.Append(c);
            feminine.Append(c);
        }

        AddDistinct(forms, found ? baseForm.ToString() : part);
        if (found)
        {
            AddDistinct(forms, feminine.ToString());
        }
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void ApplySuffix(StringBuilder word, ReadOnlySpan<char> suffix)
    {
        var lower = suffix.ToString().ToLowerInvariant();
        if (lower == "se" && EndsWith(word, "eur"))
        {
            word.Length--; // vendeur(se) → vendeuse
        }
        else if (lower == "ve" && EndsWith(word, "f"))
        {
            word.Length--; // sportif(ve) → sportive
        }
        else if (lower == "rice" && EndsWith(word, "teur"))
        {
            word.Length -= 3; // directeur(rice) → directrice
        }
        else if (lower.Length >= 3)
        {
            // The suffix restarts somewhere in the last letters: boulanger(ère), monteur(euse), animateur(trice), infirmier(ière).
            var first = Normalize(lower[..1]);
            var from = Math.Max(0, word.Length - 4);
            for (var k = from; k < word.Length; k++)
            {
                if (first.Length == 1 && word[k] < TableSize && s_fold[word[k]] == first)
                {
                    word.Length = k;
                    break;
                }
            }
        }

        word.Append(suffix);
    }

    private static bool EndsWith(StringBuilder word, string end)
    {
        if (word.Length < end.Length)
        {
            return false;
        }

        for (var i = 0; i < end.Length; i++)
        {
            if (char.ToLowerInvariant(word[word.Length - end.Length + i]) != end[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void AddDistinct(List<string> forms, string form)
    {
        var clean = CollapseSpaces(form);
        if (clean.Length > 0 && !forms.Contains(clean, StringComparer.Ordinal))
        {
            forms.Add(clean);
        }
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
