using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>
/// Reads the skills a real France Travail offer asks for, from what the recruiter wrote: its competences
/// by code, its title and description, and its structured fields. Built once per taxonomy.
/// <list type="bullet">
/// <item>Codes: <c>competences[].code</c> is a ROME 4.0 competence or savoir (code_ogr): that skill.</item>
/// <item>Text: phrases of the title and description that are skill labels: ESCO French labels and ROME
/// 4.0 labels of two words or more, and names standing alone (programming languages, software, tools:
/// ESCO's digital collection and ROME's software and language savoirs; languages). A one-word name must
/// be rare in French labels, so "chef" or "base" never read as a tool. The longest phrase wins.</item>
/// <item>Fields: <c>langues</c>, <c>permis</c> (its category letter), <c>formations</c> (the training
/// domain) and <c>qualitesProfessionnelles</c>, when their label is a skill's label.</item>
/// </list>
/// Where ESCO and ROME 4.0 both have the label, the ESCO skill is taken: seekers speak ESCO, and the
/// alignment reaches the ROME item anyway.
/// </summary>
internal sealed partial class OfferSkillReader
{
    /// <summary>Share of a label's weighted words a sentence must hold to say the same thing in other words.</summary>
    public const double ParaphraseCoverage = 0.6;

    /// <summary>At most this many skills are read from one offer's text.</summary>
    public const int MaxTextSkills = 30;

    private const int MaxPhraseTokens = 8;

    // A one-word name written in lower case in more French labels than this is an ordinary word ("chef", "base").
    private const int MaxNameFrequency = 12;

    private static readonly ConditionalWeakTable<SkillsTaxonomy, OfferSkillReader> s_instances = [];

    private static readonly string[] s_vendors = ["microsoft ", "apache ", "adobe ", "oracle ", "ibm ", "google ", "amazon "];

    // Product names that are everyday French once the vendor is dropped: "un entretien en visio".
    private static readonly HashSet<string> s_frenchWords = new(["visio", "project", "office"], StringComparer.Ordinal);

    private readonly SkillsTaxonomy _taxonomy;
    private readonly FrozenDictionary<string, int> _phrases;
    private readonly FrozenSet<int> _names;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly double _maxIdf;
    private readonly FrozenDictionary<string, int> _escoLabels;
    private readonly FrozenDictionary<string, int> _romeLabels;

