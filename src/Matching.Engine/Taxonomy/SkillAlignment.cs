using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Matching.Engine.Ingest;
using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>How a ROME 4.0 item was aligned to an ESCO skill (see docs/quality.md, "ROME 4.0 - ESCO alignment").</summary>
public enum AlignmentMethod
{
    /// <summary>The labels say the same thing (FR labels and alt labels, equivalence score ≥ 0.8).</summary>
    Label,
    /// <summary>The labels nearly say the same thing (≥ 0.7) and the two skills share their occupations through the crosswalk.</summary>
    LabelAndOccupations,
    /// <summary>The same technology by name ("Programmation en Python" and "Python").</summary>
    Technology,
}

/// <summary>One ROME 4.0 item (<see cref="RomeSkillId"/>) aligned to one ESCO skill, with the evidence.</summary>
/// <param name="Score">Equivalence of the labels, 0..1: the smaller of the two labels' weighted shares of shared words.</param>
/// <param name="EscoLabel">The ESCO label (preferred or alternative, FR or EN) the item met.</param>
public sealed record SkillAlignmentLink(int RomeSkillId, int EscoSkillId, double Score, AlignmentMethod Method, string EscoLabel);

/// <summary>
/// Computes the alignment between ROME 4.0 items and ESCO skills from the reference data alone, at load:
/// <list type="number">
/// <item>Labels: both labels are reduced to weighted content words (IDF over all labels; verbs and their
/// nouns unified, "gestion" = "gérer"; frame words such as "utilisation", "techniques", "maîtrise" weigh
/// 0.2). The score is the smaller of the two shares of shared weight, so a label that only contains the
/// other ("Préparer des repas" / "préparer des repas pour les vols") scores low on one side. Both labels
/// must name the same action (or none): "Superviser le chargement" never meets "capacité de chargement".</item>
/// <item>Shared occupations: between 0.7 and 0.8 a pair is kept when the ESCO occupations of the item's
/// sheets (crosswalk titles) and those listing the ESCO skill overlap by half the smaller set.</item>
/// <item>Technologies by name: a software or language savoir whose name, once its frame is dropped
/// ("Programmation en", "Logiciel", "Progiciel de gestion"...), is an ESCO label in FR or EN.</item>
/// </list>
/// An item keeps its best ESCO skills within 0.05 of the best, three at most. Deterministic.
/// </summary>
internal static partial class SkillAligner
{
    public const double LabelThreshold = 0.8;
    public const double OccupationLabelThreshold = 0.7;
    public const double OccupationOverlapThreshold = 0.5;
    private const double FrameWeight = 0.2;
    private const double TieMargin = 0.05;
    private const int MaxPerItem = 3;
    private const int MaxVariants = 16;
    // Words in more labels than this weigh little and would nominate thousands of candidates.
    private const int MaxNominatingPostings = 3_000;

