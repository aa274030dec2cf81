using System.Text;
using Matching.Engine.Text;

namespace Matching.Engine.Geography;

/// <summary>
/// An employment area's name as people write it. The bassin file spells them in capitals without accents or hyphens, some
/// cut short ("VERSANT N-EST ROUB.TOURC.", "FONTENAY LE CTE", "ST GIRONS"), and has no fuller label.
/// </summary>
/// <remarks>
/// Rules, general to every area (no area is named in the code):
/// <list type="bullet">
/// <item>Words that spell one of the area's own communes, longest first, take the commune's official spelling: "CHALON SUR
/// SAONE" is "Chalon-sur-Saône", "ALES LA GRAND COMBE" is "Alès La Grand-Combe". A word cut short may stand for a commune's
/// word (its letters in order, the same first letter: "CTE" for "Comte", "ST" for "Saint") when another word of the
/// commune is whole: "FONTENAY LE CTE" is "Fontenay-le-Comte".</item>
/// <item>A word cut at a dot is the most populated commune of the area it begins: "ROUB.TOURC." is "Roubaix-Tourcoing".</item>
/// <item>Otherwise: "ST"/"STE" are "Saint"/"Sainte", a compass letter before "-EST" or "-OUEST" is spelled ("N-EST" is
/// "Nord-Est"), "D"/"L" before a word are "d'"/"l'", particles are in lower case, other words capitalised.</item>
/// <item>A name already in mixed case ("Marne la Vallée", "T1 Paris") was written by a person: kept.</item>
/// </list>
/// </remarks>
internal static class AreaNames
{
    private const int LongestCommuneName = 8;

    private static readonly HashSet<string> s_particles = new(StringComparer.Ordinal) { "de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "aux", "au" };

    private static readonly Dictionary<string, string> s_compass = new(StringComparer.Ordinal) { ["N"] = "Nord", ["S"] = "Sud", ["E"] = "Est", ["O"] = "Ouest" };

    public static string Readable(string source, IReadOnlyCollection<Commune> communes)
    {
        var text = string.Join(' ', source.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text != text.ToUpperInvariant())
        {
            return text;
        }
        var words = Words(text);
        var names = communes
            .SelectMany(c => new[] { c.NameWithArticle, c.Name }.Distinct(StringComparer.Ordinal).Select(name => (Name: name, Folded: Fold(name), c.Population)))
            .Where(n => n.Folded.Length > 0)
            .ToList();
        var output = new StringBuilder(text.Length + 16);
        for (var i = 0; i < words.Count;)
        {
            var (length, spelled) = Commune(words, i, names);
            output.Append(i == 0 ? "" : words[i].Before);
            if (length > 0)
            {
                output.Append(spelled);
                i += length;
                continue;
            }
            var word = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : default;
            if (word.Text is "D" or "L" && i > 0 && next.Text is not null && next.Before is " " or "'")
            {
                output.Append(char.ToLowerInvariant(word.Text[0])).Append('\'');
                words[i + 1] = next with { Before = "" };
            }
            else if (s_compass.TryGetValue(word.Text, out var point) && next.Before == "-" && next.Text is "EST" or "OUEST")
            {
                output.Append(point);
            }
            else
            {
                output.Append(word.Text switch
                {
                    "ST" => "Saint",
                    "STE" => "Sainte",
                    _ when i > 0 && s_particles.Contains(word.Text.ToLowerInvariant()) => word.Text.ToLowerInvariant(),
                    _ => char.ToUpperInvariant(word.Text[0]) + word.Text[1..].ToLowerInvariant(),
                });
            }
            i++;
        }
        return output.ToString();
    }

    /// <summary>The longest run of words from <paramref name="start"/> that spells a commune, and the commune's spelling.</summary>
    private static (int Length, string? Spelled) Commune(List<Word> words, int start, List<(string Name, string[] Folded, int Population)> names)
    {
        for (var length = Math.Min(LongestCommuneName, words.Count - start); length >= 1; length--)
        {
            var span = words.GetRange(start, length);
            if (span.SkipLast(1).Any(w => w.Dotted))
            {
                // "ROUB.TOURC." is two communes, each its own word.
                continue;
            }
            var folded = span.Select(w => TextNormalizer.Normalize(w.Text)).ToArray();
            var dotted = length == 1 && span[0].Dotted;
            var best = names
                .Where(n => dotted
                    ? n.Folded[0].StartsWith(folded[0], StringComparison.Ordinal) && n.Folded[0].Length > folded[0].Length
                    : Spells(folded, n.Folded))
                .OrderByDescending(n => n.Population)
                .Select(n => n.Name)
                .FirstOrDefault();
            if (best is not null)
            {
                return (length, best);
            }
        }
        return (0, null);
    }

    /// <summary>Every word the same, or cut short of the commune's word when at least one other word is whole.</summary>
    private static bool Spells(string[] words, string[] commune)
    {
        if (words.Length != commune.Length)
        {
            return false;
        }
        var whole = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == commune[i])
            {
                whole++;
            }
            else if (!CutShort(words[i], commune[i]))
            {
                return false;
            }
        }
        return whole > 0;
    }

    /// <summary>"cte" for "comte", "st" for "saint": shorter, the same first letter, the others in order.</summary>
    private static bool CutShort(string word, string full)
    {
        if (word.Length < 2 || word.Length >= full.Length || word[0] != full[0])
        {
            return false;
        }
        var at = 1;
        for (var i = 1; i < word.Length; i++)
        {
            at = full.IndexOf(word[i], at);
            if (at < 0)
            {
                return false;
            }
            at++;
        }
        return true;
    }

    private static string[] Fold(string name) => TextNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words of a name with what comes before each (a space, a hyphen, an apostrophe, or a dot ending the word before).</summary>
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var before = "";
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start >= 0)
            {
                words.Add(new Word(text[start..i], before, c == '.'));
                start = -1;
                before = "";
            }
            // A dot glues two cut words ("ROUB.TOURC."): written as a hyphen.
            before = c switch
            {
                '.' => "-",
                ' ' => before is "" || (i > 0 && text[i - 1] == '.') ? " " : before,
                '/' => " / ",
                _ => c.ToString(),
            };
        }
        return words;
    }

    private readonly record struct Word(string Text, string Before, bool Dotted);
}