    private OfferSkillReader(SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        var escoLabels = new Dictionary<string, int>(StringComparer.Ordinal);
        var romeLabels = new Dictionary<string, int>(StringComparer.Ordinal);
        // Phrase (stemmed content words joined by a space) → (skill, rank): lower rank wins a shared phrase.
        var phrases = new Dictionary<string, (int Skill, int Rank)>(StringComparer.Ordinal);
        var names = new HashSet<int>();
        var frenchFrequency = new Dictionary<string, int>(StringComparer.Ordinal);

        // How often a word is written in lower case in French labels: "chef" is an ordinary word, "SQL" and "Python" are names.
        void Count(string label)
        {
            foreach (var token in Words().Matches(label).Where(m => m.Value == m.Value.ToLowerInvariant()).SelectMany(m => Tokens(m.Value)).Distinct())
            {
                frenchFrequency[token] = frenchFrequency.GetValueOrDefault(token) + 1;
            }
        }

        for (var s = 0; s < taxonomy.EscoSkillCount; s++)
        {
            var skill = taxonomy.Skills[s];
            if (skill.LabelFr is { } preferred)
            {
                escoLabels.TryAdd(FrenchLabels.Normalize(preferred), s);
                Count(preferred);
            }
            foreach (var alt in skill.AltLabelsFr)
            {
                Count(alt);
            }
        }
        foreach (var item in taxonomy.Rome4.Items)
        {
            romeLabels.TryAdd(FrenchLabels.Normalize(item.Label), item.SkillId);
            Count(item.Label);
        }

        void AddPhrase(string label, int skill, int rank, bool name)
        {
            var tokens = Tokens(label);
            if (tokens.Length == 0 || tokens.Length > MaxPhraseTokens)
            {
                return;
            }
            if (tokens.Length == 1)
            {
                // One word stands for a skill only as a name: rare in French labels, and not a bare letter.
                if (!name || tokens[0].Length < 2 || (tokens[0].Length < 3 && !tokens[0].Contains('#', StringComparison.Ordinal) && !tokens[0].Contains('+', StringComparison.Ordinal))
                    || frenchFrequency.GetValueOrDefault(tokens[0]) > MaxNameFrequency)
                {
                    return;
                }
            }
            var key = string.Join(' ', tokens);
            if (!phrases.TryGetValue(key, out var current) || rank < current.Rank || (rank == current.Rank && skill < current.Skill))
            {
                phrases[key] = (skill, rank);
            }
            if (name)
            {
                names.Add(skill);
            }
        }

        for (var s = 0; s < taxonomy.EscoSkillCount; s++)
        {
            var skill = taxonomy.Skills[s];
            var named = (skill.Collections & (SkillCollections.Digital | SkillCollections.Language)) != 0;
            if (skill.LabelFr is { } preferred)
            {
                AddPhrase(preferred, s, 0, named);
            }
            foreach (var alt in skill.AltLabelsFr)
            {
                AddPhrase(alt, s, 1, named);
            }
            if ((skill.Collections & SkillCollections.Digital) != 0)
            {
                // Tools are named the same in English: "Python (computer programming)", "Apache Spark" (also "Spark").
                var english = FrenchLabels.Normalize(Brackets().Replace(skill.LabelEn, " "));
                AddPhrase(english, s, 0, name: true);
                if (!s_frenchWords.Contains(WithoutVendor(english)))
                {
                    AddPhrase(WithoutVendor(english), s, 1, name: true);
                }
            }
        }
        foreach (var item in taxonomy.Rome4.Items)
        {
            var technology = item.SubCategory is "Langages informatiques" or "Logiciels, progiciels";
            AddPhrase(item.Label, item.SkillId, item.Kind == Rome4ItemKind.Savoir ? 2 : 3, name: item.SubCategory == "Langues");
            if (technology && SkillAligner.TechnologyName(item.Label) is { } name && !s_frenchWords.Contains(name))
            {
                AddPhrase(name, item.SkillId, 2, name: true);
            }
        }

        _phrases = phrases.ToFrozenDictionary(p => p.Key, p => p.Value.Skill, StringComparer.Ordinal);
        _names = names.ToFrozenSet();
        // Word weights over French labels: "client" says less than "encaissement".
        var labelCount = Math.Max(1, frenchFrequency.Count == 0 ? 1 : taxonomy.Rome4.Items.Count + taxonomy.EscoSkillCount);
        _idf = frenchFrequency.ToFrozenDictionary(p => p.Key, p => Math.Log(1 + ((double)labelCount / p.Value)), StringComparer.Ordinal);
        _maxIdf = Math.Log(1 + labelCount);
        _escoLabels = escoLabels.ToFrozenDictionary(StringComparer.Ordinal);
        _romeLabels = romeLabels.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static OfferSkillReader For(SkillsTaxonomy taxonomy) => s_instances.GetValue(taxonomy, t => new OfferSkillReader(t));

    /// <summary>The ROME 4.0 skill of a competence code (code_ogr); null when ROME 4.0 does not know it.</summary>
    public Skill? ByCode(string? code) =>
        int.TryParse(code?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ogr) ? _taxonomy.Rome4Skill(ogr) : null;

    /// <summary>The skill whose label this is, once normalised: an ESCO preferred label, else a ROME 4.0 label (the reverse when <paramref name="romeFirst"/>).</summary>
    public Skill? ByLabel(string? label, bool romeFirst = false)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var key = FrenchLabels.Normalize(label);
        var (first, second) = romeFirst ? (_romeLabels, _escoLabels) : (_escoLabels, _romeLabels);
        return first.TryGetValue(key, out var id) || second.TryGetValue(key, out id) ? _taxonomy.Skills[id] : null;
    }

    /// <summary>The driving licence of a <c>permis</c> label ("B - Véhicule léger", "EC - Poids lourd + remorque"): ROME's "Permis de conduire catégorie X".</summary>
    public Skill? DrivingLicence(string? label)
    {
        if (string.IsNullOrWhiteSpace(label) || LicenceCategory().Match(label) is not { Success: true } match)
        {
            return null;
        }
        var category = match.Groups[1].Value.ToUpperInvariant();
        // France Travail writes "EC" for the category ROME calls "CE".
        category = category == "EC" ? "CE" : category;
        return _romeLabels.TryGetValue(FrenchLabels.Normalize("Permis de conduire catégorie " + category), out var id) ? _taxonomy.Skills[id]
            : _romeLabels.TryGetValue(FrenchLabels.Normalize("Permis de conduire " + category), out id) ? _taxonomy.Skills[id]
            : null;
    }

