using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>
/// Eleventh review (3 Dec 2026): a task a whole list line names by its noun with an object of other words than its label's, and
/// the lines a feed glued together read apart (docs/quality.md, "Eleventh review, tasks").
/// </summary>
internal sealed partial class OfferSkillReader
{
    private readonly FrozenSet<string> _conditionNouns;

    // ROME 4.0 savoir-faire by their content roots in any order (<see cref="Signature"/>): a task another label says just so.
    private readonly FrozenDictionary<string, Rome4Item[]> _tasksBySignature;

    /// <summary>
    /// The task of the offer's own sheet a whole list line names by its noun and an object, when <see cref="NamedTask"/> finds none
    /// because the object is said in other words than the label's: "- Conditionnement de petites pièces" is "Conditionner des
    /// produits", "- Entreposage des palettes" "Entreposer des produits". The line is nothing but the noun (-age or -ement, not
    /// -ation: "présentation", "formation" name many things) and a "de" object of two words at most; one savoir-faire of the sheet,
    /// one only, starts with that action, not a frequent one (<see cref="_tasksByAction"/>), with one verb (one verb of several is
    /// not enough: "Montage de systèmes électriques" is no "Monter et régler une installation, une machine") and no manner clause
    /// (<see cref="Core"/>). Null otherwise.
    /// </summary>
    private int? LineTask(string piece, string ownSheet, bool line)
    {
        if (!line || NamedTaskItem().Match(WithoutTheirClient(FrenchLabels.Normalize(piece)).Trim()) is not { Success: true } match || !match.Groups["object"].Success)
        {
            return null;
        }
        var noun = match.Groups["noun"].Value;
        noun = noun.EndsWith('s') ? noun[..^1] : noun;
        var action = Root(SkillAligner.Action(noun));
        if (!TaskNoun().IsMatch(noun) || noun.EndsWith("ation", StringComparison.Ordinal)
            || !_tasksByAction.TryGetValue(action, out var tasks))
        {
            return null;
        }
        // A working condition is no task, whatever follows: ROME names conditions with such nouns ("Déplacements professionnels"), and an
        // offer's perks say them so ("- Déplacement de courte durée", "- Hébergement de qualité"). And "de" without an article before a
        // word in the singular says what kind, not what is done to: "de courte durée", "de fonction", "de qualité".
        if (_conditionNouns.Contains(action) || (match.Groups["of"].Value is "de" or "d" && !match.Groups["article"].Success && !Plural().IsMatch(match.Groups["object"].Value)))
        {
            return null;
        }
        var own = tasks.Where(i => i.Sheets.Contains(ownSheet) && Core(i.Label) is null && !SeveralVerbs(i.Label)).Select(i => i.SkillId).Distinct().ToList();
        return own.Count == 1 ? own[0] : null;
    }

    /// <summary>
    /// The roots of the nouns ROME 4.0 names working conditions with, the first word of its work contexts ("Déplacements professionnels",
    /// "Hébergement et hôtellerie de plein air", "Station debout prolongée"): a list line that starts with one is no task said in other words.
    /// </summary>
    private static FrozenSet<string> ConditionNouns(SkillsTaxonomy taxonomy) =>
        taxonomy.Rome4.WorkContexts.Select(c => FrenchLabels.Normalize(c.Label).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .OfType<string>().Select(w => Root(SkillAligner.Action(w.EndsWith('s') ? w[..^1] : w))).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a label starts with several verbs for its objects: "Monter et régler une installation", "Charger, décharger des produits".</summary>
    private static bool SeveralVerbs(string label) =>
        VerbsAtStart().Match(label) is { Success: true } more && !SkillAligner.IsFrame(SkillAligner.Action(FrenchLabels.Normalize(more.Groups[1].Value)));

    // A label's first verb and the next: "Charger, décharger", "Monter et régler".
    [GeneratedRegex(@"^\s*\p{L}+(?:\s*,\s*|\s+(?:et|ou)\s+)(\p{L}+(?:er|ir|re))\b", RegexOptions.CultureInvariant)]
    private static partial Regex VerbsAtStart();

    /// <summary>
    /// A text whose lines the feed glued together (a word of four lower-case letters or more followed at once by a capital and a
    /// lower-case letter: "vente de produits et servicesEncaissement et fidélisationMise en rayon") with each line apart again, so
    /// that each is read as its own sentence or list item. A name written so from its first letter ("PowerPoint", "SolidWorks") or
    /// after a short prefix ("bioMérieux", "iPhone") is left whole.
    /// </summary>
    internal static string? Unglued(string? text) => string.IsNullOrEmpty(text) ? text : GluedLines().Replace(text, "$1\n$2");

    [GeneratedRegex(@"\b(\p{Ll}{4,})(\p{Lu}\p{Ll})", RegexOptions.CultureInvariant)]
    private static partial Regex GluedLines();

    // An object in the plural: its last word ends in -s or -x ("petites pièces", "colis", "travaux").
    [GeneratedRegex(@"[sx]$", RegexOptions.CultureInvariant)]
    private static partial Regex Plural();
}
