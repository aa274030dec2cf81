using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Matching.Engine.Ingest;

/// <summary>What the classifier reads of an offer: its title, its description, and the ROME 4.0 competence and savoir codes it
/// names (<c>competences[].code</c>, the item's <c>code_ogr</c>).</summary>
public sealed record OfferText(string Title, string? Description, IReadOnlyCollection<int>? Competences = null);

/// <summary>
/// Ranks ROME 4.0 codes for an offer's title, description and competence codes, for offers whose <c>romeCode</c> and
/// <c>appellationlibelle</c> are missing or unknown (docs/quality.md, "Reading an offer").
/// <para>
/// Candidates are the sheets whose job titles or texts share words with the offer, or that hold the competences it names
/// by code. Each candidate is described by similarity features computed from ROME 4.0 alone (how well the offer's title
/// matches one of the sheet's titles, the TF-IDF similarity of the title to all of them and of the description to the
/// sheet's definition, core items, competences and savoirs, the share of the offer's competence codes the sheet holds,
/// whether the sheet is a former ROME v3 sheet...) and an ML.NET logistic regression (L-BFGS, one thread, seed 0:
/// deterministic) scores it: the probability that it is the offer's occupation. The model is trained on job titles of
/// the reference data that ROME itself does not hold (ESCO occupation labels, French, linked to their ROME 4.0 sheets
/// through the crosswalk). Its features describe similarity, not words, so what it learns carries over to jobs it never
/// saw. What titles alone cannot teach (how the description and the competence codes read against each sheet, how common
/// a job is, how much each title feature counts in a real offer) is added as one fixed weight per feature, fitted on half
/// of the development sample and measured on the other half (docs/quality.md).
/// </para>
/// Thread-safe once built; training takes seconds and is kept in <c>Coach:CachePath</c>.
/// </summary>
public sealed class OfferOccupationClassifier
{
    /// <summary>Candidate sheets scored per offer.</summary>
    public const int CandidateCount = 40;

    private const int FeatureCount = 17;
    private const string ModelVersion = "occupation-ranker-5";

    // Words of offer titles that say nothing of the job.
    private static readonly HashSet<string> s_noise = new(
        ["h", "f", "hf", "fh", "cdi", "cdd", "interim", "alternance", "alternant", "apprenti", "apprentissage", "stage", "stagiaire",
         "temps", "plein", "partiel", "urgent", "poste", "mission", "saison", "saisonnier", "saisonniere", "nuit", "jour", "week", "end",
         "senior", "junior", "confirme", "confirmee", "experimente", "experimentee", "debutant", "debutante", "accepte", "ou", "et",
         "1", "2", "3", "de", "du", "des", "la", "le", "les", "en", "un", "une", "a", "au", "aux", "pour", "sur", "avec", "dans", "l", "d"],
        StringComparer.Ordinal);

    // Abbreviations of French job titles that ROME's titles write out ("Chauffeur SPL", "Projeteur VRD", "Assistant ADV").
    private static readonly Dictionary<string, string> s_abbreviations = new(StringComparer.Ordinal)
    {
        ["pl"] = "poids lourd",
        ["spl"] = "super poids lourd",
        ["vl"] = "vehicule leger",
        ["tp"] = "travaux publics",
        ["btp"] = "batiment travaux publics",
        ["vrd"] = "voirie reseaux divers",
        ["rh"] = "ressources humaines",
        ["adv"] = "administration des ventes",
        ["be"] = "bureau d etudes",
        ["cn"] = "commande numerique",
        ["sav"] = "service apres vente",
        ["ide"] = "infirmier",
        ["ash"] = "agent de service hospitalier",
        ["aes"] = "accompagnant educatif et social",
        ["avs"] = "auxiliaire de vie sociale",
        ["atsem"] = "agent specialise des ecoles maternelles",
        ["eje"] = "educateur de jeunes enfants",
        ["qhse"] = "qualite hygiene securite environnement",
        ["qse"] = "qualite securite environnement",
        ["hse"] = "hygiene securite environnement",
        ["dsi"] = "systemes d information",
    };

