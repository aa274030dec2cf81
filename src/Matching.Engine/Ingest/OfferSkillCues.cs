using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>
/// What an offer asks for in words no skill label spells, read as a careful reader would
/// (docs/quality.md, "Reading a real offer"): the qualities of the ROME 4.0 savoir-être items ("vous êtes
/// rigoureux et autonome", "esprit d'équipe") and the licences and certificates named by their usual short
/// forms ("permis B obligatoire", "CACES 1, 3 et 5", "habilitation électrique B1V"). Each cue names a ROME 4.0
/// label, so the data decides the skill; a cue whose label ROME does not have reads nothing.
/// <para>
/// A quality counts only when it is asked of the candidate: not the residents' autonomy a carer preserves
/// ("perte d'autonomie", "favoriser l'autonomie des résidents"), not the employer's own ("reconnue pour sa
/// rigueur", "une équipe à votre écoute"), not one denied ("ne nécessite pas le permis B").
/// </para>
/// Text is matched in its normalised form (<see cref="FrenchLabels.Normalize"/>: no accents, no punctuation).
/// </summary>
internal sealed partial class OfferSkillCues
{
    private static readonly ConditionalWeakTable<SkillsTaxonomy, OfferSkillCues> s_instances = [];

    // Words just before a quality that make it someone else's: the people cared for, the employer, a denial, a wish ("plus d'autonomie").
    private static readonly HashSet<string> s_notAsked = new(
        ["perte", "favoriser", "favorise", "maintien", "maintenir", "aide", "aider", "acces", "developper", "encourager", "stimuler",
         "preserver", "retrouver", "leur", "leurs", "sa", "son", "ses", "notre", "nos", "pas", "sans", "ni", "plus"],
        StringComparer.Ordinal);