    private static readonly Dictionary<string, string> s_actions = new(StringComparer.Ordinal)
    {
        ["gestion"] = "gerer",
        ["administrer"] = "gerer",
        ["administration"] = "gerer",
        ["planification"] = "planifier",
        ["developpement"] = "developper",
        ["evaluation"] = "evaluer",
        ["analyse"] = "analyser",
        ["controle"] = "controler",
        ["verifier"] = "controler",
        ["verification"] = "controler",
        ["conception"] = "concevoir",
        ["organisation"] = "organiser",
        ["installation"] = "installer",
        ["maintenance"] = "entretenir",
        ["maintenir"] = "entretenir",
        ["entretien"] = "entretenir",
        ["redaction"] = "rediger",
        ["ecrire"] = "rediger",
        ["preparation"] = "preparer",
        ["vente"] = "vendre",
        ["reparation"] = "reparer",
        ["fabrication"] = "fabriquer",
        ["nettoyage"] = "nettoyer",
        ["animation"] = "animer",
        ["negociation"] = "negocier",
        ["communication"] = "communiquer",
        ["coordination"] = "coordonner",
        ["supervision"] = "superviser",
        ["surveillance"] = "surveiller",
        ["traitement"] = "traiter",
        ["suivi"] = "suivre",
        ["accueil"] = "accueillir",
        ["conduite"] = "conduire",
        ["montage"] = "monter",
        ["reglage"] = "regler",
        ["pilotage"] = "piloter",
        ["mesure"] = "mesurer",
        ["encadrement"] = "encadrer",
        ["recrutement"] = "recruter",
        ["diagnostic"] = "diagnostiquer",
        ["inspection"] = "inspecter",
        ["utilisation"] = "utiliser",
        ["application"] = "appliquer",
        ["realisation"] = "realiser",
        ["optimisation"] = "optimiser",
        ["creation"] = "creer",
        ["elaboration"] = "elaborer",
        ["identification"] = "identifier",
        ["formation"] = "former",
        ["enseignement"] = "enseigner",
        ["etude"] = "etudier",
        ["calcul"] = "calculer",
        ["estimation"] = "estimer",
        ["programmation"] = "programmer",
    };

