using System.Text.RegularExpressions;
using Matching.Engine.Coaching.Questionnaire;

namespace Matching.Engine.Coaching.Facts;

/// <summary>
/// Reads whether a ROME job sheet usually requires a diploma, and which level, from its "accès à l'emploi"
/// text ("Cet emploi/métier est accessible avec un diplôme de niveau CAP/BEP ..."). The sheets are written
/// to a pattern: the first diploma named is the entry level; any route without a diploma (no diploma
/// needed, or experience instead) means the diploma is not a must.
/// </summary>
public static partial class RomeDiplomaReader
{
    /// <param name="Required">True when the sheet names a diploma and no route without one; null when it names neither.</param>
    /// <param name="Level">The first diploma level named (the usual entry level), also when a route without diploma
    /// exists; null when unknown (e.g. a "Diplôme d'État" of unstated level).</param>
    public readonly record struct Requirement(bool? Required, DiplomaLevel? Level);

    public static Requirement Read(string? accessConditions)
    {
        if (string.IsNullOrWhiteSpace(accessConditions))
        {
            return new(null, null);
        }
        var text = accessConditions.ToLowerInvariant().Replace('’', '\'');
        var withoutDiploma = NoDiplomaRoute().IsMatch(text);
        var match = DiplomaMention().Match(text);
        if (!match.Success)
        {
            return new(withoutDiploma ? false : null, null);
        }
        DiplomaLevel? level = match.Value.Replace(" ", "", StringComparison.Ordinal) switch
        {
            "cap/bep" or "cap" or "bep" => DiplomaLevel.CapBep,
            "bac+2" or "bts" or "dut" => DiplomaLevel.Bac2,
            "bac+3" or "licence" => DiplomaLevel.Bac3,
            // No bac+4 level in the questionnaire: requiring bac+4 means bac+3 is not enough and bac+5 is.
            "bac+4" or "bac+5" or "master" => DiplomaLevel.Bac5,
            "bac" => DiplomaLevel.Bac,
            "doctorat" => DiplomaLevel.Doctorate,
            _ => null,
        };
        // The level is kept even when a route without diploma exists: it is still the usual entry level.
        return new(!withoutDiploma, level);
    }

    // "sans diplôme", "ou avec une expérience", "accessible avec une expérience", "sur expérience".
    [GeneratedRegex(@"sans diplôme|ou avec une expérience|ou sur expérience|accessible (avec une|sur) expérience|accessible sans")]
    private static partial Regex NoDiplomaRoute();

    [GeneratedRegex(@"cap/bep|\bcap\b|\bbep\b|bac ?\+ ?[2-5]|\bbac\b|\bbts\b|\bdut\b|licence|master|doctorat|diplôme d'[ée]tat")]
    private static partial Regex DiplomaMention();
}
