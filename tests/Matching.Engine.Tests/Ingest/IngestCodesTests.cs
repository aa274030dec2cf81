using Matching.Engine.Indexing;
using Matching.Engine.Ingest;

namespace Matching.Engine.Tests.Ingest;

public sealed class IngestCodesTests
{
    [Theory]
    [InlineData("2 An(s)", 2.0)]
    [InlineData("6 Mois", 0.5)]
    [InlineData("18 Mois", 1.5)]
    [InlineData("Expérience exigée de 3 An(s)", 3.0)]
    [InlineData("1 an - expérience similaire", 1.0)]
    [InlineData("Débutant accepté", null)]
    [InlineData("", null)]
    public void Experience_labels_are_read_as_years(string label, double? years)
    {
        Assert.Equal(years, IngestCodes.ExperienceYears(label));
    }

    [Theory]
    [InlineData("Temps plein", true)]
    [InlineData("Temps partiel", false)]
    [InlineData("Non renseigné", null)]
    public void Working_time_labels_are_read_as_full_time(string label, bool? fullTime)
    {
        Assert.Equal(fullTime, IngestCodes.FullTime(label));
    }

    [Fact]
    public void France_travail_licences_are_read_as_the_strongest_demand()
    {
        Assert.Equal(LicenceRequirement.NotAsked, IngestCodes.Licence(null));
        Assert.Equal(LicenceRequirement.NotAsked, IngestCodes.Licence([]));
        Assert.Equal(LicenceRequirement.Desired, IngestCodes.Licence([new FranceTravailLicence { Libelle = "B - Véhicule léger", Exigence = "S" }]));
        Assert.Equal(LicenceRequirement.Required, IngestCodes.Licence([
            new FranceTravailLicence { Libelle = "B - Véhicule léger", Exigence = "S" },
            new FranceTravailLicence { Libelle = "C - Poids lourd", Exigence = "E" },
        ]));
    }
}
