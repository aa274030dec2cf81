namespace Matching.Engine.Ingest;

public enum PlaceCodeKind
{
    /// <summary>INSEE commune code (69383).</summary>
    Commune,
    Postcode,
}

/// <summary>
/// A code to resolve to a place. The kind travels with the code because the two overlap: 01400 is
/// the postcode of L'Abergement-Clémenciat and the INSEE code of Seillonnaz.
/// </summary>
public readonly record struct PlaceCode(PlaceCodeKind Kind, string Code);
