using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Matching.Engine.Seekers;

/// <summary>
/// Everyday French words for a job that no ROME 4.0 title says and ESCO reads as another job ("nounou" is an alternative
/// label of ESCO's puériculteur, a nursing speciality, J1507), with the France Travail titles (ROME 4.0 v460 <c>code_ogr</c>)
/// they mean. Source: the familiar senses French dictionaries give these words (Larousse, Le Robert: "nounou", familier,
/// nourrice; "toubib", familier, médecin; "flic", familier, policier; "cuistot", familier, cuisinier; "mécano", familier,
/// mécanicien) and, for "femme / homme de ménage", the everyday name of France Travail's "Employé / Employée de ménage".
/// Written by hand and kept small: a word enters when a seeker's words are shown misread, never to fit a test case.
/// </summary>
internal static class EverydayJobWords
{
    private static readonly (string Words, int[] Titles)[] s_words =
    [
        ("nounou", [16999, 11304, 15196]),      // Nourrice (K1310), Assistant maternel / Assistante maternelle (K1310), Garde d'enfant à domicile (K1303)
        ("toubib", [16582]),                    // Médecin généraliste (J1102)
        ("flic", [15219, 17864]),               // Gardien / Gardienne de la paix (K1708), Policier municipal / Policière municipale (K1707)
        ("cuistot", [13861]),                   // Cuisinier / Cuisinière (G1609)
        ("mécano", [16446]),                    // Mécanicien / Mécanicienne automobile (I1604)
        ("femme de ménage", [14774, 10857]),    // Employé / Employée de ménage (K1304), Aide ménager / Aide ménagère à domicile (K1304)
        ("homme de ménage", [14774, 10857]),
    ];

    private static readonly Dictionary<string, int[]> s_byWords =
        s_words.ToDictionary(w => string.Join(' ', TextNormalizer.Tokenize(w.Words)), w => w.Titles, StringComparer.Ordinal);

    /// <summary>Every word of the list with its titles, for the test that checks each title exists.</summary>
    public static IReadOnlyList<(string Words, int[] Titles)> All => s_words;

    /// <summary>The ROME 4.0 titles the typed words mean, in the list's order; empty when they are no word of the list.</summary>
    public static IReadOnlyList<Rome4Appellation> Titles(SkillsTaxonomy taxonomy, string typed) =>
        s_byWords.TryGetValue(string.Join(' ', TextNormalizer.Tokenize(typed)), out var codes)
            ? [.. codes.Select(taxonomy.Rome4.Appellation).OfType<Rome4Appellation>()]
            : [];
}