    // What job titles alone cannot teach, added to the learned weights (one per feature, in the order of Features): how
    // the description reads against each sheet and its items, the competences the offer names by code, how common the
    // job is (the reference data's titles have none of these, so their learned weights are zero), and how much each
    // title feature counts in a real offer. Fitted as a conditional logit (softmax over each offer's candidates, the
    // learned score as offset; Adam, 1,500 steps, L2 1e-4) on the development sample's offers whose id has an even
    // CRC-32 (990), measured on the others (986): 58.1 % exact → 76.0 % (2 Dec 2026) (docs/quality.md, "Reading a real offer").
    private static readonly float[] s_offerWeights =
    [
        -2.8f, 3.6f, -0.2f, 1.9f, -1.0f, // title: Dice, coverage, exact, own-name Dice, own-name coverage
        -4.2f, 5.5f, 5.9f, -1.3f, -1.0f, // cosines: title, description, description-titles; ranks: title, description
        1.3f, -2.0f, 2.8f, // former ROME v3 sheet, number of titles, market prior
        7.2f, 1.3f, -0.4f, // competences by code: share held by the sheet, by its core items, the sheet holds the most
        9.9f, // description against the sheet's competences and savoirs
    ];

    /// <summary>The offer weights (one per feature), for the test that refits them.</summary>
    internal static IReadOnlyList<float> OfferWeights => s_offerWeights;

    private readonly SkillsTaxonomy _taxonomy;
    private readonly SheetEntry[] _sheets;
    private readonly Dictionary<string, double> _titleIdf;
    private readonly Dictionary<string, double> _textIdf;
    private readonly Dictionary<string, List<(int Sheet, double Weight)>> _titlePostings;
    private readonly Dictionary<string, List<(int Sheet, double Weight)>> _textPostings;
    private readonly Dictionary<string, List<(int Sheet, int Appellation)>> _appellationPostings;
    private readonly Dictionary<string, List<int>> _exactTitles;
    private readonly Dictionary<string, List<(int Sheet, double Weight)>> _itemPostings;
    private readonly Dictionary<string, double> _itemIdf;
    private readonly Dictionary<int, List<(int Sheet, bool Core)>> _sheetsByItem;
    private float[] _weights = new float[FeatureCount];
    private float _bias;

    private sealed record SheetEntry(Rome4Sheet Sheet, string[][] Appellations, string[][] Principal, Dictionary<string, double> TitleVector, Dictionary<string, double> TextVector, double TitleCount, double Market);

