using System.Text.RegularExpressions;

namespace Matching.Engine.Ingest;

/// <summary>
/// Offers written as a form: "Port de charges : non.", "Travail en hauteur : non", "Permis : aucun". The readers split
/// sentences at a colon, so the answer after it was not seen and the field's name was read as asked ("Port de charges : non"
/// read as "soulever des charges lourdes"; docs/quality.md, 3 Dec 2026, branch <c>fields</c>). A field the offer answers
/// with a denial says nothing asked: it is taken out of the text before any reading. A field answered otherwise ("Port de
/// charges : oui", "Horaires : 2x8") is left as it is.
/// </summary>
internal static partial class OfferFormFields
{
    /// <summary>The text without the form fields it denies; null or blank text as given.</summary>
    public static string? WithoutDenied(string? text) =>
        string.IsNullOrWhiteSpace(text) || !text.Contains(':', StringComparison.Ordinal) ? text : Denied().Replace(text, "${start} ");

    // A field's name (one to six words, no sentence or list mark inside) at the start of a line, a sentence or a list item, a colon,
    // then only a denial up to the end of that piece: "non", "aucun(e)", "néant", "non requis / exigé / obligatoire / nécessaire /
    // concerné". Not "non" before more words ("Permis : non seulement le B mais..."), not an answer that says something.
    [GeneratedRegex(@"(?<start>^[ \t]*[-–*•]?|[\n.;!?•*]|\s[-–]\s|,)(?<field>[ \t]*[\p{L}'’][\p{L}\p{N}'’ \t/()-]{0,60}?)[ \t]*:[ \t]*(?i:non(?:[ \t]+(?:requis|exigée?s?|obligatoires?|nécessaires?|demandée?s?|concernée?s?|applicables?|souhaitée?s?))?|aucune?|néant)[ \t]*(?:\([^)\n]*\)[ \t]*)?(?=[\n.;!?•*,]|$)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Denied();
}
