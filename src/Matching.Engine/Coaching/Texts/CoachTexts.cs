using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace Matching.Engine.Coaching.Texts;

/// <summary>The coaching texts: CoachTexts.resx (French, the neutral language) and CoachTexts.en.resx.</summary>
public static partial class CoachTexts
{
    private static readonly ResourceManager s_resources = new("Matching.Engine.Coaching.Texts.CoachTexts", typeof(CoachTexts).Assembly);

    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// The culture to render in for an HTTP <c>Accept-Language</c> header: the first language the seeker
    /// accepts (by quality) that Coach speaks, French when none or no header. Region and numbers follow the
    /// header ("en-GB" keeps British formatting).
    /// </summary>
    public static CultureInfo CultureFor(string? acceptLanguage)
    {
        var ranked = (acceptLanguage ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, order) =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var quality = pieces.Skip(1)
                    .Select(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && double.TryParse(p.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : (double?)null)
                    .FirstOrDefault(q => q is not null) ?? 1.0;
                return (tag: pieces[0], quality, order);
            })
            .Where(l => l.quality > 0)
            .OrderByDescending(l => l.quality)
            .ThenBy(l => l.order);
        foreach (var (tag, _, _) in ranked)
        {
            var language = tag.Split('-')[0].ToLowerInvariant();
            if (language is "fr" or "en")
            {
                try
                {
                    return CultureInfo.GetCultureInfo(tag);
                }
                catch (CultureNotFoundException)
                {
                    return language == "en" ? English : French;
                }
            }
        }
        return French;
    }

    /// <summary>Every key of the neutral (French) resources, sorted.</summary>
    public static IReadOnlyList<string> Keys { get; } = ReadKeys();

    private static readonly HashSet<string> s_keys = new(Keys, StringComparer.Ordinal);

    /// <summary>Whether the neutral (French) resources hold <paramref name="key"/>.</summary>
    public static bool Has(string key) => s_keys.Contains(key);

    /// <summary>Suffix of a text's wording for a seeker who has not chosen a job yet ("Listez 15 personnes … liées à ce métier" named none).</summary>
    public const string NoTargetSuffix = ".no-target";

    /// <summary><paramref name="text"/> in its <see cref="NoTargetSuffix"/> wording when it has one, else as it is.</summary>
    public static TextRef WithoutTarget(TextRef text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Has(text.Key + NoTargetSuffix) ? text with { Key = text.Key + NoTargetSuffix } : text;
    }

    /// <summary>The raw template of <paramref name="key"/> in exactly <paramref name="culture"/>'s resources
    /// (French for the neutral culture), without fallback: null when that file lacks the key.</summary>
    public static string? Template(string key, CultureInfo culture)
    {
        var set = IsNeutral(culture)
            ? s_resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            : s_resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set?.GetString(key);
    }

    /// <summary>Renders <paramref name="key"/> in <paramref name="culture"/> (falling back to French),
    /// formatting the arguments (numbers, dates) in that culture.</summary>
    /// <exception cref="KeyNotFoundException">The key exists in no resource file: a bug, not user input.</exception>
    public static string Get(string key, CultureInfo culture, params object[] args)
    {
        var template = s_resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Coaching text '{key}' is missing from CoachTexts.resx.");
        if (args.Length == 0)
        {
            return template;
        }
        var rendered = Array.ConvertAll(args, a => Render(a, culture));
        return string.Format(culture, template, rendered);
    }

    public static string Get(TextRef text, CultureInfo culture) => Get(text.Key, culture, [.. text.Args]);

    /// <summary>The placeholder indexes ({0}, {1:0.#}, ...) a template uses.</summary>
    public static IReadOnlySet<int> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    private static object Render(object arg, CultureInfo culture) => arg switch
    {
        TextRef nested => Get(nested, culture),
        CountRef count => Get(PluralKey(count, culture), culture, count.Value),
        IEnumerable<TextRef> list => string.Join(", ", list.Select(t => Get(t, culture))),
        string s => s,
        IEnumerable<string> list => string.Join(", ", list),
        _ => arg,
    };

    /// <summary>The key of a count's form: zero when the file has one, else one or other by the language's rule.</summary>
    internal static string PluralKey(CountRef count, CultureInfo culture)
    {
        var key = $"count.{count.Noun}";
        if (count.Value == 0 && s_keySet.Value.Contains($"{key}.zero"))
        {
            return $"{key}.zero";
        }
        var singular = culture.TwoLetterISOLanguageName == "en" ? count.Value == 1 : Math.Abs(count.Value) < 2;
        return singular ? $"{key}.one" : $"{key}.other";
    }

    private static readonly Lazy<HashSet<string>> s_keySet = new(() => [.. Keys]);

    private static bool IsNeutral(CultureInfo culture) =>
        culture.Equals(CultureInfo.InvariantCulture) || culture.TwoLetterISOLanguageName == "fr";

    private static string[] ReadKeys()
    {
        var set = s_resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("CoachTexts.resx is not embedded in Matching.Engine.");
        var keys = new List<string>();
        foreach (DictionaryEntry entry in set)
        {
            keys.Add((string)entry.Key);
        }
        keys.Sort(StringComparer.Ordinal);
        return [.. keys];
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
