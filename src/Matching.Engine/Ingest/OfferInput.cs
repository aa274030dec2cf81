namespace Matching.Engine.Ingest;

// Wire models: every field is optional and loosely typed (codes as strings) so that a bad value
// becomes a validation error naming its field, not a deserialisation failure of the whole item.

/// <summary>
/// An offer as a client sends it: either Coach's own schema (<see cref="OfferInput"/>) or France
/// Travail's "Offres d'emploi v2" (<see cref="FranceTravailOffer"/>). The set is closed.
/// </summary>
public abstract record OfferSubmission
{
    private protected OfferSubmission()
    {
    }
}

/// <summary>Coach's own offer schema.</summary>
public sealed record OfferInput : OfferSubmission
{
    /// <summary>Required, 1..200 characters; upserts replace the offer with the same id.</summary>
    public string? Id { get; init; }

    /// <summary>Required, 1..500 characters.</summary>
    public string? Title { get; init; }

    /// <summary>An ESCO occupation URI, a ROME code (M1805) or a ROME title code_ogr (14153).</summary>
    public string? Occupation { get; init; }

    /// <summary>ROME code, when <see cref="Occupation"/> is an ESCO URI and the client knows it better than the crosswalk.</summary>
    public string? RomeCode { get; init; }

    /// <summary>Skills demanded; when absent or empty, the occupation's skills are inferred.</summary>
    public IReadOnlyList<OfferSkillInput>? Skills { get; init; }

    public PlaceInput? Place { get; init; }

    /// <summary>CDI, CDD, MIS, SAI, LIB, alternance, or a <see cref="Indexing.ContractType"/> name.</summary>
    public string? Contract { get; init; }

    /// <summary>D/S/E or beginner/desired/required.</summary>
    public string? Experience { get; init; }

    public double? ExperienceYears { get; init; }
    public bool? FullTime { get; init; }

    /// <summary>Driving licence: required, desired or none (also E, S); absent: not stated.</summary>
    public string? DrivingLicence { get; init; }
    public string? Hours { get; init; }
    public string? Salary { get; init; }
    public string? Company { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? Source { get; init; }
}

/// <summary>A skill an offer demands.</summary>
public sealed record OfferSkillInput
{
    /// <summary>ESCO skill URI.</summary>
    public string? Uri { get; init; }

    /// <summary>essential (default) or optional.</summary>
    public string? Importance { get; init; }

    public bool? MustHave { get; init; }
}

/// <summary>A place: a commune INSEE code, a postcode, or coordinates (any combination).</summary>
public sealed record PlaceInput
{
    /// <summary>INSEE commune code (69383), not a postcode.</summary>
    public string? Commune { get; init; }

    public string? Postcode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Label { get; init; }
}
