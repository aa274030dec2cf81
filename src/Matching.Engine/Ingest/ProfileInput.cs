namespace Matching.Engine.Ingest;

/// <summary>A seeker's profile as a client sends it (the matching-relevant part).</summary>
public sealed record ProfileInput
{
    /// <summary>Required, 1..200 characters.</summary>
    public string? Id { get; init; }

    /// <summary>Each an ESCO occupation URI, a ROME code or a ROME title code_ogr.</summary>
    public IReadOnlyList<string>? TargetOccupations { get; init; }

    public IReadOnlyList<ProfileSkillInput>? Skills { get; init; }

    public PlaceInput? Place { get; init; }

    /// <summary>0..1000 km, 30 when absent.</summary>
    public double? RadiusKm { get; init; }

    /// <summary>Years of experience in the target job, 0..60.</summary>
    public double? ExperienceYears { get; init; }

    /// <summary>Contract codes or names, as for an offer's contract; empty means any.</summary>
    public IReadOnlyList<string>? ContractWishes { get; init; }

    /// <summary>Consent to appear in recruiters' searches; false when absent.</summary>
    public bool? Searchable { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>A skill a seeker offers.</summary>
public sealed record ProfileSkillInput
{
    /// <summary>ESCO skill URI.</summary>
    public string? Uri { get; init; }

    /// <summary>declared (default), pastJob or adviserConfirmed.</summary>
    public string? Evidence { get; init; }
}