    /// <summary>
    /// Skills named in a text, in order of first appearance, each once: the longest known phrase at each
    /// place. A skill is optional when its sentence says it is a plus ("apprécié", "souhaité", "un plus"…).
    /// A short phrase (two words) counts only when <paramref name="relevant"/> accepts its skill: offers
    /// also describe the employer ("garde d'enfants" among the perks is no skill asked).
    /// </summary>
    public IEnumerable<(Skill Skill, SkillImportance Importance)> InText(string? text, Func<Skill, bool>? relevant = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        var seen = new HashSet<int>();
        foreach (var sentence in Sentences().Split(text))
        {
            var tokens = Tokens(sentence);
            if (tokens.Length == 0)
            {
                continue;
            }
            var importance = Optional().IsMatch(FrenchLabels.Normalize(sentence)) ? SkillImportance.Optional : SkillImportance.Essential;
            for (var i = 0; i < tokens.Length;)
            {
                var matched = 0;
                for (var length = Math.Min(MaxPhraseTokens, tokens.Length - i); length > 0; length--)
                {
                    if (_phrases.TryGetValue(string.Join(' ', tokens, i, length), out var id))
                    {
                        matched = length;
                        if (length == 2 && relevant is not null && !_names.Contains(id) && !relevant(_taxonomy.Skills[id]))
                        {
                            break;
                        }
                        if (seen.Add(id))
                        {
                            yield return (_taxonomy.Skills[id], importance);
                            if (seen.Count >= MaxTextSkills)
                            {
                                yield break;
                            }
                        }
                        break;
                    }
                }
                i += Math.Max(1, matched);
            }
        }
    }

    /// <summary>
    /// Skills of <paramref name="candidates"/> (the occupation's) that a sentence of the text says in other
    /// words: the sentence holds at least <see cref="ParaphraseCoverage"/> of the label's weighted content
    /// words, two of them at least ("Accueillir les visiteurs, clients, fournisseurs" says "Accueillir, orienter,
    /// renseigner un public"? no: "public" is missing; "accueillir la clientèle et l'orienter" says it).
    /// </summary>
    public IEnumerable<(Skill Skill, SkillImportance Importance)> Paraphrased(string? text, IEnumerable<Skill> candidates)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        var sentences = Sentences().Split(text)
            .Select(sentence => (Tokens: Tokens(sentence).ToHashSet(StringComparer.Ordinal), Optional: Optional().IsMatch(FrenchLabels.Normalize(sentence))))
            .Where(sentence => sentence.Tokens.Count > 0)
            .ToList();
        foreach (var skill in candidates)
        {
            var label = Tokens(skill.LabelFr ?? skill.LabelEn).Distinct(StringComparer.Ordinal).ToArray();
            if (label.Length < 2)
            {
                continue;
            }
            var total = label.Sum(Weight);
            foreach (var (tokens, optional) in sentences)
            {
                var shared = label.Where(tokens.Contains).ToArray();
                if (shared.Length >= 2 && shared.Sum(Weight) >= ParaphraseCoverage * total)
                {
                    yield return (skill, optional ? SkillImportance.Optional : SkillImportance.Essential);
                    break;
                }
            }
        }
    }

    private double Weight(string token) => _idf.TryGetValue(token, out var idf) ? idf : _maxIdf;

    /// <summary>Content words, stop words dropped and crudely stemmed, in order (repeats kept: a text is read, not a label).</summary>
    private static string[] Tokens(string text)
    {
        var words = FrenchLabels.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (!FrenchLabels.IsStopWord(word))
            {
                tokens.Add(FrenchLabels.Stem(word));
            }
        }
        return [.. tokens];
    }

    private static string WithoutVendor(string name)
    {
        foreach (var vendor in s_vendors)
        {
            if (name.StartsWith(vendor, StringComparison.Ordinal) && name.Length > vendor.Length)
            {
                return name[vendor.Length..];
            }
        }
        return name;
    }

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[\p{L}\p{N}#+]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    // Sentences and list items: a skill's importance is read in its own sentence.
    [GeneratedRegex(@"[.!?;:\n•]+\s|\n", RegexOptions.CultureInvariant)]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\b(apprecie|apprecies|appreciee|appreciees|souhaite|souhaitee|souhaites|souhaitees|un plus|serait un atout|est un atout|idealement|bonus|souhaitable)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Optional();

    [GeneratedRegex(@"^\s*([A-Za-z]{1,2}\d?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LicenceCategory();
}