    // Words that frame a skill without saying which: they count, at a fifth of their weight.
    private static readonly HashSet<string> s_frames = new(
        ["utiliser", "maitrise", "maitriser", "connaissance", "connaitre", "technique", "notion", "pratique", "pratiquer",
         "principe", "base", "langage", "informatique", "logiciel", "progiciel", "appliquer", "methode", "realiser",
         "effectuer", "executer", "assurer", "mettre", "oeuvre", "proceder", "faire", "employer", "mener"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> s_notVerbs = new(
        ["premier", "dossier", "cancer", "laser", "poster", "cahier", "atelier", "chantier", "metier", "quartier", "papier",
         "acier", "clavier", "fichier", "plaisir", "loisir", "avenir", "desir", "soir", "espoir", "devoir", "pouvoir", "savoir",
         "cuir", "air", "hiver", "dernier", "entier", "super", "manager", "leader", "designer", "trader", "freelancer", "poker",
         "container", "conteneur", "docker", "scanner", "router", "browser", "server", "reporter", "partenaire", "offre",
         "ordre", "centre", "cadre", "titre", "lettre", "chambre", "nombre", "membre", "livre", "oeuvre", "matiere", "carriere",
         "frontiere", "filiere", "maniere", "lumiere", "premiere", "derniere", "barriere", "fourrure", "structure", "nature",
         "culture", "voiture", "peinture", "facture", "lecture", "ecriture", "mesure", "procedure", "coiffure", "soudure",
         "couverture", "ouverture", "architecture", "agriculture", "sculpture", "temperature", "signature", "literature",
         "litterature", "chaussure", "ceinture", "toiture", "menuiserie", "theatre", "spectre", "filtre", "metre", "registre",
         "ministre", "sinistre", "cylindre", "poudre", "ordinateur", "other", "water", "power", "user", "computer", "paper",
         "master", "cluster", "poster", "flyer", "cutter", "sticker", "timer", "tuner", "primer", "laser", "caisse"],
        StringComparer.Ordinal);

    // Leading words a software or language savoir wraps its name in.
    private static readonly string[] s_technologyFrames =
    [
        "programmation en ", "programmation ", "langage informatique ", "langage de programmation ", "langages ", "langage ",
        "utilisation de logiciels ", "utilisation du logiciel ", "utilisation de logiciel ", "utilisation de ", "utilisation du ",
        "utilisation d ", "logiciels ", "logiciel de ", "logiciel ", "progiciel de gestion ", "progiciel ", "maitrise de ",
        "maitrise du ", "maitrise d ", "systeme d exploitation ", "framework ", "frameworks ", "outil ", "outils ",
    ];

    private static readonly string[] s_vendors = ["microsoft ", "apache ", "adobe ", "oracle ", "ibm ", "google ", "amazon "];

    private static readonly HashSet<string> s_technologySubCategories = new(["Langages informatiques", "Logiciels, progiciels"], StringComparer.Ordinal);

    private sealed record Label(int Skill, int[] Tokens, int Action, double Weight, string Text, bool Alternative);

    /// <summary>The verb a noun of action stands for ("gestion" → "gerer"), else the word itself; normalised words.</summary>
    internal static string Action(string word) => s_actions.GetValueOrDefault(word, word);

    /// <summary>Whether a normalised word frames a skill without saying which ("utiliser", "techniques", "réaliser").</summary>
    internal static bool IsFrame(string word) => s_frames.Contains(word);

    /// <summary>Aligns every ROME 4.0 skill (ids from <paramref name="escoCount"/> on) to ESCO skills (ids below).</summary>
    /// <summary>
    /// The alignment kept in <paramref name="cacheDirectory"/> for this data folder and this build of the
    /// engine (the key hashes SHA256SUMS and the assembly's module id), else computed and kept.
    /// </summary>
    public static List<SkillAlignmentLink> Cached(string dataPath, string? cacheDirectory, int skillCount, Func<List<SkillAlignmentLink>> compute)
    {
        var sums = Path.Combine(dataPath, "SHA256SUMS");
        if (cacheDirectory is null || !File.Exists(sums))
        {
            return compute();
        }
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(sums) + typeof(SkillAligner).Module.ModuleVersionId.ToString())))[..16];
        var path = Path.Combine(cacheDirectory, $"rome4-esco-alignment-{key}.tsv");
        if (File.Exists(path) && Read(path, skillCount) is { } cached)
        {
            return cached;
        }
        var links = compute();
        try
        {
            Directory.CreateDirectory(cacheDirectory);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp"; // instances sharing the cache write apart
            File.WriteAllLines(temp, links.Select(l => string.Join('\t',
                l.RomeSkillId.ToString(CultureInfo.InvariantCulture), l.EscoSkillId.ToString(CultureInfo.InvariantCulture),
                l.Score.ToString("R", CultureInfo.InvariantCulture), l.Method.ToString(), l.EscoLabel)));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; a read-only disk must not stop start-up.
        }
        return links;
    }

    private static List<SkillAlignmentLink>? Read(string path, int skillCount)
    {
        try
        {
            var links = new List<SkillAlignmentLink>();
            foreach (var line in File.ReadLines(path))
            {
                var f = line.Split('\t');
                if (f.Length != 5 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out var rome) || !int.TryParse(f[1], CultureInfo.InvariantCulture, out var esco)
                    || (uint)rome >= (uint)skillCount || (uint)esco >= (uint)skillCount
                    || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !Enum.TryParse<AlignmentMethod>(f[3], out var method))
                {
                    return null;
                }
                links.Add(new SkillAlignmentLink(rome, esco, score, method, f[4]));
            }
            return links;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <param name="romeItems">The ROME 4.0 item of each ROME 4.0 skill: item i is skill <paramref name="escoCount"/> + i.</param>
    public static List<SkillAlignmentLink> Align(IReadOnlyList<Skill> skills, int escoCount, IReadOnlyList<Rome4Item> romeItems, Rome4Referential rome4, IReadOnlyList<Occupation> occupations, Func<string, int[]> v3Occupations)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string token)
        {
            if (!vocabulary.TryGetValue(token, out var id))
            {
                vocabulary[token] = id = vocabulary.Count;
            }
            return id;
        }

        // ESCO French labels (preferred and alternative) and every ROME label are the documents.
        var escoLabels = new List<(int Skill, int[] Tokens, int Action, string Text, bool Alternative)>(60_000);
        for (var s = 0; s < escoCount; s++)
        {
            var skill = skills[s];
            IEnumerable<string> french = skill.LabelFr is { } preferred ? [preferred, .. skill.AltLabelsFr] : skill.AltLabelsFr;
            var alternative = skill.LabelFr is null;
            foreach (var text in french)
            {
                var (tokens, action) = Analyse(text, Id);
                if (tokens.Length > 0)
                {
                    escoLabels.Add((s, tokens, action, text, alternative));
                }
                alternative = true;
            }
        }
        // A ROME label is read whole and, when it enumerates ("Entretenir, nettoyer un espace, un local"),
        // as each of the skills it lists; the first form is the whole label.
        var romeLabels = new (int[] Tokens, int Action)[skills.Count - escoCount][];
        for (var r = escoCount; r < skills.Count; r++)
        {
            var label = skills[r].LabelFr!;
            romeLabels[r - escoCount] = [Analyse(label, Id), .. Enumerated(label).Select(v => Analyse(v, Id))];
        }

        var documentFrequency = new int[vocabulary.Count];
        foreach (var label in escoLabels)
        {
            foreach (var t in label.Tokens)
            {
                documentFrequency[t]++;
            }
        }
        foreach (var forms in romeLabels)
        {
            foreach (var t in forms[0].Tokens)
            {
                documentFrequency[t]++;
            }
        }
        var n = escoLabels.Count + romeLabels.Length;
        var frames = vocabulary.Where(p => s_frames.Contains(p.Key)).Select(p => p.Value).ToHashSet();
        var weights = new double[vocabulary.Count];
        for (var t = 0; t < weights.Length; t++)
        {
            weights[t] = Math.Log(1 + ((double)n / Math.Max(1, documentFrequency[t]))) * (frames.Contains(t) ? FrameWeight : 1);
        }
        var labels = escoLabels.Select(l => new Label(l.Skill, l.Tokens, l.Action, l.Tokens.Sum(t => weights[t]), l.Text, l.Alternative)).ToArray();
        var postings = new List<int>[vocabulary.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            foreach (var t in labels[i].Tokens)
            {
                (postings[t] ??= []).Add(i);
            }
        }
        var nominating = postings.Select((p, t) => p is { Count: > 0 and <= MaxNominatingPostings } && !frames.Contains(t) ? p.ToArray() : null).ToArray();

        // Occupations of each ESCO skill, and of each ROME item through its sheets' crosswalk titles.
        var skillOccupations = new List<int>?[escoCount];
        foreach (var o in occupations)
        {
            foreach (var s in o.EssentialSkills.Concat(o.OptionalSkills))
            {
                (skillOccupations[s] ??= []).Add(o.Id);
            }
        }
        var sheetOccupations = rome4.Sheets.ToDictionary(
            s => s.Code,
            s => s.Occupations.Length > 0 ? s.Occupations : v3Occupations(s.ParentCode),
            StringComparer.OrdinalIgnoreCase);

        var wanted = romeItems
            .Where(i => i.Kind == Rome4ItemKind.Savoir && i.SubCategory is { } sub && s_technologySubCategories.Contains(sub))
            .Select(i => TechnologyName(i.Label))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var names = TechnologyNames(skills, escoCount, wanted);

        var results = new ConcurrentBag<SkillAlignmentLink>();
        Parallel.For(escoCount, skills.Count, () => new bool[labels.Length], (r, _, seen) =>
        {
            var item = romeItems[r - escoCount];
            foreach (var link in AlignOne(r, item, romeLabels[r - escoCount], labels, weights, nominating, seen, skillOccupations, sheetOccupations, names))
            {
                results.Add(link);
            }
            return seen;
        }, _ => { });
        return [.. results.OrderBy(l => l.RomeSkillId).ThenByDescending(l => l.Score).ThenBy(l => l.EscoSkillId)];
    }

    private static IEnumerable<SkillAlignmentLink> AlignOne(
        int romeSkill,
        Rome4Item item,
        (int[] Tokens, int Action)[] forms,
        Label[] labels,
        double[] weights,
        int[]?[] nominating,
        bool[] seen,
        List<int>?[] skillOccupations,
        Dictionary<string, int[]> sheetOccupations,
        Dictionary<string, int[]> names)
    {
        var found = new List<SkillAlignmentLink>();
        if (item.Kind == Rome4ItemKind.Savoir && item.SubCategory is { } sub && s_technologySubCategories.Contains(sub)
            && TechnologyName(item.Label) is { } name && names.TryGetValue(name, out var named))
        {
            found.AddRange(named.Select(e => new SkillAlignmentLink(romeSkill, e, 1, AlignmentMethod.Technology, name)));
        }

        var best = new Dictionary<int, Candidate>();
        for (var f = 0; f < forms.Length; f++)
        {
            Candidates(forms[f].Tokens, forms[f].Action, part: f > 0, labels, weights, nominating, seen, best);
        }
        if (best.Count > 0)
        {
            var itemOccupations = item.Sheets.SelectMany(s => sheetOccupations.GetValueOrDefault(s) ?? []).ToHashSet();
            foreach (var (esco, candidate) in best)
            {
                var overlap = Overlap(itemOccupations, skillOccupations[esco]);
                // The whole item against an ESCO preferred label is enough; a part of an enumeration or an
                // alternative label (ESCO's are noisier) needs the two skills to share an occupation too, and
                // never counts below the label threshold.
                if (candidate.Score >= LabelThreshold && !candidate.Weak)
                {
                    found.Add(new SkillAlignmentLink(romeSkill, esco, candidate.Score, AlignmentMethod.Label, candidate.Text));
                }
                else if (candidate.Score >= LabelThreshold ? overlap > 0 : !candidate.Weak && overlap >= OccupationOverlapThreshold)
                {
                    found.Add(new SkillAlignmentLink(romeSkill, esco, candidate.Score, AlignmentMethod.LabelAndOccupations, candidate.Text));
                }
            }
        }
        if (found.Count == 0)
        {
            return found;
        }
        var top = found.Max(f => f.Score);
        return found
            .Where(f => f.Score >= top - TieMargin)
            .GroupBy(f => f.EscoSkillId)
            .Select(g => g.MaxBy(f => f.Score)!)
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.EscoSkillId)
            .Take(MaxPerItem);
    }

    /// <summary>ESCO skills whose label scores at least the lower threshold against one form of an item, best label kept.</summary>
    private readonly record struct Candidate(double Score, string Text, bool Weak);

    private static void Candidates(int[] tokens, int action, bool part, Label[] labels, double[] weights, int[]?[] nominating, bool[] seen, Dictionary<int, Candidate> best)
    {
        if (tokens.Length > 0)
        {
            var itemWeight = tokens.Sum(t => weights[t]);
            // Prefix filtering: a label scoring ≥ the lower threshold shares that share of the item's
            // weight, so it holds one of the heaviest tokens that make up the rest. Only those nominate.
            var byWeight = tokens.OrderByDescending(t => weights[t]).ThenBy(t => t).ToArray();
            var rest = itemWeight;
            var touched = new List<int>();
            foreach (var t in byWeight)
            {
                if (rest < OccupationLabelThreshold * itemWeight)
                {
                    break;
                }
                rest -= weights[t];
                if (nominating[t] is not { } list)
                {
                    continue;
                }
                foreach (var l in list)
                {
                    if (!seen[l])
                    {
                        seen[l] = true;
                        touched.Add(l);
                    }
                }
            }
            foreach (var l in touched)
            {
                seen[l] = false;
                var label = labels[l];
                if (label.Action != action)
                {
                    continue;
                }
                var common = 0.0;
                var objects = 0;
                foreach (var t in tokens)
                {
                    if (Array.IndexOf(label.Tokens, t) >= 0)
                    {
                        common += weights[t];
                        if (t != action)
                        {
                            objects++;
                        }
                    }
                }
                var score = Math.Min(common / itemWeight, common / label.Weight);
                // The same verb alone ("créer" a sound, "créer" software) is no shared skill.
                var weak = part || label.Alternative;
                // Best score first; at equal score the stronger evidence (whole item, preferred label).
                if (objects > 0 && score >= OccupationLabelThreshold
                    && (!best.TryGetValue(label.Skill, out var current) || score > current.Score || (score == current.Score && current.Weak && !weak)))
                {
                    best[label.Skill] = new Candidate(score, label.Text, weak);
                }
            }
        }
    }

    /// <summary>Shared occupations over the smaller of the two sets; 0 when either is empty.</summary>
    private static double Overlap(HashSet<int> a, List<int>? b)
    {
        if (a.Count == 0 || b is not { Count: > 0 })
        {
            return 0;
        }
        var distinct = b.Distinct().ToList();
        return distinct.Count(a.Contains) / (double)Math.Min(a.Count, distinct.Count);
    }

    /// <summary>
    /// The skills an enumerating ROME label lists, each verb with each object: "Entretenir, nettoyer un
    /// espace, un local" gives "Entretenir un espace", "Entretenir un local", "nettoyer un espace",
    /// "nettoyer un local"; "Réceptionner des produits, vérifier la conformité d'une livraison" gives its
    /// two parts. Empty for a label that enumerates nothing.
    /// </summary>
    internal static List<string> Enumerated(string label)
    {
        var parts = Separators().Split(Brackets().Replace(label, " "))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .ToList();
        var variants = new List<string>();
        if (parts.Count < 2)
        {
            return variants;
        }
        var verbs = new List<string>();
        var pending = new List<string>();
        string? article = null;
        var groups = 0;
        foreach (var part in parts)
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            var first = space < 0 ? part : part[..space];
            if (IsInfinitive(first))
            {
                if (pending.Count == 0 && ++groups > 1)
                {
                    // A second group of verbs is a secondary task of the item ("Evaluer les facteurs de
                    // nuisance ... et proposer des améliorations"): only the first names its skills.
                    break;
                }
                pending.Add(first);
                if (space < 0)
                {
                    continue;
                }
                // A verb with its object closes the run of bare verbs before it: they share the object.
                verbs = [.. pending];
                pending.Clear();
                var obj = part[(space + 1)..];
                article = ArticleClass(obj);
                variants.AddRange(verbs.Select(v => $"{v} {obj}"));
            }
            else if (verbs.Count > 0 && article is not null && ArticleClass(part) == article)
            {
                // "un espace, un lieu": another object of the same verbs. "de bâtiments" or "des
                // installations" after "l'approvisionnement" complement the noun before, not the verb.
                variants.AddRange(verbs.Select(v => $"{v} {part}"));
            }
        }
        // A frame verb with one object ("Réaliser sertissage") names no skill of its own.
        variants.RemoveAll(v => !IsInfinitive(v[..v.IndexOf(' ', StringComparison.Ordinal)]) || s_frames.Contains(FrenchLabels.Normalize(v[..v.IndexOf(' ', StringComparison.Ordinal)])));
        return [.. variants.Distinct(StringComparer.Ordinal).Take(MaxVariants)];
    }

    /// <summary>The article an object starts with, by class (un/une, le/la/l'/les, des); null for none.</summary>
    private static string? ArticleClass(string phrase)
    {
        var normalized = FrenchLabels.Normalize(phrase);
        var space = normalized.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? normalized : normalized[..space]) switch
        {
            "un" or "une" => "un",
            "le" or "la" or "l" or "les" => "le",
            "des" => "des",
            _ => null,
        };
    }

    private static bool IsInfinitive(string word)
    {
        var normalized = FrenchLabels.Normalize(word);
        if (normalized.StartsWith("s ", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }
        return normalized.Length > 3 && !normalized.Contains(' ', StringComparison.Ordinal) && InfinitiveEnding().IsMatch(normalized) && !s_notVerbs.Contains(normalized);
    }

    /// <summary>Content tokens (stemmed, actions unified) and the label's action token (-1 when none).</summary>
    private static (int[] Tokens, int Action) Analyse(string text, Func<string, int> id)
    {
        var words = FrenchLabels.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<int>(words.Length);
        var action = -1;
        var first = true;
        for (var i = 0; i < words.Length; i++)
        {
            var raw = words[i];
            if (raw == "a" && i + 1 < words.Length && words[i + 1] == "terme")
            {
                // "contrats à terme" are futures; "les termes des contrats" are their terms.
                raw = "a terme";
                i++;
            }
            else if (FrenchLabels.IsStopWord(raw) || raw == "se")
            {
                continue;
            }
            var word = s_actions.GetValueOrDefault(raw, raw);
            if (first)
            {
                first = false;
                if (IsAction(raw, word) && !s_frames.Contains(word))
                {
                    action = id(FrenchLabels.Stem(word));
                }
            }
            var token = id(FrenchLabels.Stem(word));
            if (!tokens.Contains(token))
            {
                tokens.Add(token);
            }
        }
        return ([.. tokens], action);
    }

    private static bool IsAction(string raw, string word) =>
        s_actions.ContainsKey(raw) || (word.Length > 3 && InfinitiveEnding().IsMatch(word) && !s_notVerbs.Contains(word));

    /// <summary>
    /// ESCO skills by the technology names the ROME savoirs want: a name meets a skill whose preferred
    /// label (FR or EN, qualifier in brackets dropped) is the same name, the vendor aside ("python" and
    /// "Python (computer programming)", "sql server" and "Microsoft SQL Server"). Alternative labels are
    /// not used: ESCO lists languages and products as alternative labels of broader skills ("Ada" under
    /// "computer programming", "CMS" under surface-mount technology).
    /// </summary>
    private static Dictionary<string, int[]> TechnologyNames(IReadOnlyList<Skill> skills, int escoCount, HashSet<string> wanted)
    {
        var names = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var s = 0; s < escoCount; s++)
        {
            var skill = skills[s];
            foreach (var label in new[] { skill.LabelEn, skill.LabelFr }.OfType<string>())
            {
                var name = WithoutVendor(FrenchLabels.Normalize(label.Contains('(', StringComparison.Ordinal) ? Brackets().Replace(label, " ") : label));
                if (wanted.Contains(name))
                {
                    var list = names.TryGetValue(name, out var l) ? l : names[name] = [];
                    if (!list.Contains(s))
                    {
                        list.Add(s);
                    }
                }
            }
        }
        return names.Where(p => p.Value.Count <= MaxPerItem).ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
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

    /// <summary>
    /// The name a technology savoir wraps ("Programmation en Python" → "python", "Microsoft SQL Server" →
    /// "sql server"); null when what is left is a French phrase (it holds a stop word) rather than a name.
    /// </summary>
    internal static string? TechnologyName(string label)
    {
        var name = FrenchLabels.Normalize(Brackets().Replace(label, " "));
        bool stripped;
        do
        {
            stripped = false;
            foreach (var frame in s_technologyFrames)
            {
                if (name.StartsWith(frame, StringComparison.Ordinal) && name.Length > frame.Length)
                {
                    name = name[frame.Length..];
                    stripped = true;
                }
            }
        }
        while (stripped);
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is 0 or > 4 || words.Any(FrenchLabels.IsStopWord) ? null : WithoutVendor(name);
    }

    [GeneratedRegex(@"(er|ir|re|oir)$", RegexOptions.CultureInvariant)]
    private static partial Regex InfinitiveEnding();

    [GeneratedRegex(@"\s*,\s*|\s+et\s+|\s+ou\s+|\s*/\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();
}
