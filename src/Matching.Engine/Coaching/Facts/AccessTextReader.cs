using System.Text.RegularExpressions;

namespace Matching.Engine.Coaching.Facts;

/// <summary>
/// Reads a ROME job sheet's access text ("accès à l'emploi", one or several sentences as France Travail writes
/// them) for what the law requires and for the driving licence. The sheets follow a pattern: a qualification
/// (diploma, title, licence, professional card, approval...) named with a mandatory word ("obligatoire",
/// "exigé", "il faut être titulaire", "requis") is a legal condition, unless the sentence makes it optional
/// ("peut être exigé", "aucun diplôme n'est requis") or limits it to some posts ("pour les postes de...").
/// Employer-issued authorisations (electrical clearance, CACES) are not read as the law closing the job.
/// </summary>
public static partial class AccessTextReader
{
    /// <summary>The text's sentences: one per line, lines split again at full stops.</summary>
    public static IReadOnlyList<string> Sentences(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Replace("''", "'", StringComparison.Ordinal)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(line => SentenceEnd().Split(line))
                .Select(s => s.Trim())
                .Where(s => s.Length > 0)];

    /// <summary>The sentences that make a qualification mandatory to practise the job.</summary>
    public static IReadOnlyList<string> LegalRequirements(IEnumerable<string> sentences) =>
        [.. sentences.Where(s => Qualification().IsMatch(s) && Mandatory().IsMatch(s) && !NotMandatory().IsMatch(s))];

    /// <summary>
    /// Whether the job is regulated: the ROME 4.0 flag (<c>emploi_reglemente</c>: O yes, N no) when the export gives
    /// it, else whether the access text makes a qualification mandatory (null when it does not: unknown).
    /// </summary>
    public static bool? Regulated(bool? flag, IReadOnlyList<string> legalRequirements) =>
        flag ?? (legalRequirements.Count > 0 ? true : null);

    /// <summary>
    /// Whether VAE can deliver what the law requires: false when it includes a licence, a professional card, an
    /// approval or an authorisation (no VAE delivers a driving licence or a CNAPS card); true when it is a
    /// diploma, a title or a certificate; null when the sentences say neither.
    /// </summary>
    public static bool? ByVae(IReadOnlyList<string> requirements)
    {
        if (requirements.Any(s => NotByVae().IsMatch(s)))
        {
            return false;
        }
        return requirements.Any(s => Diploma().IsMatch(s)) ? true : null;
    }

    /// <summary>The sentence about a driving licence, and whether it makes it a condition of the job
    /// ("accessible avec un permis B", "obligatoire") rather than an asset ("souvent nécessaire", "peut être demandé").</summary>
    public static (string Sentence, bool Mandatory)? DrivingLicence(IEnumerable<string> sentences)
    {
        foreach (var sentence in sentences)
        {
            if (DrivingLicenceMention().IsMatch(sentence))
            {
                var mandatory = (Mandatory().IsMatch(sentence) || LicenceCondition().IsMatch(sentence)) && !NotMandatory().IsMatch(sentence) && !Sometimes().IsMatch(sentence);
                return (sentence, mandatory);
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?<=[\p{L}\d)»]\.)\s+(?=[A-ZÉÀÂÎ])")]
    private static partial Regex SentenceEnd();

    // Diplomas, titles, certificates (not CACES), licences (not a bar's "permis d'exploitation"), cards, approvals.
    [GeneratedRegex(@"diplôme|\btitre\b|certificat(?!s?\(?s?\)? d.aptitude à la conduite)|\bpermis\b(?! d.exploitation)|carte professionnelle|agrément|autorisation|inscription au tableau|\bFIMO\b|\bCQP\b|brevet", RegexOptions.IgnoreCase)]
    private static partial Regex Qualification();

    [GeneratedRegex(@"obligatoire|\bexigée?s?\b|il faut (également |aussi )?(être titulaire|détenir|posséder|disposer|un |une |le |la )|doi(t|vent) (obligatoirement )?être titulaires?|\brequise?s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Mandatory();

    [GeneratedRegex(@"\b(non|pas|aucune?|ni)\b[^.]{0,40}(obligatoire|exigée?s?|requise?s?)|n'est (pas )?(obligatoire|exigée?|requise?)|ne sont pas|peu\(?(ven)?\)?t (également |aussi |parfois )?être|\bselon\b|en nom propre|pour (exercer )?les (postes|fonctions|opérations)|pour (effectuer|le commerce|présenter|la coordination|la conduite de)|dans (le cadre|certains)|recommandée?|conseillée?", RegexOptions.IgnoreCase)]
    private static partial Regex NotMandatory();

    [GeneratedRegex(@"\bpermis\b(?! d.exploitation)|carte professionnelle|agrément|autorisation|inscription au tableau|\bFIMO\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotByVae();

    [GeneratedRegex(@"diplôme|\btitre\b|certificat|brevet|\bCQP\b", RegexOptions.IgnoreCase)]
    private static partial Regex Diploma();

    [GeneratedRegex(@"\b(?i:permis) (?:(?i:de conduire|poids)|[BCDE]1?E?\b)")]
    private static partial Regex DrivingLicenceMention();

    [GeneratedRegex(@"accessible (avec|aux titulaires)|titulaire", RegexOptions.IgnoreCase)]
    private static partial Regex LicenceCondition();

    [GeneratedRegex(@"souvent|parfois|peut|peuvent|éventuellement|apprécié|atout|un plus", RegexOptions.IgnoreCase)]
    private static partial Regex Sometimes();
}
