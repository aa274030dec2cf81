using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Matching.Engine.Ingest;

/// <summary>
/// The ROME 4.0 sheet an offer's title names as a job, when it names one exactly and no other: the title's words, read
/// as seekers' titles are read (noise such as "(H/F)", "confirmé", "en CDI" aside, <see cref="TitleNoise"/>; each gender
/// form, and each part around a " / ") and without their function words ("de", "du", "et"...), are all the words of a
/// ROME 4.0 title (long or short label, either gender form), and every title they are is of one sheet. France Travail
/// files some offers under a sheet that is not the job their title says ("Assistant comptable confirmé" under M1211
/// "Expert-comptable", whose title "Collaborateur d'expertise comptable" the offer carries): when such an offer states too
/// few skills of its own, the job's usual items are the titled sheet's (docs/quality.md, "Usual skills from the job the
/// title names"). Built once per taxonomy, then thread-safe.
/// </summary>
internal sealed class OfferTitleJob
{
    /// <summary>Words that link a title's words and name nothing ("Gestionnaire de paie" is ROME's "Gestionnaire paie").</summary>
    private static readonly FrozenSet<string> s_functionWords = FrozenSet.ToFrozenSet(
        ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "un", "une", "sur", "dans"], StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<SkillsTaxonomy, OfferTitleJob> s_instances = [];

    private readonly SkillsTaxonomy _taxonomy;
    // A title's words, sorted and joined, to the sheets holding a title of exactly those words.
    private readonly FrozenDictionary<string, string[]> _sheetsByWords;

    private OfferTitleJob(SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        var sheets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var appellation in taxonomy.Rome4.Appellations)
        {
            foreach (var words in TitleWords(appellation))
            {
                var key = Key(words);
                if (key.Length > 0)
                {
                    (sheets.TryGetValue(key, out var set) ? set : sheets[key] = new SortedSet<string>(StringComparer.Ordinal)).Add(appellation.SheetCode);
                }
            }
        }
        _sheetsByWords = sheets.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static OfferTitleJob For(SkillsTaxonomy taxonomy) => s_instances.GetValue(taxonomy, t => new OfferTitleJob(t));

    /// <summary>
    /// The sheet <paramref name="title"/> names, when it is not <paramref name="filed"/>: null when the title names no sheet
    /// exactly, names several ("Chef de partie" is a cook's and a pastry cook's title), or names the filed sheet, in full or
    /// in part (every word of it in one of the filed sheet's titles: "Collaborateur comptable" is M1211's "Collaborateur
    /// d'expertise comptable").
    /// </summary>
    public Rome4Sheet? OtherSheetNamed(string? title, Rome4Sheet filed)
    {
        ArgumentNullException.ThrowIfNull(filed);
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }
        var forms = Forms(title).Select(f => Words(TitleNoise.Strip(f, "fr"))).Where(w => w.Count > 0).ToList();
        if (forms.Count == 0)
        {
            return null;
        }
        var filedTitles = filed.AppellationCodes.Select(_taxonomy.Rome4.Appellation).OfType<Rome4Appellation>().SelectMany(TitleWords).ToList();
        if (forms.Any(form => filedTitles.Any(form.IsSubsetOf)))
        {
            return null;
        }
        var named = forms.SelectMany(form => _sheetsByWords.GetValueOrDefault(Key(form)) ?? []).Distinct(StringComparer.Ordinal).ToList();
        return named is [var only] && only != filed.Code ? _taxonomy.Rome4.Sheet(only) : null;
    }

    /// <summary>The title's gender forms ("Assistant / Assistante comptable"), and the parts around a " / " that is not one ("Gestionnaire de paie / SILAE").</summary>
    private static IEnumerable<string> Forms(string title)
    {
        var forms = TextNormalizer.GenderForms(title);
        foreach (var form in forms)
        {
            yield return form;
        }
        if (forms.Count == 1 && title.Contains(" / ", StringComparison.Ordinal))
        {
            foreach (var part in title.Split(" / ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<HashSet<string>> TitleWords(Rome4Appellation appellation)
    {
        foreach (var label in appellation.ShortLabel.Length > 0 && appellation.ShortLabel != appellation.Label ? [appellation.Label, appellation.ShortLabel] : new[] { appellation.Label })
        {
            foreach (var form in TextNormalizer.GenderForms(label))
            {
                yield return Words(TextNormalizer.Normalize(form));
            }
        }
    }

    private static HashSet<string> Words(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !s_functionWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    private static string Key(IEnumerable<string> words) => string.Join(' ', words.Order(StringComparer.Ordinal));
}
