namespace Matching.Engine.Ingest;

/// <summary>
/// An offer in France Travail's "Offres d'emploi v2" format. Only the fields Coach uses are bound;
/// the API's many others are ignored.
/// </summary>
public sealed record FranceTravailOffer : OfferSubmission
{
    public string? Id { get; init; }
    public string? Intitule { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? DateCreation { get; init; }
    public DateTimeOffset? DateActualisation { get; init; }
    public FranceTravailPlace? LieuTravail { get; init; }
    public string? RomeCode { get; init; }
    public string? RomeLibelle { get; init; }
    public string? Appellationlibelle { get; init; }
    public FranceTravailCompany? Entreprise { get; init; }

    /// <summary>CDI, CDD, MIS, SAI, LIB, FRA, ...</summary>
    public string? TypeContrat { get; init; }

    public string? TypeContratLibelle { get; init; }
    public string? NatureContrat { get; init; }

    /// <summary>D (beginners accepted), S (desired), E (required).</summary>
    public string? ExperienceExige { get; init; }

    /// <summary>"2 An(s)", "6 Mois", "Débutant accepté", ...</summary>
    public string? ExperienceLibelle { get; init; }

    public IReadOnlyList<FranceTravailCompetence>? Competences { get; init; }
    public IReadOnlyList<FranceTravailFormation>? Formations { get; init; }
    public IReadOnlyList<FranceTravailLicence>? Permis { get; init; }
    public IReadOnlyList<FranceTravailLanguage>? Langues { get; init; }
    public IReadOnlyList<FranceTravailQuality>? QualitesProfessionnelles { get; init; }
    public FranceTravailSalary? Salaire { get; init; }
    public string? DureeTravailLibelle { get; init; }

    /// <summary>"Temps plein" or "Temps partiel".</summary>
    public string? DureeTravailLibelleConverti { get; init; }

    public bool? Alternance { get; init; }
    public int? NombrePostes { get; init; }
    public string? QualificationCode { get; init; }
    public string? CodeNAF { get; init; }
    public string? SecteurActivite { get; init; }
    public FranceTravailOrigin? OrigineOffre { get; init; }
}

public sealed record FranceTravailPlace
{
    /// <summary>"69 - Lyon 3e Arrondissement".</summary>
    public string? Libelle { get; init; }

    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? CodePostal { get; init; }

    /// <summary>INSEE commune code.</summary>
    public string? Commune { get; init; }
}

public sealed record FranceTravailCompany
{
    public string? Nom { get; init; }
}

/// <summary>A ROME skill the offer asks for.</summary>
public sealed record FranceTravailCompetence
{
    /// <summary>ROME skill code_ogr.</summary>
    public string? Code { get; init; }

    public string? Libelle { get; init; }

    /// <summary>E (exigée, required) or S (souhaitée, desired).</summary>
    public string? Exigence { get; init; }
}

public sealed record FranceTravailFormation
{
    public string? CodeFormation { get; init; }
    public string? DomaineLibelle { get; init; }
    public string? NiveauLibelle { get; init; }
    public string? Exigence { get; init; }

    /// <summary>The recruiter's words on the training ("BPJEPS", "CAP Petite Enfance").</summary>
    public string? Commentaire { get; init; }
}

public sealed record FranceTravailLicence
{
    public string? Libelle { get; init; }
    public string? Exigence { get; init; }
}

/// <summary>A language the offer asks for ("Anglais", E or S).</summary>
public sealed record FranceTravailLanguage
{
    public string? Libelle { get; init; }
    public string? Exigence { get; init; }
}

/// <summary>A professional quality ("Faire preuve d'autonomie"): a ROME 4.0 savoir-être label.</summary>
public sealed record FranceTravailQuality
{
    public string? Libelle { get; init; }
    public string? Description { get; init; }
}

public sealed record FranceTravailSalary
{
    public string? Libelle { get; init; }
}

public sealed record FranceTravailOrigin
{
    public string? Origine { get; init; }
    public string? UrlOrigine { get; init; }
}