    private OfferOccupationClassifier(SkillsTaxonomy taxonomy, IReadOnlyDictionary<string, int>? offersByRome)
    {
        _taxonomy = taxonomy;
        var sheets = taxonomy.Rome4.Sheets.OrderBy(s => s.Code, StringComparer.Ordinal).ToArray();
        var titleDocs = new List<string>[sheets.Length];
        var textDocs = new List<string>[sheets.Length];
        var appellations = new string[sheets.Length][][];
        var principals = new string[sheets.Length][][];
        _exactTitles = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < sheets.Length; i++)
        {
            var sheet = sheets[i];
            var titles = new List<string[]>();
            titleDocs[i] = [];
            foreach (var code in sheet.AppellationCodes)
            {
                var appellation = taxonomy.Rome4.Appellation(code)!;
                // Both labels split into their gender forms: a short label is often written "Agent / Agente à domicile" too, and
                // read whole it made the title "agent agent domicile", whose repeated word doubled every offer's overlap with it.
                foreach (var form in TextNormalizer.GenderForms(appellation.Label).Concat(TextNormalizer.GenderForms(appellation.ShortLabel)))
                {
                    var tokens = TitleTokens(form);
                    if (tokens.Length > 0 && !titles.Any(t => t.SequenceEqual(tokens)))
                    {
                        titles.Add(tokens);
                        titleDocs[i].AddRange(tokens);
                        var exact = Postings(_exactTitles, string.Join(' ', tokens));
                        if (!exact.Contains(i))
                        {
                            exact.Add(i);
                        }
                    }
                }
            }
            appellations[i] = [.. titles];
            principals[i] = [.. TextNormalizer.GenderForms(sheet.Label).Select(TitleTokens).Where(t => t.Length > 0)];
            textDocs[i] = [.. Tokens(sheet.Definition ?? ""), .. Tokens(sheet.AccessToJob ?? ""),
                .. sheet.CoreItems.SelectMany(item => Tokens(taxonomy.Rome4.Item(item.Code)!.Label))];
        }
        _titleIdf = Idf(titleDocs);
        _textIdf = Idf(textDocs);
        var itemDocs = new List<string>[sheets.Length];
        var itemTokens = new Dictionary<int, string[]>();
        _sheetsByItem = [];
        for (var i = 0; i < sheets.Length; i++)
        {
            itemDocs[i] = [.. sheets[i].Items.SelectMany(item => itemTokens.TryGetValue(item.Code, out var tokens) ? tokens
                : itemTokens[item.Code] = taxonomy.Rome4.Item(item.Code) is { } known ? Tokens(known.Label) : [])];
            foreach (var item in sheets[i].Items)
            {
                var list = _sheetsByItem.TryGetValue(item.Code, out var l) ? l : _sheetsByItem[item.Code] = [];
                list.Add((i, item.Core == Rome4Core.Principal));
            }
        }
        _itemIdf = Idf(itemDocs);
        _itemPostings = new(StringComparer.Ordinal);
        _sheets = new SheetEntry[sheets.Length];
        _titlePostings = new(StringComparer.Ordinal);
        _textPostings = new(StringComparer.Ordinal);
        _appellationPostings = new(StringComparer.Ordinal);
        for (var i = 0; i < sheets.Length; i++)
        {
            var titleVector = Vector(titleDocs[i], _titleIdf);
            var textVector = Vector(textDocs[i], _textIdf);
            // How common the job is: the 2021 offers of its ROME v3 sheet, shared among the ROME 4.0 sheets that continue it.
            var family = Math.Max(1, taxonomy.Rome4.SheetsOfFamily(sheets[i].ParentCode).Count);
            var market = Math.Log(1 + (offersByRome?.GetValueOrDefault(sheets[i].ParentCode) ?? 0) / (double)family);
            _sheets[i] = new SheetEntry(sheets[i], appellations[i], principals[i], titleVector, textVector, appellations[i].Length, market);
            foreach (var (token, weight) in Vector(itemDocs[i], _itemIdf))
            {
                Postings(_itemPostings, token).Add((i, weight));
            }
            foreach (var (token, weight) in titleVector)
            {
                Postings(_titlePostings, token).Add((i, weight));
            }
            foreach (var (token, weight) in textVector)
            {
                Postings(_textPostings, token).Add((i, weight));
            }
            for (var a = 0; a < appellations[i].Length; a++)
            {
                foreach (var token in appellations[i][a].Distinct())
                {
                    Postings(_appellationPostings, token).Add((i, a));
                }
            }
        }
    }

    /// <summary>
    /// The classifier for this taxonomy: read from <paramref name="cacheDirectory"/> when it was trained
    /// on the same data (<paramref name="dataKey"/>: the data folder's SHA256SUMS) and code, else trained
    /// (seconds) and kept there. <paramref name="offersByRome"/> (the 2021 offers per ROME v3 code) gives each
    /// sheet its market prior: among sheets the title fits alike, the more common job.
    /// </summary>
    public static OfferOccupationClassifier LoadOrTrain(SkillsTaxonomy taxonomy, string? cacheDirectory, string? dataKey = null, IReadOnlyDictionary<string, int>? offersByRome = null)
    {
        var classifier = new OfferOccupationClassifier(taxonomy, offersByRome);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            ModelVersion, dataKey ?? "", offersByRome is null ? "no market" : "market", typeof(OfferOccupationClassifier).Module.ModuleVersionId.ToString()))))[..16];
        var path = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"occupation-classifier-{key}.json");
        if (path is not null && File.Exists(path) && classifier.TryRead(path))
        {
            return classifier;
        }
        classifier.Train();
        if (path is not null)
        {
            classifier.TryWrite(path);
        }
        return classifier;
    }

    /// <summary>The <paramref name="top"/> most likely ROME 4.0 codes for an offer, best first, with their probability.</summary>
    public IReadOnlyList<(string Code, float Score)> Rank(string title, string? description, int top = 5) =>
        Rank(new OfferText(title, description), top);

    /// <summary>
    /// The <paramref name="top"/> most likely ROME 4.0 codes for an offer, best first, with their probability: a softmax over
    /// the offer's candidates, as the offer weights were fitted (the calibration table of docs/quality.md is of this figure).
    /// </summary>
    public IReadOnlyList<(string Code, float Score)> Rank(OfferText offer, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var candidates = Features(offer);
        if (candidates.Count == 0)
        {
            return [];
        }
        var z = candidates.ConvertAll(c => Score(c.Features));
        var max = z.Max();
        var sum = z.Sum(x => Math.Exp(x - max));
        return candidates
            .Select((c, i) => (Code: _sheets[c.Sheet].Sheet.Code, Score: (float)(Math.Exp(z[i] - max) / sum)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    private float Score(float[] features)
    {
        var z = LearnedScore(features);
        for (var i = 0; i < features.Length; i++)
        {
            z += s_offerWeights[i] * features[i];
        }
        return z;
    }

    /// <summary>Candidates with their features and the learned score alone (before the offer weights): what the offer weights are fitted on.</summary>
    internal List<(string Code, float[] Features, float Learned)> Explain(OfferText offer) =>
        [.. Features(offer).Select(c => (_sheets[c.Sheet].Sheet.Code, c.Features, LearnedScore(c.Features)))];

    private float LearnedScore(float[] features)
    {
        var z = _bias;
        for (var i = 0; i < features.Length; i++)
        {
            z += _weights[i] * features[i];
        }
        return z;
    }

    /// <summary>Candidate sheets for an offer, with their features.</summary>
    private List<(int Sheet, float[] Features)> Features(OfferText offer)
    {
        var title = WithAbbreviationsWritten(offer.Title);
        var description = offer.Description;
        var titleTokens = Tokens(title);
        var textTokens = string.IsNullOrWhiteSpace(description) ? [] : Tokens(description);
        var titleQuery = Vector(titleTokens, _titleIdf);
        var textQuery = Vector(textTokens, _textIdf);
        var descriptionAsTitle = Vector(textTokens, _titleIdf);

        var titleCos = Cosines(titleQuery, _titlePostings);
        var textCos = Cosines(textQuery, _textPostings);
        var descTitleCos = Cosines(descriptionAsTitle, _titlePostings);
        var descItemCos = Cosines(Vector(textTokens, _itemIdf), _itemPostings);

        // The competences the offer names by code: which sheets hold them (all items, and core ones).
        var competences = new Dictionary<int, (int All, int Core)>();
        var known = 0;
        foreach (var code in offer.Competences?.Distinct() ?? [])
        {
            if (!_sheetsByItem.TryGetValue(code, out var holders))
            {
                continue;
            }
            known++;
            foreach (var (sheet, core) in holders)
            {
                var current = competences.GetValueOrDefault(sheet);
                competences[sheet] = (current.All + 1, current.Core + (core ? 1 : 0));
            }
        }
        var mostCompetences = competences.Count == 0 ? 0 : competences.Values.Max(c => c.All);

        // Best match of the title with one job title of each sheet (Dice), and how much of that job title it holds.
        var dice = new Dictionary<int, (double Dice, double Coverage)>();
        // Each gender form of the offer's title is matched on its own, as ROME's titles are: "Vendeur / Vendeuse en bricolage"
        // is "vendeur bricolage" or "vendeuse bricolage", not three words of which a title can hold two.
        var titleSets = TextNormalizer.GenderForms(offer.Title).Select(form => TitleTokens(WithAbbreviationsWritten(form)).ToHashSet(StringComparer.Ordinal))
            .Where(set => set.Count > 0).ToList();
        var titleSet = titleTokens.ToHashSet(StringComparer.Ordinal);
        if (titleSets.Count == 0)
        {
            titleSets.Add(titleSet);
        }
        foreach (var form in titleSets)
        {
            foreach (var token in form)
            {
                if (!_appellationPostings.TryGetValue(token, out var postings))
                {
                    continue;
                }
                foreach (var (sheet, appellation) in postings)
                {
                    var tokens = _sheets[sheet].Appellations[appellation];
                    var shared = tokens.Count(form.Contains);
                    var d = 2.0 * shared / (tokens.Length + form.Count);
                    var coverage = shared / (double)tokens.Length;
                    var current = dice.GetValueOrDefault(sheet);
                    dice[sheet] = (Math.Max(current.Dice, d), Math.Max(current.Coverage, coverage));
                }
            }
        }

        var candidates = new HashSet<int>();
        foreach (var ranking in new[] { titleCos.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(CandidateCount / 2).Select(p => p.Key),
            dice.OrderByDescending(p => p.Value.Dice).ThenBy(p => p.Key).Take(CandidateCount / 2).Select(p => p.Key),
            textCos.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(CandidateCount / 4).Select(p => p.Key),
            competences.OrderByDescending(p => p.Value.All).ThenBy(p => p.Key).Take(CandidateCount / 4).Select(p => p.Key) })
        {
            candidates.UnionWith(ranking);
        }
        // Offers write the title as ROME does, both genders ("Cuisinier / Cuisinière (H/F)"): each form is a title.
        var exact = TextNormalizer.GenderForms(offer.Title).Select(form => Tokens(form).Distinct(StringComparer.Ordinal)).Append(titleTokens.Distinct(StringComparer.Ordinal))
            .SelectMany(tokens => _exactTitles.GetValueOrDefault(string.Join(' ', tokens)) ?? [])
            .ToHashSet();
        var titleRank = titleCos.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var textRank = textCos.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i);

        var result = new List<(int, float[])>(candidates.Count);
        foreach (var sheet in candidates.Order())
        {
            var entry = _sheets[sheet];
            var (d, coverage) = dice.GetValueOrDefault(sheet);
            // The sheet's own name ("Cuisinier / Cuisinière" rather than "Cuisinier de collectivité").
            var principalDice = 0.0;
            var principalCoverage = 0.0;
            foreach (var principal in entry.Principal)
            {
                foreach (var form in titleSets)
                {
                    var shared = principal.Count(form.Contains);
                    principalDice = Math.Max(principalDice, 2.0 * shared / (principal.Length + form.Count));
                    principalCoverage = Math.Max(principalCoverage, shared / (double)principal.Length);
                }
            }
            result.Add((sheet,
            [
                (float)d,
                (float)coverage,
                exact.Contains(sheet) ? 1 : 0,
                (float)principalDice,
                (float)principalCoverage,
                (float)titleCos.GetValueOrDefault(sheet),
                (float)textCos.GetValueOrDefault(sheet),
                (float)descTitleCos.GetValueOrDefault(sheet),
                titleRank.TryGetValue(sheet, out var tr) ? 1f / (1 + tr) : 0,
                textRank.TryGetValue(sheet, out var xr) ? 1f / (1 + xr) : 0,
                entry.Sheet.ParentCode == entry.Sheet.Code ? 1 : 0,
                (float)Math.Log(1 + entry.TitleCount) / 4,
                (float)entry.Market / 10,
                known == 0 ? 0 : competences.GetValueOrDefault(sheet).All / (float)known,
                known == 0 ? 0 : competences.GetValueOrDefault(sheet).Core / (float)known,
                mostCompetences > 0 && competences.GetValueOrDefault(sheet).All == mostCompetences ? 1 : 0,
                (float)descItemCos.GetValueOrDefault(sheet),
            ]));
        }
        return result;
    }

    private void Train()
    {
        var rows = new List<TrainingRow>();
        void AddQuery(string title, string? description, IReadOnlyCollection<string> codes)
        {
            var features = Features(new OfferText(title, description));
            if (!features.Any(f => codes.Contains(_sheets[f.Sheet].Sheet.Code)))
            {
                return; // the answer is not among the candidates: nothing to learn about ranking them
            }
            foreach (var (sheet, vector) in features)
            {
                rows.Add(new TrainingRow { Label = codes.Contains(_sheets[sheet].Sheet.Code), Features = vector });
            }
        }
        // Job titles ROME does not hold: ESCO's French occupation labels, with the sheets the crosswalk gives them.
        foreach (var occupation in _taxonomy.Occupations.OrderBy(o => o.Id))
        {
            if (occupation.Rome4Codes.Length == 0)
            {
                continue;
            }
            var codes = occupation.Rome4Codes.Take(3).ToHashSet(StringComparer.Ordinal);
            foreach (var label in occupation.AltLabelsFr.Prepend(occupation.LabelFr).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal))
            {
                AddQuery(label, null, codes);
            }
        }

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            NumberOfThreads = 1,
            L2Regularization = 0.1f,
        });
        var model = trainer.Fit(data);
        var parameters = model.Model.SubModel;
        _weights = [.. parameters.Weights];
        _bias = parameters.Bias;
    }

    private bool TryRead(string path)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<float[]>(File.ReadAllText(path));
            if (stored is not { Length: FeatureCount + 1 })
            {
                return false;
            }
            _weights = stored[..FeatureCount];
            _bias = stored[FeatureCount];
            return true;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return false;
        }
    }

    private void TryWrite(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp"; // instances sharing the cache write apart
            File.WriteAllText(temp, JsonSerializer.Serialize<float[]>([.. _weights, _bias]));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; a read-only disk must not stop ingestion.
        }
    }

    /// <summary>The title with its abbreviations written out ("Chauffeur SPL" → "chauffeur super poids lourd").</summary>
    private static string WithAbbreviationsWritten(string title)
    {
        var words = FrenchLabels.Normalize(title).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(s_abbreviations.ContainsKey) ? string.Join(' ', words.Select(w => s_abbreviations.GetValueOrDefault(w) ?? w)) : title;
    }

    /// <summary>Content words of a title or text: folded, stop and noise words ("H/F", "CDI") dropped, crudely stemmed.</summary>
    private static string[] Tokens(string text)
    {
        var words = FrenchLabels.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (!s_noise.Contains(word) && !FrenchLabels.IsStopWord(word))
            {
                tokens.Add(Stem(word));
            }
        }
        return [.. tokens];
    }

    /// <summary>The distinct content words of a job title, in order: a title is a set of words, a repeated one counts once.</summary>
    private static string[] TitleTokens(string title) => [.. Tokens(title).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// <see cref="FrenchLabels.Stem"/>, with the feminine of a past participle ("employée", "chargées", "qualifiée") brought to
    /// its masculine first: the shared stem drops one final 'e', which left "employée" as "employe" and "employé" as "employ".
    /// </summary>
    private static string Stem(string word) =>
        FrenchLabels.Stem(word.Length > 4 && word.EndsWith("ees", StringComparison.Ordinal) ? word[..^2]
            : word.Length > 4 && word.EndsWith("ee", StringComparison.Ordinal) ? word[..^1] : word);

    private static Dictionary<string, double> Idf(List<string>[] documents)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var token in document.Distinct(StringComparer.Ordinal))
            {
                frequency[token] = frequency.GetValueOrDefault(token) + 1;
            }
        }
        return frequency.ToDictionary(p => p.Key, p => Math.Log(1 + ((double)documents.Length / p.Value)), StringComparer.Ordinal);
    }

    /// <summary>L2-normalised (1 + log tf)·idf vector; words the documents never use are dropped.</summary>
    private static Dictionary<string, double> Vector(IEnumerable<string> tokens, Dictionary<string, double> idf)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (idf.ContainsKey(token))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }
        var vector = counts.ToDictionary(p => p.Key, p => (1 + Math.Log(p.Value)) * idf[p.Key], StringComparer.Ordinal);
        var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
        foreach (var token in vector.Keys.ToList())
        {
            vector[token] /= norm;
        }
        return vector;
    }

    private static Dictionary<int, double> Cosines(Dictionary<string, double> query, Dictionary<string, List<(int Sheet, double Weight)>> postings)
    {
        var scores = new Dictionary<int, double>();
        foreach (var (token, weight) in query)
        {
            if (postings.TryGetValue(token, out var list))
            {
                foreach (var (sheet, w) in list)
                {
                    scores[sheet] = scores.GetValueOrDefault(sheet) + (weight * w);
                }
            }
        }
        return scores;
    }

    private static List<T> Postings<T>(Dictionary<string, List<T>> map, string token) =>
        map.TryGetValue(token, out var list) ? list : map[token] = [];

    private sealed class TrainingRow
    {
        public bool Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }
}
