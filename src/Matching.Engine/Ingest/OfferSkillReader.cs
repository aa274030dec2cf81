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

    /// <summary>The same share, words compared by their roots: a root meets more words than a word does, so more is asked.</summary>
    public const double RootParaphraseCoverage = 0.8;

    /// <summary>At most this many skills are read from one offer's text.</summary>
    public const int MaxTextSkills = 30;

    private const int MaxPhraseTokens = 8;

    private const string CertificateCategory = "Certifications et habilitations";

    // The stem of "français".
    private const string FrenchLanguage = "francai";

    // A task label names at most this many content roots: longer ones are never said in full. One root is read on the offer's own sheet only.
    private const int MaxTaskRoots = 4;

    // An action that starts items on more than one sheet in this many is no task's name alone.
    private const int MaxNamedTaskSheetShare = 10;

    // One object of a task's several is read only this many content words after its verb at most.
    private const int MaxObjectGap = 4;

    // A one-word name written in lower case in more French labels than this is an ordinary word ("chef", "base").
    private const int MaxNameFrequency = 12;

    private static readonly ConditionalWeakTable<SkillsTaxonomy, OfferSkillReader> s_instances = [];

    // Endings of a verb, its noun and its doer, longest first: what is left is the root they share. Offers speak to the
    // candidate ("vous préparez les commandes", "vous assurerez l'accueil"): the verb said to "vous" has the same root.
    private static readonly string[] s_rootSuffixes =
    [
        "erez", "atrices", "atrice", "ateurs", "ateuse", "ateur", "ations", "ation", "ements", "ement", "aisons", "aison", "euses", "euse",
        "eurs", "eur", "ieres", "iere", "iers", "ier", "ages", "age", "ees", "ee", "es", "ez", "er", "ir", "re", "e", "s",
    ];

    // Verbs made of a noun in -ion that do what the noun says: "la réception des commandes" is "Réceptionner des commandes".
    // Not "conditionner" (packing is no "conditions") nor "fonctionner" (a machine's working is no "fonction").
    private static readonly HashSet<string> s_ionVerbs = new(["receptionn", "confectionn", "selectionn"], StringComparer.Ordinal);

    // Verbs of labels that use or know something rather than do a task.
    private static readonly HashSet<string> s_toolFrames = new(["utiliser", "maitriser", "connaitre", "appliquer", "employer", "pratiquer", "manipuler"], StringComparer.Ordinal);

    private static readonly string[] s_vendors = ["microsoft ", "apache ", "adobe ", "oracle ", "ibm ", "google ", "amazon "];

    // Product names that are everyday French once the vendor is dropped: "un entretien en visio".
    private static readonly HashSet<string> s_frenchWords = new(["visio", "project", "office"], StringComparer.Ordinal);

    private readonly SkillsTaxonomy _taxonomy;
    private readonly FrozenDictionary<string, int> _phrases;
    private readonly FrozenSet<int> _names;

    // One-word names of tools as written, by their stem (not languages: "langue anglaise" says "anglais"): a text word is the name only when written so
    // ("perles" stems to "perl", Perl's stem; a brasserie looking for "ses perles de demain" asks no Perl).
    private readonly FrozenDictionary<string, FrozenSet<string>> _nameForms;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly double _maxIdf;
    private readonly FrozenDictionary<string, double> _rootIdf;

    // ROME 4.0 savoir-faire of two to four content roots ("Emballer des produits", "Rédiger un rapport de contrôle"), and by their rarest root.
    // Near: one object of a task's several, said just after the verb (Alternatives).
    private readonly (Rome4Item Item, string[] Roots, bool Near)[] _tasks;
    private readonly FrozenDictionary<string, int[]> _tasksByRoot;

    // ROME 4.0 savoir-faire by the root of their action, frames aside: "Repasser du textile" under "repass", "Réaliser le terrassement" under
    // "terrass". A task named by its noun alone in a list ("Repassage") is the one item of the offer's own sheet with that action. Only actions
    // that start items on a tenth of the sheets at most: "Organiser", "Former", "Préparer", "Participer" start items of any job.
    private readonly FrozenDictionary<string, Rome4Item[]> _tasksByAction;

    // Every action a savoir-faire starts with, however many sheets: "préparation" is a task's noun too.
    private readonly FrozenSet<string> _taskActions;

    // One-word ROME 4.0 items ("Plomberie", "Electrotechnique", "Gériatrie") by their stem: read only where they belong to the offer's occupation.
    private readonly FrozenDictionary<string, int> _oneWord;

    // ROME 4.0 certifications and licences (savoirs "Certifications et habilitations"): diplomas, titles, permits.
    private readonly FrozenSet<int> _certificates;

    // Acronym as written (upper case) → (skill, is a certificate): "FIMO", "HACCP", "SST".
    private readonly Dictionary<string, (int Skill, bool Certificate)> _acronyms = new(StringComparer.Ordinal);
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
        var nameForms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var frenchFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var acronyms = new Dictionary<string, List<Rome4Item>>(StringComparer.Ordinal);
        var oneWord = new Dictionary<string, int>(StringComparer.Ordinal);
        var tasks = new List<(Rome4Item Item, string[] Roots, bool Near)>();
        var byAction = new Dictionary<string, List<Rome4Item>>(StringComparer.Ordinal);

        var rootFrequency = new Dictionary<string, int>(StringComparer.Ordinal);

        // How often a word is written in lower case in French labels: "chef" is an ordinary word, "SQL" and "Python" are names.
        void Count(string label)
        {
            foreach (var root in Roots(label).Distinct(StringComparer.Ordinal))
            {
                rootFrequency[root] = rootFrequency.GetValueOrDefault(root) + 1;
            }
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

        void AddPhrase(string label, int skill, int rank, bool name, bool language = false)
        {
            var tokens = Tokens(label);
            if (tokens.Length == 0 || tokens.Length > MaxPhraseTokens)
            {
                return;
            }
            if (tokens.Length == 1)
            {
                // One word stands for a skill only as a name: rare in French labels, and not a bare letter.
                // A language is a name however often labels say it ("anglais"), but French, the offers' own language, is not.
                if (!name || tokens[0].Length < 2 || (tokens[0].Length < 3 && !tokens[0].Contains('#', StringComparison.Ordinal) && !tokens[0].Contains('+', StringComparison.Ordinal))
                    || (frenchFrequency.GetValueOrDefault(tokens[0]) > MaxNameFrequency && (!language || tokens[0] == FrenchLanguage)))
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
                if (!language && tokens.Length == 1 && FrenchLabels.Normalize(label).Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 1 } written)
                {
                    (nameForms.TryGetValue(key, out var forms) ? forms : nameForms[key] = new HashSet<string>(StringComparer.Ordinal)).Add(written[0]);
                }
            }
        }

        for (var s = 0; s < taxonomy.EscoSkillCount; s++)
        {
            var skill = taxonomy.Skills[s];
            var named = (skill.Collections & (SkillCollections.Digital | SkillCollections.Language)) != 0;
            var language = (skill.Collections & SkillCollections.Language) != 0;
            if (skill.LabelFr is { } preferred)
            {
                AddPhrase(preferred, s, 0, named, language);
            }
            foreach (var alt in skill.AltLabelsFr)
            {
                AddPhrase(alt, s, 1, named, language);
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
            AddPhrase(item.Label, item.SkillId, item.Kind == Rome4ItemKind.Savoir ? 2 : 3, name: item.SubCategory == "Langues", language: item.SubCategory == "Langues");
            if (technology && SkillAligner.TechnologyName(item.Label) is { } name && !s_frenchWords.Contains(name))
            {
                AddPhrase(name, item.SkillId, 2, name: true);
            }
            if (item.Kind == Rome4ItemKind.SavoirFaire && Roots(item.Label, frames: false).Distinct(StringComparer.Ordinal).ToArray() is { Length: >= 1 and <= MaxTaskRoots } content)
            {
                tasks.Add((item, content, false));
            }
            // A task said without the way it is done: "Préparer les commandes en suivant les procédures" is said by "préparer les commandes".
            // Examples in brackets are no part of the task: "Repasser du textile (vêtements, linge)" is said by "repasser du textile".
            // Both not for a label that uses or knows a tool ("Utiliser les outils digitaux"): what is left is the tool's name, which offers
            // also say of the employer's own ("grâce à nos outils digitaux"); a task done ("Réaliser du soutien scolaire") is kept.
            var first = FrenchLabels.Normalize(item.Label).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            var framed = s_toolFrames.Contains(first);
            if (item.Kind == Rome4ItemKind.SavoirFaire && !framed && Brackets().IsMatch(item.Label) && Roots(Brackets().Replace(Core(item.Label) ?? item.Label, " "), frames: false).Distinct(StringComparer.Ordinal).ToArray() is { Length: >= 2 and <= MaxTaskRoots } bare)
            {
                tasks.Add((item, bare, false));
            }
            if (item.Kind == Rome4ItemKind.SavoirFaire && CoreContent(item.Label) is { Length: <= MaxTaskRoots } coreContent)
            {
                tasks.Add((item, coreContent, false));
            }
            // A task done to one of several objects: "Dépoussiérer les sols, les tapis, les meubles" is said by "le dépoussiérage des sols".
            if (item.Kind == Rome4ItemKind.SavoirFaire && !framed)
            {
                foreach (var alternative in Alternatives(item.Label))
                {
                    tasks.Add((item, alternative, true));
                }
            }
            if (item.Kind == Rome4ItemKind.SavoirFaire && item.SkillId >= 0 && !framed && Roots(item.Label, frames: false) is [var action, ..])
            {
                (byAction.TryGetValue(action, out var actionItems) ? actionItems : byAction[action] = []).Add(item);
            }
            if (Tokens(item.Label) is [var word] && word.Length >= 4 && item.Category != CertificateCategory)
            {
                oneWord.TryAdd(word, item.SkillId);
            }
            if (Acronym(item.Label) is { } acronym)
            {
                (acronyms.TryGetValue(acronym, out var list) ? list : acronyms[acronym] = []).Add(item);
            }
        }
        // An acronym names its item when one item spells it out, or one savoir among them ("VAE" is a bicycle and a diploma: neither).
        foreach (var (acronym, items) in acronyms)
        {
            var savoirs = items.Where(i => i.Kind == Rome4ItemKind.Savoir).ToList();
            if ((items.Count == 1 ? items[0] : savoirs.Count == 1 ? savoirs[0] : null) is { SkillId: >= 0 } named)
            {
                _acronyms[acronym] = (named.SkillId, named.Category == CertificateCategory);
            }
        }

        _phrases = phrases.ToFrozenDictionary(p => p.Key, p => p.Value.Skill, StringComparer.Ordinal);
        _names = names.ToFrozenSet();
        _nameForms = nameForms.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        // Word weights over French labels: "client" says less than "encaissement".
        var labelCount = Math.Max(1, frenchFrequency.Count == 0 ? 1 : taxonomy.Rome4.Items.Count + taxonomy.EscoSkillCount);
        _idf = frenchFrequency.ToFrozenDictionary(p => p.Key, p => Math.Log(1 + ((double)labelCount / p.Value)), StringComparer.Ordinal);
        _maxIdf = Math.Log(1 + labelCount);
        _rootIdf = rootFrequency.ToFrozenDictionary(p => p.Key, p => Math.Log(1 + ((double)labelCount / p.Value)), StringComparer.Ordinal);
        _oneWord = oneWord.ToFrozenDictionary(StringComparer.Ordinal);
        // Each task is looked up by its rarest root.
        _tasks = [.. tasks.OrderBy(t => t.Item.SkillId)];
        _tasksByRoot = _tasks.Select((t, i) => (Root: t.Roots.OrderByDescending(RootWeight).ThenBy(r => r, StringComparer.Ordinal).First(), Index: i))
            .GroupBy(t => t.Root, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(t => t.Index).ToArray(), StringComparer.Ordinal);
        var sheetCount = taxonomy.Rome4.Sheets.Count;
        _taskActions = byAction.Keys.ToFrozenSet(StringComparer.Ordinal);
        _conditionNouns = ConditionNouns(taxonomy);
        _tasksBySignature = taxonomy.Rome4.Items.Where(i => i.Kind == Rome4ItemKind.SavoirFaire && i.SkillId >= 0)
            .GroupBy(i => Signature(Roots(i.Label, frames: false)), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _tasksByAction = byAction.Where(p => p.Value.SelectMany(i => i.Sheets).Distinct(StringComparer.Ordinal).Count() <= sheetCount / MaxNamedTaskSheetShare)
            .ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _certificates = taxonomy.Rome4.Items.Where(i => i.SkillId >= 0 && i.Category == CertificateCategory).Select(i => i.SkillId).ToFrozenSet();
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
        var written = new List<string>();
        // A town's name is no skill: "Manpower AIX LES BAINS" asks no IBM AIX.
        foreach (var sentence in Sentences().Split(PlaceName().Replace(text, " ")))
        {
            written.Clear();
            var tokens = Tokens(sentence, saidToYou: true, written);
            if (tokens.Length == 0)
            {
                continue;
            }
            var importance = Optional().IsMatch(FrenchLabels.Normalize(sentence)) ? SkillImportance.Optional : SkillImportance.Essential;
            // Acronyms as written, in capitals ("FIMO", "HACCP"): in lower case they are words ("puis", "vae").
            foreach (Match acronym in UpperCaseWord().Matches(sentence))
            {
                if (_acronyms.TryGetValue(acronym.Value, out var named) && (named.Certificate || relevant is null || relevant(_taxonomy.Skills[named.Skill])) && seen.Add(named.Skill))
                {
                    yield return (_taxonomy.Skills[named.Skill], importance);
                }
            }
            for (var i = 0; i < tokens.Length;)
            {
                var matched = 0;
                for (var length = Math.Min(MaxPhraseTokens, tokens.Length - i); length > 0; length--)
                {
                    if (_phrases.TryGetValue(string.Join(' ', tokens, i, length), out var id))
                    {
                        if (length == 1 && _nameForms.TryGetValue(tokens[i], out var forms) && _names.Contains(id) && !forms.Contains(written[i]))
                        {
                            break;
                        }
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
                if (matched == 0 && relevant is not null && _oneWord.TryGetValue(tokens[i], out var single) && relevant(_taxonomy.Skills[single]) && seen.Add(single))
                {
                    yield return (_taxonomy.Skills[single], importance);
                    if (seen.Count >= MaxTextSkills)
                    {
                        yield break;
                    }
                }
                i += Math.Max(1, matched);
            }
        }
    }

    /// <summary>
    /// Skills of <paramref name="candidates"/> (the occupation's) that the offer says in other words: a sentence
    /// of the description holds at least <see cref="ParaphraseCoverage"/> of the label's weighted content words,
    /// two of them at least, compared as words or as roots (<see cref="Roots"/>: "préparation des commandes" says
    /// "Préparer les commandes"; "Accueillir les visiteurs, clients, fournisseurs" does not say "Accueillir, orienter,
    /// renseigner un public": "public" is missing); or the title holds every root of the label ("Préparateur de commandes").
    /// </summary>
    public IEnumerable<(Skill Skill, SkillImportance Importance)> Paraphrased(string? title, string? description, IEnumerable<Skill> candidates)
    {
        var text = description ?? "";
        var sentences = Sentences().Split(text)
            .Select(sentence => (Tokens: Tokens(sentence).ToHashSet(StringComparer.Ordinal), Roots: Positions(sentence),
                Optional: Optional().IsMatch(FrenchLabels.Normalize(sentence)), Qualification: Qualification().IsMatch(FrenchLabels.Normalize(sentence))))
            .Where(sentence => sentence.Tokens.Count > 0)
            .ToList();
        var titleRoots = Roots(title ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var skill in candidates)
        {
            // A diploma or a title is said only where a qualification is asked: "un commis de cuisine" is no "Titre professionnel commis de cuisine".
            var certificate = _certificates.Contains(skill.Id);
            var name = skill.LabelFr ?? skill.LabelEn;
            var label = Tokens(name).Distinct(StringComparer.Ordinal).ToArray();
            var roots = Roots(name).Distinct(StringComparer.Ordinal).ToArray();
            // A title says a task only in full, frame verbs aside: "Préparateur de commandes" is "Préparer les commandes", "Plongeur" "Réaliser la plonge".
            var content = Roots(name, frames: false).Distinct(StringComparer.Ordinal).ToArray();
            if (!certificate && ((content.Length >= 1 && content.All(titleRoots.Contains)) || (CoreContent(name) is { } coreContent && coreContent.All(titleRoots.Contains))))
            {
                yield return (skill, SkillImportance.Essential);
                continue;
            }
            if (label.Length < 2)
            {
                continue;
            }
            var total = label.Sum(Weight);
            var rootTotal = roots.Sum(RootWeight);
            // A task said to the candidate is said verb first: "vous animez des formations" after "l'équipe pédagogique" does not "Animer une équipe".
            var action = Verb().IsMatch(FrenchLabels.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "") ? roots.FirstOrDefault() : null;
            foreach (var (tokens, sentenceRoots, optional, qualification) in sentences)
            {
                if (certificate && !qualification)
                {
                    continue;
                }
                var shared = label.Where(tokens.Contains).ToArray();
                // A verb said to the candidate says only the action of a task: "vous intégrez la direction des SI" is no "Intégration de systèmes d'information".
                var sharedRoots = roots.Where(r => sentenceRoots.TryGetValue(r, out var at) && (at.Plain || r == action)).ToArray();
                if ((shared.Length >= 2 && shared.Sum(Weight) >= ParaphraseCoverage * total)
                    || (sharedRoots.Length >= 2 && sharedRoots.Sum(RootWeight) >= RootParaphraseCoverage * rootTotal && ActionFirst(action, sharedRoots, sentenceRoots)))
                {
                    yield return (skill, optional ? SkillImportance.Optional : SkillImportance.Essential);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// ROME 4.0 tasks (savoir-faire) that a sentence says in full, in its own words: every content root of the
    /// label is in the sentence ("Emballage et étiquetage des produits" says "Emballer des produits"; "Rédaction
    /// des rapports de contrôle" says "Rédiger un rapport de contrôle"), the frame verbs aside ("réaliser", "effectuer").
    /// Tasks of the offer's occupation and its neighbours (<paramref name="sheets"/>: its sheet, its ROME v3 family,
    /// the sheets it leads to), said as an action, not as a participle ("une équipe motivée"). A task of one content root
    /// ("Procéder à l'encaissement", "Réaliser la plonge") only when it is of the offer's own sheet (<paramref name="ownSheet"/>):
    /// "la vente, l'accueil et l'encaissement" in a shop's offer. And a task of the own sheet a list item names by its noun
    /// ("- Chargement / déchargement", "- Conditionnement": <see cref="NamedTask"/>).
    /// </summary>
    public IEnumerable<(Skill Skill, SkillImportance Importance)> Tasks(string? text, IReadOnlySet<string> sheets, string? ownSheet = null)
    {
        var seen = new HashSet<int>();
        foreach (var (sentence, optional) in SentencesOf(text))
        {
            // A task the offer denies or has someone else do is not the candidate's.
            if (OthersTask().IsMatch(FrenchLabels.Normalize(sentence)))
            {
                continue;
            }
            // Each root with whether the sentence says it otherwise than as a participle: "une équipe motivée" does not motivate a team.
            var roots = new Dictionary<string, bool>(StringComparer.Ordinal);
            var sequence = new List<string>();
            foreach (var word in WithoutTheirClient(FrenchLabels.Normalize(sentence)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!FrenchLabels.IsStopWord(word))
                {
                    var root = Root(SkillAligner.Action(word));
                    roots[root] = roots.GetValueOrDefault(root) || !Participle().IsMatch(word);
                    sequence.Add(root);
                }
            }
            var positions = Positions(sentence);
            var found = new SortedSet<int>();
            foreach (var root in roots.Keys)
            {
                foreach (var index in _tasksByRoot.GetValueOrDefault(root) ?? [])
                {
                    var (item, labelRoots, near) = _tasks[index];
                    // One object of a task's several is not read where a task of the offer's sheets says just that: "respect du code de la
                    // route" is ROME's "Respecter le code de la route", not "Respecter le code de la route et le code du travail" beside it.
                    if (near && _tasksBySignature.TryGetValue(Signature(labelRoots), out var same) && same.Any(other => other != item && other.Sheets.Any(sheets.Contains)))
                    {
                        continue;
                    }
                    if ((!near || Near(labelRoots, sequence)) && labelRoots.All(r => roots.ContainsKey(r) && (positions[r].Plain || r == labelRoots[0])) && roots[labelRoots[0]] && ActionFirst(labelRoots[0], labelRoots, positions) && (labelRoots.Length >= 2 ? item.Sheets.Any(sheets.Contains) : ownSheet is not null && item.Sheets.Contains(ownSheet)))
                    {
                        found.Add(item.SkillId);
                    }
                }
            }
            if (ownSheet is not null)
            {
                // Nouns in brackets are examples of the task before them, not tasks of their own: "Entretien du domicile (nettoyage, rangement)",
                // "Préparer les surfaces (nettoyage, traçage des repères)".
                var pieces = ListPieces().Split(Brackets().Replace(sentence, " ")).Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
                var taskNouns = pieces.Count(IsTaskNoun);
                foreach (var piece in pieces)
                {
                    if ((NamedTask(piece, ownSheet, alone: pieces.Length == 1 || taskNouns >= 2) ?? LineTask(piece, ownSheet, line: pieces.Length == 1)) is { } named)
                    {
                        found.Add(named);
                    }
                }
            }
            foreach (var skill in found)
            {
                if (seen.Add(skill))
                {
                    yield return (_taxonomy.Skills[skill], optional ? SkillImportance.Optional : SkillImportance.Essential);
                }
            }
        }
    }

    /// <summary>
    /// The task of the offer's own sheet a list item names by its noun alone or with its object ("- Conditionnement", "Chargement /
    /// déchargement", "Nettoyage des sols"): the item is the noun, after an article at most, and a complement introduced by "de" of at
    /// most two words; the noun is made of a verb by French's -age, -ement or -ation ("conditionnement" is "conditionner"); one
    /// savoir-faire of the sheet, one only, starts with that action (its object the item's, when the item says one); and the action
    /// is a task's, not a verb a tenth of the sheets start their items with ("Former", "Organiser", "Participer": "Formation BAC" or
    /// "Participation" among the perks name no task). Null otherwise.
    /// </summary>
    private int? NamedTask(string piece, string ownSheet, bool alone)
    {
        if (NamedAction(piece, alone) is not var (action, objects) || !_tasksByAction.TryGetValue(action, out var tasks))
        {
            return null;
        }
        // Its object, when said, is the task's: "l'isolation des combles" is no "Isoler une tuyauterie".
        // Its noun alone says a task that says no more than its action and objects: "rangement" is no "Ranger des produits ou marchandises selon
        // leurs dates de validité", a home help's "rangement" is tidying up.
        var own = tasks.Where(i => i.Sheets.Contains(ownSheet) && (objects.Length == 0 ? Core(i.Label) is null : Roots(i.Label).Intersect(objects, StringComparer.Ordinal).Any()))
            .Select(i => i.SkillId).Distinct().ToList();
        return own.Count == 1 ? own[0] : null;
    }

    /// <summary>
    /// The action (its root) and the object's roots of a list item that names a task by its noun (<see cref="NamedTask"/>); null when
    /// the item is no such noun, or the action one many sheets start their items with.
    /// </summary>
    private (string Action, string[] Objects)? NamedAction(string piece, bool alone)
    {
        var normalized = WithoutTheirClient(FrenchLabels.Normalize(piece)).Trim();
        // The task's object may be followed by where or how it is done: "Coulage du béton dans les moules", "Assemblage des produits en atelier".
        if (NamedMatch(normalized) is not { Success: true } match)
        {
            return null;
        }
        var noun = match.Groups["noun"].Value;
        noun = noun.EndsWith('s') ? noun[..^1] : noun;
        var objects = Roots(match.Groups["object"].Value);
        // A noun alone is a task among tasks: on its own line ("Repassage") or beside another task's noun ("tri, lavage, repassage"),
        // not in a list of perks ("mutuelle, logement, garde d'enfant, déplacement").
        // A noun in -ation is said alone of many things ("innovation", "anticipation", "implantation"): only with its object.
        if (!TaskNoun().IsMatch(noun) || (objects.Length == 0 && (!alone || noun.EndsWith("ation", StringComparison.Ordinal))))
        {
            return null;
        }
        var action = Root(SkillAligner.Action(noun));
        // A noun alone is no working condition: ROME names conditions with such nouns ("Déplacements professionnels"), and perks say them
        // so ("mutuelle, déplacement").
        if (objects.Length == 0 && _conditionNouns.Contains(action))
        {
            return null;
        }
        return _taskActions.Contains(action) && !_tasksByAction.ContainsKey(action) ? null : (action, objects);
    }

    private static Match NamedMatch(string normalized) =>
        NamedTaskItem().Match(normalized) is { Success: true } item ? item
        : NamedTaskWhere().Match(normalized);

    /// <summary>Whether a list item is a task's noun ("lavage", "le nettoyage des sols"): a noun made of a verb that starts a savoir-faire.</summary>
    private bool IsTaskNoun(string piece) =>
        NamedTaskItem().Match(FrenchLabels.Normalize(piece).Trim()) is { Success: true } match
        && match.Groups["noun"].Value.TrimEnd('s') is var noun && TaskNoun().IsMatch(noun) && _taskActions.Contains(Root(SkillAligner.Action(noun)));

    /// <summary>
    /// Whether a sentence says a task's verb (its first root) and, within <see cref="MaxObjectGap"/> words after it, the
    /// rest: "l'entretien courant de la machine", not "la gestion des appels entrants ... pour enregistrer les commandes".
    /// </summary>
    private static bool Near(string[] labelRoots, List<string> sequence)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            if (sequence[i] == labelRoots[0]
                && labelRoots.Skip(1).All(root => sequence.Skip(i + 1).Take(MaxObjectGap).Contains(root, StringComparer.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The sentences and list items of a text, each with whether it says its skills are a plus ("apprécié", "souhaité", "un plus"…).</summary>
    public static IEnumerable<(string Sentence, bool Optional)> SentencesOf(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Sentences().Split(text).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => (s, Optional().IsMatch(FrenchLabels.Normalize(s))));

    /// <summary>
    /// Each root of a sentence with where it is first and last said, and whether it is said otherwise than as a verb
    /// said to the candidate ("vous animez", "vous préparerez").
    /// </summary>
    private static Dictionary<string, (int First, int Last, bool Plain)> Positions(string sentence)
    {
        var positions = new Dictionary<string, (int First, int Last, bool Plain)>(StringComparer.Ordinal);
        var i = 0;
        foreach (var word in WithoutTheirClient(FrenchLabels.Normalize(sentence)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FrenchLabels.IsStopWord(word))
            {
                continue;
            }
            var root = Root(SkillAligner.Action(word));
            var plain = word == "rendez" || !SaidToYou().IsMatch(word);
            positions[root] = positions.TryGetValue(root, out var seen) ? (seen.First, i, seen.Plain || plain) : (i, i, plain);
            i++;
        }
        return positions;
    }

    /// <summary>
    /// Whether a task whose action the sentence says only as a verb said to the candidate ("vous animez") says it before
    /// its objects, as French does: each other root of the label is said after the verb at least once.
    /// </summary>
    private static bool ActionFirst(string? action, string[] labelRoots, Dictionary<string, (int First, int Last, bool Plain)> positions) =>
        action is null || !positions.TryGetValue(action, out var verb) || verb.Plain
        || labelRoots.All(root => root == action || !positions.TryGetValue(root, out var at) || at.Last > verb.First);

    private double Weight(string token) => _idf.TryGetValue(token, out var idf) ? idf : _maxIdf;

    private double RootWeight(string root) => _rootIdf.TryGetValue(root, out var idf) ? idf : _maxIdf;

    /// <summary>
    /// Content words reduced to a root shared by a verb, its noun and its doer, so that a task said as a noun
    /// or a title meets the label that says it as a verb: "préparation des commandes", "préparateur de
    /// commandes" and "Préparer les commandes" all give "prepar command"; "conditionnement" = "conditionner".
    /// </summary>
    internal static string[] Roots(string text, bool frames = true)
    {
        var words = WithoutTheirClient(FrenchLabels.Normalize(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var roots = new List<string>(words.Length);
        foreach (var word in words)
        {
            var action = SkillAligner.Action(word);
            if (!FrenchLabels.IsStopWord(word) && (frames || !SkillAligner.IsFrame(action)))
            {
                roots.Add(Root(action));
            }
        }
        return [.. roots];
    }

    /// <summary>
    /// A task label without the way or the aim it is done with, when it has one: "Préparer les commandes en suivant les
    /// procédures" is "Préparer les commandes", "Manipuler les animaux dans le respect des règles" is "Manipuler les animaux".
    /// Null when the label has no such clause.
    /// </summary>
    internal static string? Core(string label) => MannerClause().Match(label) is { Success: true, Index: > 0 } match ? label[..match.Index] : null;

    /// <summary>
    /// The content roots of a task label cut of its manner clause (<see cref="Core"/>), when it has one, keeps its own
    /// verb and two roots at least; else null. "Assurer la sécurité des clients en suivant les procédures" gives none:
    /// without its frame verb it would leave "sécurité des clients".
    /// </summary>
    private static string[]? CoreContent(string label) =>
        Core(label) is { } core
        && !SkillAligner.IsFrame(SkillAligner.Action(FrenchLabels.Normalize(core).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? ""))
        && Roots(core, frames: false).Distinct(StringComparer.Ordinal).ToArray() is { Length: >= 2 } content
            ? content
            : null;

    /// <summary>
    /// The content roots of a task label whose one verb takes several objects, each object with the verb: "Dépoussiérer les
    /// sols, les tapis, les meubles, les objets et aérer les pièces" gives "dépoussiérer les sols", "dépoussiérer les tapis"...
    /// (the objects listed after the verb, each with its article, up to the first that is none: "aérer" is another task),
    /// "Entretenir une surface, un sol" gives "entretenir une surface" and "entretenir un sol". Not for a frame verb ("Assurer
    /// l'accueil, l'orientation" would leave a noun alone); each gives two content roots at least.
    /// </summary>
    internal static IEnumerable<string[]> Alternatives(string label)
    {
        // A label with a manner or an aim stays whole: "Préparer le matériel, les produits selon les indications du praticien" is a practitioner's.
        if (Core(label) is not null)
        {
            yield break;
        }
        var text = Brackets().Replace(label, " ");
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            yield break;
        }
        var verb = FrenchLabels.Normalize(words[0]);
        if (!Verb().IsMatch(verb))
        {
            yield break;
        }
        // A frame verb says no task of its own: its objects are read alone, each with its complement, and only when that says three
        // content roots ("Réaliser l'entretien des postes de travail et la maintenance des équipements de contrôle" is said by "- Entretien
        // des postes de travail"; "Assurer l'accueil, l'orientation" would leave a noun alone).
        var frame = SkillAligner.IsFrame(SkillAligner.Action(verb));
        if (frame)
        {
            words[1] = ToObject().Replace(words[1], "");
        }
        // Several verbs for the objects ("Charger ou décharger un véhicule utilitaire, un poids lourd"): each object is read with every verb,
        // never with one verb alone ("Accueillir, orienter et renseigner un client" is not said by "accueillir les clients").
        var verbs = words[0];
        while (MoreVerbs().Match(words[1]) is { Success: true } more && !SkillAligner.IsFrame(SkillAligner.Action(FrenchLabels.Normalize(more.Groups[1].Value))))
        {
            verbs += " " + more.Groups[1].Value;
            words[1] = words[1][more.Length..];
        }
        // An object with its own article ("de la flore", "d'un modèle" complete the object before them), not a pronoun before a verb ("l'installer").
        // Each with the article of the first, definite or indefinite: in "une hygiène du bar et des équipements", "des" is "de les", a complement.
        var objects = ObjectSeparator().Split(words[1]).Select(o => o.Trim()).TakeWhile(o => Article().IsMatch(o) && !PronounVerb().IsMatch(o)).ToList();
        objects = objects.Count == 0 ? objects : [.. objects.TakeWhile(o => ArticleClass(o) == ArticleClass(objects[0]))];
        // An object with a clause of its own ends the list: in "Optimiser l'espace de travail pour améliorer la santé, la sécurité et la
        // performance" the commas list what the clause improves, not what is optimised.
        var clause = objects.FindIndex(o => ObjectClause().IsMatch(o));
        objects = clause < 0 ? objects : objects[..(clause + 1)];
        if (objects.Count < 2)
        {
            yield break;
        }
        // A complement after the last object is every object's: "Etudier les plans et les spécifications techniques des navires" studies a
        // ship's plans, "Contrôler la qualité et la conformité d'un produit" a product's quality: each object is read with it.
        var complement = SharedComplement().Match(objects[^1]) is { Success: true } shared ? objects[^1][shared.Index..] : "";
        foreach (var obj in objects)
        {
            // Not an object that has a complement of its own: in "Entretenir les espaces de vie et le linge de la personne accompagnée"
            // the living spaces are not the person's "espaces de vie de la personne accompagnée".
            var withComplement = obj == objects[^1] || SharedComplement().IsMatch(obj) ? obj : obj + complement;
            if (Roots(verbs + " " + withComplement, frames: false).Distinct(StringComparer.Ordinal).ToArray() is { Length: >= 2 and <= MaxTaskRoots } roots && (!frame || roots.Length >= 3))
            {
                yield return roots;
            }
        }
    }

    private static string Signature(IEnumerable<string> roots) => string.Join(' ', roots.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static int ArticleClass(string obj) =>
        obj.StartsWith("des ", StringComparison.OrdinalIgnoreCase) ? 2 : obj.StartsWith("un", StringComparison.OrdinalIgnoreCase) ? 1 : 0;

    /// <summary>A normalised text without the agency's client it recruits for ("recrute pour son client", "l'un de nos clients"): that client is no customer of the job.</summary>
    private static string WithoutTheirClient(string normalized) => AgencyClient().Replace(normalized, " ");

    private static string Root(string word)
    {
        // "rendez-vous" is a noun, not "vous rendez"; "la clientèle" is the clients.
        if (word == "rendez")
        {
            return word;
        }
        if (word.StartsWith("clientele", StringComparison.Ordinal))
        {
            return "client";
        }
        // A team is no equipment: "maintenir une communication avec l'équipe" does not maintain "un équipement".
        if (word is "equipe" or "equipes")
        {
            return "equipe";
        }
        foreach (var suffix in s_rootSuffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Noun(word[..^suffix.Length]);
            }
        }
        return word;
    }

    private static string Noun(string root) => s_ionVerbs.Contains(root) ? root[..^1] : root;

    /// <summary>Content words, stop words dropped and crudely stemmed, in order (repeats kept: a text is read, not a label).</summary>
    /// <remarks>
    /// With <paramref name="saidToYou"/>, a verb in -er said to the candidate is read as its infinitive, as labels say it:
    /// "vous donnerez des cours particuliers" is "donner des cours particuliers" (after "vous", or in the future in -erez).
    /// </remarks>
    /// <param name="written">When given, receives each token's word as written (normalised, not stemmed), in the same order.</param>
    private static string[] Tokens(string text, bool saidToYou = false, List<string>? written = null)
    {
        var words = FrenchLabels.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (saidToYou && word.Length >= 6 && word != "rendez" && SaidToYou().IsMatch(word) && (word.EndsWith("erez", StringComparison.Ordinal) || (i > 0 && words[i - 1] == "vous")))
            {
                word = word[..^(word.EndsWith("erez", StringComparison.Ordinal) ? 4 : 2)] + "er";
            }
            if (!FrenchLabels.IsStopWord(word))
            {
                tokens.Add(FrenchLabels.Stem(word));
                written?.Add(words[i]);
            }
        }
        return [.. tokens];
    }

    /// <summary>
    /// The acronym a label spells out in brackets, when it is the initials of the words before it: "Formation
    /// Initiale Minimum Obligatoire (FIMO)", "Système Hazard Analysis Critical Control Point (HACCP)", "Sauvetage
    /// Secourisme au Travail (SST)"; not "Architecte digital d'entreprise (MS)", a diploma's grade.
    /// </summary>
    internal static string? Acronym(string label)
    {
        if (AcronymInBrackets().Match(label) is not { Success: true } match)
        {
            return null;
        }
        var acronym = match.Groups[1].Value;
        var letters = new string([.. acronym.Where(char.IsLetter)]).ToLowerInvariant();
        var initials = string.Concat(FrenchLabels.Normalize(label[..match.Index]).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !FrenchLabels.IsStopWord(w) && char.IsLetter(w[0]))
            .Select(w => w[0]));
        return letters.Length >= 3 && initials.Contains(letters, StringComparison.Ordinal) ? acronym : null;
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

    // How or to what end a task is done, after the task itself: "selon les consignes", "en respectant les délais", "afin de".
    [GeneratedRegex(@"\s(?:selon|suivant|en suivant|conform[ée]ment|en fonction|en respectant|dans le respect|afin|en vue|à l'aide|au moyen)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MannerClause();

    [GeneratedRegex(@"\b(?:pour|chez|de) (?:son|notre|leur|un|une|l un|l une|un de|l un de|une de|l une de)(?: nos| ses| leurs)? clients?\b", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyClient();

    // Objects listed after one verb: "les sols, les tapis et les meubles", "un véhicule utilitaire ou un poids lourd".
    [GeneratedRegex(@"\s*,\s*|\s+(?:et|ou)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectSeparator();

    // "à" before each object of a frame verb: "Procéder à l'ouverture et à la fermeture".
    [GeneratedRegex(@"(?<=^|,\s|\set\s|\sou\s)\s*(?:à|a)\s+(?=(?:les?|la|l'|l’|une?|des)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ToObject();

    // Another verb for the same objects: ", décharger", " ou décharger", " et régler".
    [GeneratedRegex(@"^\s*(?:,|et|ou|,\s*et|,\s*ou)\s+(\p{L}+(?:er|ir|re))\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MoreVerbs();

    // A complement after an object: "les spécifications techniques des navires", "la conformité d'un produit".
    [GeneratedRegex(@"\s(?:(?:de|des|du)\s|d'|d’)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SharedComplement();

    // A clause inside an object: "l'espace de travail pour améliorer la santé".
    [GeneratedRegex(@"\s(?:pour|avec|dans|sur|par|à|en|entre|lors|auprès|vers|chez)\s", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ObjectClause();

    // An object said with its article.
    [GeneratedRegex(@"^(?:les?|la|l'|l’|une?|des)\s*\w", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    // A pronoun and its verb, alone or before a complement: "l'installer", "les synchroniser avec la bande son".
    [GeneratedRegex(@"^(?:les?|la|l'|l’)\s*\w+(?:er|ir)(?:$|\s+(?:avec|vers|au|aux|à|a|sur|en|dans|pour|par)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PronounVerb();

    // The pieces of a list: "tri, lavage, repassage", "Chargement / déchargement", "Sablage et marquage des pièces".
    [GeneratedRegex(@"\s*[,/+&]\s*|\s+(?:et|ou)\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ListPieces();

    // A noun made of a verb: "repassage", "terrassement", "réparation".
    [GeneratedRegex(@"^\w{3,}(?:age|ement|ation)$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskNoun();

    // A list item that is a noun, after its article at most, and its object: "repassage", "le nettoyage des sols", "chargement de cereales".
    [GeneratedRegex(@"^(?:(?:le|la|l|les|un|une) )?(?<noun>[a-z]{4,})(?: (?<of>de|des|du|d)(?: (?<article>la|l|les))? (?<object>[a-z0-9]+(?: [a-z0-9]+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedTaskItem();

    // The same with a complement of place or manner after the object: "coulage du beton dans les moules".
    [GeneratedRegex(@"^(?:(?:le|la|l|les|un|une) )?(?<noun>[a-z]{4,}) (?<of>de|des|du|d)(?: (?<article>la|l|les))? (?<object>[a-z0-9]+(?: [a-z0-9]+)?) (?:dans|en|sur|par|avec|au|aux|avant|apres|selon)(?: [a-z0-9]+){1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedTaskWhere();

    // A sentence about a task that is not the candidate's: a denial ("n'est pas demandé", "ne sont pas à votre charge"), a task done by
    // someone else ("est assuré par une société extérieure"). Not the employer's trade ("spécialisée dans l'entretien de jardins"): a
    // landscaping firm's landscaper does what the firm sells, and agencies' texts list the missions so.
    [GeneratedRegex(@"\bn (?:est|sont) pas\b|\b(?:est|sont) (?:assure|realise|effectue|fait|pris en charge)(?:e|es|s)? par\b", RegexOptions.CultureInvariant)]
    private static partial Regex OthersTask();

    // A past participle or adjective of a verb in -er: "motivée", "formés".
    [GeneratedRegex(@"(?:ee|ees|es)$", RegexOptions.CultureInvariant)]
    private static partial Regex Participle();

    // A sentence that asks for a qualification: a diploma, a title, a certificate, a training.
    [GeneratedRegex(@"\b(?:diplom\w*|titulaire|titre|cap|bep|bac|bts|dut|but|licence|master|certificat\w*|cqp|formation|qualifications?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Qualification();

    // A verb said to "vous", present or future: "animez", "préparerez" (its root is the infinitive's).
    [GeneratedRegex(@"\w{4}ez$", RegexOptions.CultureInvariant)]
    private static partial Regex SaidToYou();

    // An infinitive: a label that starts with one says a task ("Animer une équipe").
    [GeneratedRegex(@"(?:er|ir|re)$", RegexOptions.CultureInvariant)]
    private static partial Regex Verb();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]{2,6}\b", RegexOptions.CultureInvariant)]
    private static partial Regex UpperCaseWord();

    // The name of a French commune joined by its linking word: "Aix-les-Bains", "Bourg-en-Bresse", and in capitals amid other words
    // ("Manpower AIX LES BAINS recherche"), not in a line written all in capitals ("PREPARER LES COMMANDES DU JOUR").
    [GeneratedRegex(@"\b\p{L}+(?:-(?:les|lès|sur|en|sous|le|la)-\p{L}+)+\b|(?<![A-Z]{2,} )\b[A-Z]{2,}(?: (?:LES|LÈS|SUR|EN|SOUS) [A-Z]{2,})+\b(?! [A-Z]{2,})", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceName();

    [GeneratedRegex(@"\(([A-Z][A-Z0-9]{2,6})\)", RegexOptions.CultureInvariant)]
    private static partial Regex AcronymInBrackets();

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
