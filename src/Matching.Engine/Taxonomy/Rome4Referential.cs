using System.Collections.Frozen;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// ROME 4.0 (France Travail, version 60 of Sept 2025), the classification real offers use: sheets,
/// titles, competences and savoirs, sectors, interest centres. Every ROME v3 code is still a ROME 4.0
/// code (the v3 sheet's continuation), and each ROME 4.0 sheet names its v3 parent: a v3 code reaches
/// its ROME 4.0 sheets through <see cref="SheetsOfFamily"/>, a ROME 4.0 code its v3 family through
/// <see cref="FamilyOf"/>. Immutable once loaded; lookups are O(1).
/// </summary>
public sealed class Rome4Referential
{
    private readonly FrozenDictionary<string, Rome4Sheet> _sheets;
    private readonly FrozenDictionary<string, Rome4Sheet[]> _families;
    private readonly FrozenDictionary<int, Rome4Appellation> _appellations;
    private readonly FrozenDictionary<int, Rome4Item> _items;
    private readonly FrozenDictionary<int, Rome4Sector> _sectors;
    private readonly FrozenDictionary<int, Rome4InterestCentre> _interestCentres;
    private readonly FrozenDictionary<int, Rome4NafSector> _nafSectors;
    private readonly FrozenDictionary<int, Rome4WorkContext> _workContexts;
    private readonly FrozenDictionary<string, string> _themes;

    internal Rome4Referential(
        IEnumerable<Rome4Sheet> sheets,
        IEnumerable<Rome4Appellation> appellations,
        IEnumerable<Rome4Item> items,
        IEnumerable<Rome4Sector> sectors,
        IEnumerable<Rome4InterestCentre> interestCentres,
        IEnumerable<Rome4NafSector> nafSectors,
        IEnumerable<Rome4WorkContext> workContexts,
        IEnumerable<KeyValuePair<string, string>> themes)
    {
        _sheets = sheets.ToFrozenDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        _families = _sheets.Values
            .GroupBy(s => s.ParentCode, StringComparer.OrdinalIgnoreCase)
            // The continuation (same code as the v3 sheet) first, then the sheets split from it.
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(s => s.Code == g.Key ? 0 : 1).ThenBy(s => s.Code, StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);
        _appellations = appellations.ToFrozenDictionary(a => a.Code);
        _items = items.ToFrozenDictionary(i => i.Code);
        _sectors = sectors.ToFrozenDictionary(s => s.Code);
        _interestCentres = interestCentres.ToFrozenDictionary(c => c.Code);
        _nafSectors = nafSectors.ToFrozenDictionary(n => n.Code);
        _workContexts = workContexts.ToFrozenDictionary(c => c.Code);
        _themes = themes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The 1,584 sheets.</summary>
    public IReadOnlyCollection<Rome4Sheet> Sheets => _sheets.Values;

    /// <summary>The 13,120 job titles.</summary>
    public IReadOnlyCollection<Rome4Appellation> Appellations => _appellations.Values;

    /// <summary>Competences (savoir-faire, savoir-être, macro-competences included) and savoirs.</summary>
    public IReadOnlyCollection<Rome4Item> Items => _items.Values;

    /// <summary>Activity sectors and sub-sectors.</summary>
    public IReadOnlyCollection<Rome4Sector> Sectors => _sectors.Values;

    public IReadOnlyCollection<Rome4InterestCentre> InterestCentres => _interestCentres.Values;

    public IReadOnlyCollection<Rome4NafSector> NafSectors => _nafSectors.Values;

    public IReadOnlyCollection<Rome4WorkContext> WorkContexts => _workContexts.Values;

    /// <summary>The ROME v3 codes that are the parent of a ROME 4.0 sheet (532).</summary>
    public IReadOnlyCollection<string> Families => _families.Keys;

    /// <summary>The sheet of a ROME 4.0 code, or of a ROME v3 code (its continuation, same code); null when unknown.</summary>
    public Rome4Sheet? Sheet(string code) => _sheets.GetValueOrDefault(code.Trim());

    public Rome4Appellation? Appellation(int code) => _appellations.GetValueOrDefault(code);

    public Rome4Item? Item(int code) => _items.GetValueOrDefault(code);

    public Rome4Sector? Sector(int code) => _sectors.GetValueOrDefault(code);

    public Rome4InterestCentre? InterestCentre(int code) => _interestCentres.GetValueOrDefault(code);

    public Rome4NafSector? NafSector(int code) => _nafSectors.GetValueOrDefault(code);

    public Rome4WorkContext? WorkContext(int code) => _workContexts.GetValueOrDefault(code);

    public string? Theme(string code) => _themes.GetValueOrDefault(code);

    /// <summary>
    /// The ROME v3 family of a code: a ROME 4.0 sheet's parent (M1811 → M1802), a v3 code itself;
    /// null for a code ROME does not know. This is how a ROME 4.0 code reaches the 2021 statistics.
    /// </summary>
    public string? FamilyOf(string code) => Sheet(code)?.ParentCode;

    /// <summary>The ROME 4.0 sheets of a ROME v3 code, its continuation first (M1805 → M1805, M1813, M1814...); empty when it is no v3 code.</summary>
    public IReadOnlyList<Rome4Sheet> SheetsOfFamily(string v3Code) => _families.GetValueOrDefault(v3Code.Trim()) ?? [];

    public const string CompetenceUriPrefix = "rome4:competence:";
    public const string SavoirUriPrefix = "rome4:savoir:";

    /// <summary>The skill URI of a ROME 4.0 item: savoir-faire and savoir-être are competences.</summary>
    public static string SkillUri(int code, Rome4ItemKind kind) =>
        (kind == Rome4ItemKind.Savoir ? SavoirUriPrefix : CompetenceUriPrefix) + code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when both codes fall in the same ROME v3 family.</summary>
    public bool SameFamily(string a, string b) => FamilyOf(a) is { } fa && string.Equals(fa, FamilyOf(b), StringComparison.OrdinalIgnoreCase);
}