    // Denied right after (3 Dec, branch fields): "La maîtrise des outils informatiques n'est pas requise", "CACES B1 non requis".
    [GeneratedRegex(@"^(?: \w+)? (?:n est pas|ne sont pas|n est plus|non|pas) (?:requise?s?|necessaires?|exigee?s?|obligatoires?|demandee?s?|indispensables?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DeniedAfter();

    // A CACES the employer has the candidate pass or pays for, not one asked: "nous vous ferons passer le CACES", "formation CACES prise en charge".
    [GeneratedRegex(@"\b(?:passer|passerez|passez|preparer|preparerez|obtenir|obtiendrez|financer|financons|financement|formation (?:au|a|du)) (?:le |la |les |votre |vos |du |au )?$", RegexOptions.CultureInvariant)]
    private static partial Regex CacesTrainingBefore();

    [GeneratedRegex(@"^(?: \w+){0,3} (?:pris(?:e|es)? en charge|offerte?s?|financee?s?|assuree?s?|possible)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CacesTrainingAfter();

    // Whose quality it is, just after it: "l'autonomie des résidents".
    [GeneratedRegex(@"^ (?:des|du|de la|de l|de leurs?|d) (?:jeunes|residents?|personnes?|enfants?|patients?|beneficiaires?|usagers?|eleves?|malades|seniors|aines|accompagnes|adultes|publics?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Beneficiary();

    // Driving licences: "permis B", "permis de conduire (de) catégorie C", "permis PL", "permis B et C". Read in the text as
    // written: the D and A categories only in capitals ("permis de conduire", "permis d'exploitation" are no category D, "permis à points" no A).
    [GeneratedRegex(@"(?i:\bpermis\s+(?:de\s+conduire\s+)?(?:(?:de\s+)?cat[ée]gorie\s+|cat\.?\s*|type\s+)?)(?:(?i:(?<cat>b\.e|b\+e|b|be|remorque|c|c1|ce|ec|pl|spl|vl|poids[\s-]lourds?|super[\s-]lourds?))|(?<cat>D|D1|DE|A|A1|A2))\b(?:\s*(?:et|ou|\+|/|,)\s*(?:(?i:(?<cat>b|be|c|ce|ec|pl|spl))|(?<cat>D|DE|A|A1|A2))\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex Licence();

    // "CACES R489 catégorie 3", "CACES 1, 3 et 5" (forklift categories), "CACES nacelle", "CACES R486", "CACES R484 cat 1",
    // "CACES pont roulant", "CACES PONT R484", "CACES C2" / "CACES B1" (the R482 earth-moving categories, which no other
    // recommendation spells with a letter and a digit).
    [GeneratedRegex(@"\bcaces (?:(?:pont )?r ?(?<r>\d{3})(?: ?(?:categorie |cat ?)?(?<sub>[1-9a-g][1-3]?)\b)?|(?:categorie |cat )?(?<cat>[1-7])(?: ?[ab])?\b|(?<r482>[bc][1-3])\b|(?<kind>nacelles?|pemp|engins? de chantier|chantier|ponts? roulants?|grues?|gerbeurs?))", RegexOptions.CultureInvariant)]
    private static partial Regex Caces();

    [GeneratedRegex(@"\b(?:habilitations? electriques?|habilitations? (?:b0|h0|h0v|b1|b1v|b2|b2v|br|bc|bs|be))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ElectricalClearance();

    // Shifts written with a star ("équipe 2*8", "Horaire 2*8"), which normalising would make "2 8": read as "2x8".
    [GeneratedRegex(@"(?<=\b[23])[ \t]*\*[ \t]*(?=8(?:h|h00)?\b)", RegexOptions.CultureInvariant)]
    private static partial Regex StarShift();

    private readonly (Regex Pattern, Skill Skill)[] _qualities;
    private readonly Dictionary<string, Skill> _licences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Skill> _caces = new(StringComparer.Ordinal);
    private readonly Skill? _electrical;
    private readonly HashSet<int> _licenceIds = [];

    private OfferSkillCues(SkillsTaxonomy taxonomy)
    {
        var reader = OfferSkillReader.For(taxonomy);
        // The ROME 4.0 savoir-être items (macro-competences, "Transverse") and two competences, in the words offers use for them.
        // Then those said in other words (eleventh review): "sérieux", "port de charges", "soigneux".
        _qualities = [.. QualityWords.All.Concat(QualityWords.InOtherWords)
            .Select(q => (Pattern: QualityWords.Regex(q.Pattern), Skill: reader.ByLabel(q.Label, romeFirst: true)))
            .Where(q => q.Skill is not null)
            .Select(q => (q.Pattern, q.Skill!))];

        foreach (var category in new[] { "A", "A1", "A2", "B", "BE", "C", "C1", "CE", "C1E", "D", "D1", "DE" })
        {
            if (reader.DrivingLicence(category) is { } licence)
            {
                _licences[category.ToLowerInvariant()] = licence;
            }
        }
        foreach (var (alias, category) in new[] { ("b e", "be"), ("b+e", "be"), ("remorque", "be"), ("ec", "ce"), ("pl", "c"), ("poids lourd", "c"), ("poids lourds", "c"), ("spl", "ce"), ("super lourd", "ce"), ("super lourds", "ce"), ("vl", "b") })
        {
            if (_licences.TryGetValue(category, out var licence))
            {
                _licences[alias] = licence;
            }
        }

        // The general item of each CACES recommendation: "Chariots de manutention automoteurs à conducteur porté (CACES R 489)".
        foreach (var item in taxonomy.Rome4.Items.OrderBy(i => i.Label.Length).ThenBy(i => i.Code))
        {
            if (item.Kind == Rome4ItemKind.Savoir && item.SkillId >= 0 && CacesItem().Match(item.Label) is { Success: true } match)
            {
                _caces.TryAdd(match.Groups["r"].Value, taxonomy.Skills[item.SkillId]);
            }
        }
        // A category's own item: "Engins de réglage à déplacement alternatif (CACES R 482-C2)", "CACES R484 catégorie 1 - Pont roulant et
        // portique". R484 (travelling cranes) has no general item; its predecessor R318's "Ponts roulants (CACES R 318)" names the machine.
        foreach (var item in taxonomy.Rome4.Items.OrderBy(i => i.Label.Length).ThenBy(i => i.Code))
        {
            if (item.Kind == Rome4ItemKind.Savoir && item.SkillId >= 0 && CacesCategoryItem().Match(item.Label) is { Success: true } match)
            {
                _caces.TryAdd($"{match.Groups["r"].Value}-{match.Groups["sub"].Value.ToLowerInvariant()}", taxonomy.Skills[item.SkillId]);
            }
        }
        foreach (var (kind, recommendations) in new[] { ("cat", "489"), ("nacelle", "486"), ("nacelles", "486"), ("pemp", "486"), ("engin de chantier", "482"), ("engins de chantier", "482"), ("chantier", "482"), ("pont roulant", "484 318"), ("ponts roulants", "484 318"), ("grue", "483"), ("grues", "483"), ("gerbeur", "485"), ("gerbeurs", "485") })
        {
            foreach (var recommendation in recommendations.Split(' '))
            {
                if (_caces.TryGetValue(recommendation, out var skill))
                {
                    _caces[kind] = skill;
                    break;
                }
            }
        }
        foreach (var item in taxonomy.Rome4.Items)
        {
            if (item.SkillId >= 0 && item.Label.StartsWith("Permis de conduire", StringComparison.Ordinal))
            {
                _licenceIds.Add(item.SkillId);
            }
        }
        _electrical = reader.ByLabel("Habilitation électrique", romeFirst: true);
    }

    public static OfferSkillCues For(SkillsTaxonomy taxonomy) => s_instances.GetValue(taxonomy, t => new OfferSkillCues(t));

    /// <summary>Whether the skill is one of the qualities the cues read ("rigoureux", "commerçant dans l'âme", "discrétion"): it says nothing of which job.</summary>
    public bool IsQuality(Skill skill) => _qualities.Any(q => q.Skill.Id == skill.Id);

    /// <summary>The skills the cues find in one sentence or field, each once, in order of first appearance.</summary>
    public IEnumerable<Skill> In(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        var normalized = FrenchLabels.Normalize(StarShift().Replace(text, "x"));
        var seen = new HashSet<int>();
        foreach (var (pattern, skill) in _qualities)
        {
            foreach (Match match in pattern.Matches(normalized))
            {
                if (Asked(normalized, match) && seen.Add(skill.Id))
                {
                    yield return skill;
                    break;
                }
            }
        }
        foreach (Match match in Licence().Matches(text))
        {
            if (!Asked(FrenchLabels.Normalize(text[..match.Index]), " " + FrenchLabels.Normalize(text[(match.Index + match.Length)..])))
            {
                continue;
            }
            foreach (Capture category in match.Groups["cat"].Captures)
            {
                if (_licences.TryGetValue(FrenchLabels.Normalize(category.Value), out var licence) && seen.Add(licence.Id))
                {
                    yield return licence;
                }
            }
        }
        foreach (Match match in Caces().Matches(normalized))
        {
            if (Asked(normalized, match) && !CacesTrainingBefore().IsMatch(normalized[..match.Index]) && !CacesTrainingAfter().IsMatch(normalized[(match.Index + match.Length)..])
                && CacesOf(match) is { } caces && seen.Add(caces.Id))
            {
                yield return caces;
            }
        }
        if (_electrical is not null && ElectricalClearance().Match(normalized) is { Success: true } clearance && Asked(normalized, clearance) && seen.Add(_electrical.Id))
        {
            yield return _electrical;
        }
    }

    /// <summary>Whether the skill is a driving licence's category ("Permis de conduire catégorie D"): read only as written.</summary>
    public bool IsLicence(Skill skill) => _licenceIds.Contains(skill.Id);

    // A CACES by its recommendation's general item ("CACES C2" is R482's "Engin de chantier (CACES R 482)"); for a recommendation
    // without one (R484), by its category's own item ("CACES R484 cat 1"), else by its predecessor's general item (R318).
    private Skill? CacesOf(Match match)
    {
        if (match.Groups["r482"].Success)
        {
            return _caces.GetValueOrDefault("482");
        }
        if (match.Groups["r"].Success)
        {
            var r = match.Groups["r"].Value;
            return _caces.GetValueOrDefault(r)
                ?? (match.Groups["sub"].Success ? _caces.GetValueOrDefault($"{r}-{match.Groups["sub"].Value}") : null)
                ?? (r == "484" ? _caces.GetValueOrDefault("318") : null);
        }
        return _caces.GetValueOrDefault(match.Groups["cat"].Success ? "cat" : match.Groups["kind"].Value);
    }

    private static bool Asked(string normalized, Match match) => Asked(normalized[..match.Index], normalized[(match.Index + match.Length)..]);

    /// <summary>Whether the cue is asked of the candidate: no word of someone else's or of denial just before it, no one else's just after.</summary>
    private static bool Asked(string before, string after)
    {
        var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = Math.Max(0, words.Length - 3); i < words.Length; i++)
        {
            if (s_notAsked.Contains(words[i]))
            {
                return false;
            }
        }
        return !Beneficiary().IsMatch(after) && !DeniedAfter().IsMatch(after);
    }

    [GeneratedRegex(@"^[^(]*\(CACES R ?(?<r>\d{3})\)", RegexOptions.CultureInvariant)]
    private static partial Regex CacesItem();

    // "(CACES R 482-C2)", "(CACES R482-B3)", "CACES R484 catégorie 1 - Pont roulant et portique".
    [GeneratedRegex(@"\(CACES R ?(?<r>\d{3})-(?<sub>[0-9A-G][0-9AB]?)\)|^CACES R ?(?<r>\d{3}) catégorie (?<sub>[0-9A-G][0-9]?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CacesCategoryItem();
}
